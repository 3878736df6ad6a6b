import NNLabExercises

/// One implementation of every exercise function, as closures, so the graders can run the student's
/// code (`Submission.student`, the functions in NNLabExercises) or any other implementation in the
/// same process (the grading tests' deliberately wrong ones).
public struct Submission: Sendable {
    public var convOutputSize: @Sendable (_ input: Int, _ filter: Int, _ stride: Int, _ padding: Int) throws -> Int?
    public var convParameterCount: @Sendable (_ filter: Int, _ depth: Int, _ filters: Int) throws -> Int
    public var sigmoidForward: @Sendable (ExArray) throws -> ExArray
    public var sigmoidBackward: @Sendable (_ dout: ExArray, _ out: ExArray) throws -> ExArray
    public var tanhForward: @Sendable (ExArray) throws -> ExArray
    public var tanhBackward: @Sendable (_ dout: ExArray, _ out: ExArray) throws -> ExArray
    public var reluForward: @Sendable (ExArray) throws -> ExArray
    public var reluBackward: @Sendable (_ dout: ExArray, _ x: ExArray) throws -> ExArray
    public var affineForward: @Sendable (_ x: ExArray, _ w: ExArray, _ b: ExArray) throws -> ExArray
    public var affineBackward: @Sendable (_ dout: ExArray, _ x: ExArray, _ w: ExArray) throws -> (dx: ExArray, dw: ExArray, db: ExArray)
    public var softmaxLoss: @Sendable (_ scores: ExArray, _ labels: [Int]) throws -> (loss: Double, dscores: ExArray)
    public var svmLoss: @Sendable (_ scores: ExArray, _ labels: [Int]) throws -> (loss: Double, dscores: ExArray)
    public var dropoutForward: @Sendable (_ x: ExArray, _ keep: Double, _ uniforms: ExArray, _ train: Bool, _ inverted: Bool) throws -> ExArray
    public var batchnormForward: @Sendable (_ x: ExArray, _ gamma: ExArray, _ beta: ExArray, _ eps: Double) throws -> ExArray
    public var batchnormBackward: @Sendable (_ dout: ExArray, _ x: ExArray, _ gamma: ExArray, _ eps: Double) throws -> (dx: ExArray, dgamma: ExArray, dbeta: ExArray)
    public var momentumUpdate: @Sendable (_ x: ExArray, _ dx: ExArray, _ v: ExArray, _ lr: Double, _ mu: Double) throws -> (x: ExArray, velocity: ExArray)
    public var rmspropUpdate: @Sendable (_ x: ExArray, _ dx: ExArray, _ cache: ExArray, _ lr: Double, _ decay: Double, _ eps: Double) throws -> (x: ExArray, cache: ExArray)
    public var adamUpdate: @Sendable (_ x: ExArray, _ dx: ExArray, _ m: ExArray, _ v: ExArray, _ t: Int, _ lr: Double, _ beta1: Double, _ beta2: Double, _ eps: Double) throws -> (x: ExArray, m: ExArray, v: ExArray)
    public var xavierScale: @Sendable (_ fanIn: Int) throws -> Double
    public var heScale: @Sendable (_ fanIn: Int) throws -> Double
    public var logUniformSample: @Sendable (_ u: Double, _ low: Double, _ high: Double) throws -> Double

    /// The functions in NNLabExercises: the student's code (the reference solutions in this repository).
    public static let student = Submission(
        convOutputSize: { try NNLabExercises.convOutputSize(input: $0, filter: $1, stride: $2, padding: $3) },
        convParameterCount: { try NNLabExercises.convParameterCount(filter: $0, depth: $1, filters: $2) },
        sigmoidForward: { try NNLabExercises.sigmoidForward($0) },
        sigmoidBackward: { try NNLabExercises.sigmoidBackward($0, out: $1) },
        tanhForward: { try NNLabExercises.tanhForward($0) },
        tanhBackward: { try NNLabExercises.tanhBackward($0, out: $1) },
        reluForward: { try NNLabExercises.reluForward($0) },
        reluBackward: { try NNLabExercises.reluBackward($0, x: $1) },
        affineForward: { try NNLabExercises.affineForward($0, $1, $2) },
        affineBackward: { try NNLabExercises.affineBackward($0, x: $1, w: $2) },
        softmaxLoss: { try NNLabExercises.softmaxLoss($0, labels: $1) },
        svmLoss: { try NNLabExercises.svmLoss($0, labels: $1) },
        dropoutForward: { try NNLabExercises.dropoutForward($0, keep: $1, uniforms: $2, train: $3, inverted: $4) },
        batchnormForward: { try NNLabExercises.batchnormForward($0, gamma: $1, beta: $2, eps: $3) },
        batchnormBackward: { try NNLabExercises.batchnormBackward($0, x: $1, gamma: $2, eps: $3) },
        momentumUpdate: { try NNLabExercises.momentumUpdate($0, dx: $1, velocity: $2, learningRate: $3, mu: $4) },
        rmspropUpdate: { try NNLabExercises.rmspropUpdate($0, dx: $1, cache: $2, learningRate: $3, decay: $4, eps: $5) },
        adamUpdate: { try NNLabExercises.adamUpdate($0, dx: $1, m: $2, v: $3, t: $4, learningRate: $5, beta1: $6, beta2: $7, eps: $8) },
        xavierScale: { try NNLabExercises.xavierScale(fanIn: $0) },
        heScale: { try NNLabExercises.heScale(fanIn: $0) },
        logUniformSample: { try NNLabExercises.logUniformSample($0, lowExponent: $1, highExponent: $2) })
}

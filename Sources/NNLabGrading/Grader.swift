import NNLabExercises

/// Who sees a grader: students (it ships in the release) or only the instructor (hidden).
public enum Visibility: String, Codable, Sendable { case visible, hidden }

/// One graded check of one exercise: its points, whether it ships to students, the cases whose
/// expected values it needs, and the check itself, which returns nil (full points) or the message
/// saying what was wrong (no points). Partial credit comes from several graders per exercise.
public struct Grader: Sendable {
    public var name: String
    public var exercise: String
    public var points: Double
    public var visibility: Visibility
    public var cases: [GradingCase]
    public var check: @Sendable (_ s: Submission, _ expected: [CaseOutputs]) throws -> String?

    public init(_ name: String, exercise: String, points: Double, _ visibility: Visibility = .visible, cases: [GradingCase],
                check: @escaping @Sendable (_ s: Submission, _ expected: [CaseOutputs]) throws -> String?) {
        self.name = name; self.exercise = exercise; self.points = points; self.visibility = visibility
        self.cases = cases; self.check = check
    }
}

/// An exercise as the score table and README list it.
public struct ExerciseInfo: Sendable {
    public var id: String
    public var title: String
    public var functions: [String]
    public var lab: String
}

public enum Exercises {
    /// Every exercise, in the order of the score table.
    public static let all: [ExerciseInfo] = [
        ExerciseInfo(id: "conv-size", title: "conv output size and parameter count", functions: ["convOutputSize", "convParameterCount"], lab: "conv-arithmetic"),
        ExerciseInfo(id: "activations", title: "sigmoid, tanh, relu forward; sigmoid, tanh backward", functions: ["sigmoidForward", "sigmoidBackward", "tanhForward", "tanhBackward", "reluForward"], lab: "activations"),
        ExerciseInfo(id: "relu-backward", title: "relu backward", functions: ["reluBackward"], lab: "activations"),
        ExerciseInfo(id: "affine", title: "affine forward and backward", functions: ["affineForward", "affineBackward"], lab: "backprop"),
        ExerciseInfo(id: "softmax", title: "softmax loss and gradient", functions: ["softmaxLoss"], lab: "gradcheck"),
        ExerciseInfo(id: "svm", title: "SVM loss and gradient", functions: ["svmLoss"], lab: "gradcheck"),
        ExerciseInfo(id: "dropout", title: "dropout forward, vanilla and inverted", functions: ["dropoutForward"], lab: "dropout"),
        ExerciseInfo(id: "batchnorm", title: "batch norm forward and backward", functions: ["batchnormForward", "batchnormBackward"], lab: "batchnorm"),
        ExerciseInfo(id: "momentum", title: "SGD with momentum update", functions: ["momentumUpdate"], lab: "optimizers"),
        ExerciseInfo(id: "rmsprop", title: "RMSProp update", functions: ["rmspropUpdate"], lab: "adaptive"),
        ExerciseInfo(id: "adam", title: "Adam update with bias correction", functions: ["adamUpdate"], lab: "adaptive"),
        ExerciseInfo(id: "init-scales", title: "Xavier and He scales", functions: ["xavierScale", "heScale"], lab: "init-tanh, init-relu"),
        ExerciseInfo(id: "log-search", title: "log-space random sampling", functions: ["logUniformSample"], lab: "none yet"),
    ]
}

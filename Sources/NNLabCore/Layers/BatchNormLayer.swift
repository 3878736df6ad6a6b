/// Batch normalization as a `Layer`, owning gamma, beta and the running statistics (the math is
/// `BatchNorm`'s, the lecture's formulas, backward step by step).
///
/// - `.train`: each feature is normalized with the batch's mean and variance,
///   xhat = (x - mu) / sqrt(var + eps), y = gamma xhat + beta, and the running averages move
///   towards the batch's, running = momentum * running + (1 - momentum) * batch.
/// - `.test`: y = gamma (x - running mean) / sqrt(running var + eps) + beta, the same for every batch.
///
/// Shapes: x (N, D) with gamma, beta (D); or a conv volume x (N, C, H, W) with gamma, beta (C),
/// normalized per channel over the N*H*W positions (spatial batch norm: moved to (N*H*W, C), through
/// the same functions, and back). Parameters: `gamma`, `beta` (neither regularized).
/// Backward is defined after a training-mode forward only.
public struct BatchNormLayer: Layer {
    public var parameters: ParameterSet
    public private(set) var runningMean: [Double]
    public private(set) var runningVariance: [Double]
    public var momentum: Double
    public let eps: Double
    private var cache: BatchNormCache?
    private var spatialShape: [Int]?

    public var kind: String { "batchnorm" }
    public var features: Int { runningMean.count }
    /// The last training batch's per-feature mean and (population) variance.
    public var batchMean: [Double]? { cache?.mean }
    public var batchVariance: [Double]? { cache?.variance }

    /// gamma = 1, beta = 0, running mean 0 and variance 1 for `features` features (or channels).
    public init(features d: Int, momentum: Double = BatchNorm.defaultMomentum, eps: Double = BatchNorm.defaultEps) throws {
        guard d > 0 else { throw NumericsError.invalidShape("batch norm needs at least one feature") }
        try self.init(gamma: try Tensor(shape: [d], repeating: 1), beta: try Tensor(shape: [d]), momentum: momentum, eps: eps)
    }

    public init(gamma: Tensor, beta: Tensor, momentum: Double = BatchNorm.defaultMomentum, eps: Double = BatchNorm.defaultEps) throws {
        guard gamma.rank == 1, beta.shape == gamma.shape, gamma.count > 0 else {
            throw NumericsError.shapeMismatch(operation: "batch norm gamma and beta (one each per feature)", lhs: gamma.shape, rhs: beta.shape)
        }
        guard momentum >= 0, momentum <= 1, eps > 0 else {
            throw NumericsError.outOfRange("batch norm needs momentum in [0, 1] and eps > 0, got \(momentum) and \(eps)")
        }
        parameters = try ParameterSet([Parameter(name: "gamma", value: gamma), Parameter(name: "beta", value: beta)])
        runningMean = [Double](repeating: 0, count: gamma.count)
        runningVariance = [Double](repeating: 1, count: gamma.count)
        self.momentum = momentum
        self.eps = eps
    }

    /// Puts back running averages saved from a trained layer (a model file), so test mode
    /// normalizes exactly as it did: y = gamma (x - mean) / sqrt(variance + eps) + beta.
    ///
    /// Shapes: `mean` and `variance` hold one number per feature (channel), `features` of each.
    /// Refused (the layer unchanged): another count, a value that is not finite, a negative variance.
    public mutating func setRunningAverages(mean: [Double], variance: [Double]) throws {
        guard mean.count == features, variance.count == features else {
            throw NumericsError.shapeMismatch(operation: "batch norm running averages (one mean and one variance per feature)",
                                              lhs: [mean.count, variance.count], rhs: [features, features])
        }
        guard mean.allSatisfy(\.isFinite), variance.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw NumericsError.outOfRange("batch norm running averages must be finite numbers, the variances 0 or more")
        }
        runningMean = mean
        runningVariance = variance
    }

    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        guard inputShape.count == 1 || inputShape.count == 3, inputShape[0] == features else {
            throw NumericsError.invalidShape("batch norm over \(features) features needs examples of \(features) numbers or \(features) channels, got \(Tensor.describe(inputShape))")
        }
        return inputShape
    }

    public mutating func forward(_ x: Tensor, mode: ForwardMode, rng: inout NumpyRandom) throws -> Tensor {
        let rows = try Self.featureRows(x)
        let gamma = parameters.entries[0].value, beta = parameters.entries[1].value
        let out: Tensor
        switch mode {
        case .train:
            let r = try BatchNorm.forwardTrain(rows, gamma: gamma, beta: beta, runningMean: &runningMean,
                                               runningVar: &runningVariance, momentum: momentum, eps: eps)
            cache = r.cache
            out = r.out
        case .test:
            out = try BatchNorm.forwardTest(rows, gamma: gamma, beta: beta, runningMean: runningMean, runningVar: runningVariance, eps: eps)
            cache = nil
        }
        spatialShape = x.rank == 4 ? x.shape : nil
        return try spatialShape.map { try Self.volume(out, $0) } ?? out
    }

    public mutating func backward(_ dout: Tensor) throws -> Tensor {
        guard let c = cache else {
            throw NumericsError.invalidShape("batch norm backward needs a training-mode forward first")
        }
        let g = try BatchNorm.backward(try Self.featureRows(dout), cache: c)
        parameters.entries[0].gradient = g.dgamma
        parameters.entries[1].gradient = g.dbeta
        return try spatialShape.map { try Self.volume(g.dx, $0) } ?? g.dx
    }

    /// (N, D) as it is; (N, C, H, W) as (N*H*W, C), row (n, i, j) holding position (i, j) of image n.
    static func featureRows(_ x: Tensor) throws -> Tensor {
        switch x.rank {
        case 2: return x
        case 4:
            let (n, c, hw) = (x.shape[0], x.shape[1], x.shape[2] * x.shape[3])
            var out = [Double](repeating: 0, count: x.count)
            for b in 0..<n { for ch in 0..<c { for k in 0..<hw { out[(b * hw + k) * c + ch] = x.data[(b * c + ch) * hw + k] } } }
            return Tensor(unchecked: [n * hw, c], data: out)
        default:
            throw NumericsError.invalidShape("batch norm takes (N, D) or (N, C, H, W), got \(Tensor.describe(x.shape))")
        }
    }

    /// The inverse of `featureRows` for a volume of `shape` (N, C, H, W).
    static func volume(_ rows: Tensor, _ shape: [Int]) throws -> Tensor {
        let (n, c, hw) = (shape[0], shape[1], shape[2] * shape[3])
        var out = [Double](repeating: 0, count: rows.count)
        for b in 0..<n { for ch in 0..<c { for k in 0..<hw { out[(b * c + ch) * hw + k] = rows.data[(b * hw + k) * c + ch] } } }
        return Tensor(unchecked: shape, data: out)
    }
}

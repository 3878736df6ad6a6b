/// RMSProp: cache = decay * cache + (1 - decay) * dx^2; x -= lr * dx / (sqrt(cache) + 1e-7), decay 0.9.
///
/// The cache is a leaky average, so on a constant gradient g it tends to g^2 and the effective step
/// to lr / |g|: it does not decay to zero as AdaGrad's does.
public struct RMSProp: GradientStepRule {
    public var learningRate: Double
    public var decay: Double
    public var epsilon: Double
    public private(set) var cache: [Double] = []
    public private(set) var effectiveStep: [Double] = []
    public init(learningRate: Double, decay: Double = 0.9, epsilon: Double = 1e-7) {
        self.learningRate = learningRate; self.decay = decay; self.epsilon = epsilon
    }

    public mutating func step(_ x: inout [Double], gradient: ([Double]) throws -> [Double]) rethrows {
        sized(&cache, x.count)
        sized(&effectiveStep, x.count)
        let g = try gradient(x)
        for i in x.indices {
            cache[i] = decay * cache[i] + (1 - decay) * g[i] * g[i]
            effectiveStep[i] = learningRate / (cache[i].squareRoot() + epsilon)
            x[i] -= effectiveStep[i] * g[i]
        }
    }
}

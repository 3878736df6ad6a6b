/// AdaGrad: cache += dx^2; x -= lr * dx / (sqrt(cache) + 1e-7).
///
/// The cache only grows, so each coordinate's effective step lr / (sqrt(cache) + 1e-7) shrinks toward
/// zero over a long run: on a constant gradient g it is lr / (|g| sqrt(t)) after t steps.
public struct AdaGrad: GradientStepRule {
    public var learningRate: Double
    public var epsilon: Double
    public private(set) var cache: [Double] = []
    public private(set) var effectiveStep: [Double] = []
    public init(learningRate: Double, epsilon: Double = 1e-7) { self.learningRate = learningRate; self.epsilon = epsilon }

    public mutating func step(_ x: inout [Double], gradient: ([Double]) throws -> [Double]) rethrows {
        sized(&cache, x.count)
        sized(&effectiveStep, x.count)
        let g = try gradient(x)
        for i in x.indices {
            cache[i] += g[i] * g[i]
            effectiveStep[i] = learningRate / (cache[i].squareRoot() + epsilon)
            x[i] -= effectiveStep[i] * g[i]
        }
    }
}

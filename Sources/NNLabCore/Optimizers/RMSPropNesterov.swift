/// RMSProp with Nesterov momentum (Algorithm 8.6): interim point theta + alpha v, g = grad there,
/// r = rho r + (1 - rho) g * g, v = alpha v - eps g / sqrt(delta + r), theta += v.
///
/// As printed the algorithm has no small constant, so a zero gradient component at the first step is
/// 0 / 0; delta = 1e-6 goes inside the root, as the book's plain RMSProp (Algorithm 8.5) writes it.
public struct RMSPropNesterov: GradientStepRule {
    public var learningRate: Double
    public var rho: Double
    public var alpha: Double
    public var delta: Double
    public private(set) var r: [Double] = []
    public private(set) var velocity: [Double] = []
    public private(set) var effectiveStep: [Double] = []
    public init(learningRate: Double, rho: Double = 0.9, alpha: Double = 0.9, delta: Double = 1e-6) {
        self.learningRate = learningRate; self.rho = rho; self.alpha = alpha; self.delta = delta
    }

    public mutating func step(_ x: inout [Double], gradient: ([Double]) throws -> [Double]) rethrows {
        sized(&r, x.count)
        sized(&velocity, x.count)
        sized(&effectiveStep, x.count)
        let interim = x.indices.map { x[$0] + alpha * velocity[$0] }
        let g = try gradient(interim)
        for i in x.indices {
            r[i] = rho * r[i] + (1 - rho) * g[i] * g[i]
            effectiveStep[i] = learningRate / (delta + r[i]).squareRoot()
            velocity[i] = alpha * velocity[i] - effectiveStep[i] * g[i]
            x[i] += velocity[i]
        }
    }
}

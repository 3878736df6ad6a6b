/// Nesterov momentum, look-ahead form: the gradient is taken where momentum is about to carry the
/// point, v = mu * v - lr * grad(theta + mu * v); theta += v.
public struct NesterovLookAhead: GradientStepRule {
    public var learningRate: Double
    public var mu: Double
    public private(set) var velocity: [Double] = []
    public private(set) var effectiveStep: [Double] = []
    public init(learningRate: Double, mu: Double = 0.9) { self.learningRate = learningRate; self.mu = mu }

    /// theta + mu v: the point the rewritten form tracks.
    public func lookAhead(_ theta: [Double]) -> [Double] {
        velocity.count == theta.count ? theta.indices.map { theta[$0] + mu * velocity[$0] } : theta
    }

    public mutating func step(_ x: inout [Double], gradient: ([Double]) throws -> [Double]) rethrows {
        sized(&velocity, x.count)
        let g = try gradient(lookAhead(x))
        for i in x.indices {
            velocity[i] = mu * velocity[i] - learningRate * g[i]
            x[i] += velocity[i]
        }
        effectiveStep = [Double](repeating: learningRate, count: x.count)
    }
}

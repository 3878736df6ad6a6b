/// Momentum, the lecture's velocity form: v = mu * v - lr * dx; x += v (mu = 0.9 by default).
///
/// On a constant slope g the velocity settles where v = mu v - lr g, at v = -lr g / (1 - mu): the
/// terminal speed is 1/(1 - mu) times SGD's step, 10x for mu = 0.9, 2x for 0.5, 100x for 0.99.
public struct Momentum: GradientStepRule {
    public var learningRate: Double
    public var mu: Double
    public private(set) var velocity: [Double] = []
    public private(set) var effectiveStep: [Double] = []
    public init(learningRate: Double, mu: Double = 0.9) { self.learningRate = learningRate; self.mu = mu }

    public mutating func step(_ x: inout [Double], gradient: ([Double]) throws -> [Double]) rethrows {
        sized(&velocity, x.count)
        let g = try gradient(x)
        for i in x.indices {
            velocity[i] = mu * velocity[i] - learningRate * g[i]
            x[i] += velocity[i]
        }
        effectiveStep = [Double](repeating: learningRate, count: x.count)
    }
}

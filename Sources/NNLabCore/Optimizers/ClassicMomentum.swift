/// Momentum, the lecture's other form: v = rho * v + dx; x -= lr * v.
///
/// With a constant lr this v is the velocity form's v divided by -lr (multiply v = rho v + dx by -lr:
/// -lr v = rho (-lr v) - lr dx), so the two forms visit the same points; a learning-rate schedule
/// breaks the equivalence, since the accumulated v here is rescaled by each new lr.
public struct ClassicMomentum: GradientStepRule {
    public var learningRate: Double
    public var rho: Double
    public private(set) var velocity: [Double] = []
    public private(set) var effectiveStep: [Double] = []
    public init(learningRate: Double, rho: Double = 0.9) { self.learningRate = learningRate; self.rho = rho }

    public mutating func step(_ x: inout [Double], gradient: ([Double]) throws -> [Double]) rethrows {
        sized(&velocity, x.count)
        let g = try gradient(x)
        for i in x.indices {
            velocity[i] = rho * velocity[i] + g[i]
            x[i] -= learningRate * velocity[i]
        }
        effectiveStep = [Double](repeating: learningRate, count: x.count)
    }
}

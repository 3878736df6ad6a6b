/// Nesterov momentum, rewritten so the gradient is taken at the stored point:
/// v_prev = v; v = mu * v - lr * dx; x += -mu * v_prev + (1 + mu) * v.
///
/// The stored point is not the look-ahead form's theta but phi = theta + mu v: substituting
/// theta' = theta + v' into phi' = theta' + mu v' gives phi' = phi - mu v + (1 + mu) v', the line above,
/// with the gradient at phi. Both start at the same point because v = 0 there.
public struct Nesterov: GradientStepRule {
    public var learningRate: Double
    public var mu: Double
    public private(set) var velocity: [Double] = []
    public private(set) var effectiveStep: [Double] = []
    public init(learningRate: Double, mu: Double = 0.9) { self.learningRate = learningRate; self.mu = mu }

    public mutating func step(_ x: inout [Double], gradient: ([Double]) throws -> [Double]) rethrows {
        sized(&velocity, x.count)
        let g = try gradient(x)
        for i in x.indices {
            let previous = velocity[i]
            velocity[i] = mu * velocity[i] - learningRate * g[i]
            x[i] += -mu * previous + (1 + mu) * velocity[i]
        }
        effectiveStep = [Double](repeating: learningRate, count: x.count)
    }
}

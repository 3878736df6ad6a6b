/// Nesterov momentum in the lecture's rewritten form (the gradient is taken at the current x,
/// which stands for the look-ahead point), per element:
///     v_prev = v
///     v = mu * v - lr * dx
///     x += -mu * v_prev + (1 + mu) * v
public struct NesterovUpdate: TrainingRule, Equatable {
    public var learningRate: Double
    public var mu: Double
    var velocity = RuleState()

    public init(learningRate: Double, mu: Double = 0.9) {
        self.learningRate = learningRate; self.mu = mu
    }

    public mutating func update(_ name: String, value: inout Tensor, gradient: Tensor) throws {
        try checkShapes(name, value, gradient, "nesterov")
        var v = try velocity.buffer(name, count: value.count, rule: "nesterov")
        let lr = learningRate, mu = mu
        gradient.data.withUnsafeBufferPointer { g in
            value.data.withUnsafeMutableBufferPointer { x in
                for i in x.indices {
                    let prev = v[i]
                    v[i] = mu * v[i] - lr * g[i]
                    x[i] += -mu * prev + (1 + mu) * v[i]
                }
            }
        }
        velocity.store(v, name)
    }
}

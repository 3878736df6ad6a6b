/// SGD with momentum, the lecture's form, per element:
///     v = mu * v - lr * dx
///     x += v
/// v starts at 0 for each parameter (keyed by name). A constant gradient g makes v approach
/// -lr g / (1 - mu): with mu = 0.9 steps become ten times those of SGD.
public struct MomentumUpdate: TrainingRule, Equatable {
    public var learningRate: Double
    public var mu: Double
    var velocity = RuleState()

    public init(learningRate: Double, mu: Double = 0.9) {
        self.learningRate = learningRate; self.mu = mu
    }

    public mutating func update(_ name: String, value: inout Tensor, gradient: Tensor) throws {
        try checkShapes(name, value, gradient, "momentum")
        let lr = learningRate, mu = mu
        try velocity.withBuffer(name, count: value.count, rule: "momentum") { v in
            gradient.data.withUnsafeBufferPointer { g in
                value.data.withUnsafeMutableBufferPointer { x in
                    for i in x.indices {
                        v[i] = mu * v[i] - lr * g[i]
                        x[i] += v[i]
                    }
                }
            }
        }
    }
}

/// AdaGrad (Duchi et al. 2011), the lecture's code, per element:
///     cache += dx^2
///     x += -lr * dx / (sqrt(cache) + eps)        eps = 1e-7
/// The cache only grows, so each parameter's step shrinks like 1/sqrt(number of steps) under a
/// steady gradient.
public struct AdaGradUpdate: TrainingRule, Equatable {
    public var learningRate: Double
    public var eps: Double
    var cache = RuleState()

    public init(learningRate: Double, eps: Double = 1e-7) {
        self.learningRate = learningRate; self.eps = eps
    }

    public mutating func update(_ name: String, value: inout Tensor, gradient: Tensor) throws {
        try checkShapes(name, value, gradient, "adagrad")
        var c = try cache.buffer(name, count: value.count, rule: "adagrad")
        let lr = learningRate, eps = eps
        gradient.data.withUnsafeBufferPointer { g in
            value.data.withUnsafeMutableBufferPointer { x in
                for i in x.indices {
                    c[i] += g[i] * g[i]
                    x[i] += -lr * g[i] / (c[i].squareRoot() + eps)
                }
            }
        }
        cache.store(c, name)
    }
}

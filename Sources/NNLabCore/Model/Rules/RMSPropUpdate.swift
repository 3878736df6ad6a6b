/// RMSProp (Tieleman and Hinton 2012), the lecture's code, per element:
///     cache = decay * cache + (1 - decay) * dx^2     decay = 0.99
///     x += -lr * dx / (sqrt(cache) + eps)            eps = 1e-7
/// A leaky AdaGrad: the cache forgets old gradients, so steps do not decay to zero.
public struct RMSPropUpdate: TrainingRule, Equatable {
    public var learningRate: Double
    public var decay: Double
    public var eps: Double
    var cache = RuleState()

    public init(learningRate: Double, decay: Double = 0.99, eps: Double = 1e-7) {
        self.learningRate = learningRate; self.decay = decay; self.eps = eps
    }

    public mutating func update(_ name: String, value: inout Tensor, gradient: Tensor) throws {
        try checkShapes(name, value, gradient, "rmsprop")
        var c = try cache.buffer(name, count: value.count, rule: "rmsprop")
        let lr = learningRate, eps = eps, d = decay
        gradient.data.withUnsafeBufferPointer { g in
            value.data.withUnsafeMutableBufferPointer { x in
                for i in x.indices {
                    c[i] = d * c[i] + (1 - d) * g[i] * g[i]
                    x[i] += -lr * g[i] / (c[i].squareRoot() + eps)
                }
            }
        }
        cache.store(c, name)
    }
}

import Foundation

/// Adam (Kingma and Ba 2014) with bias correction, per element, t counting this parameter's
/// steps from 1:
///     m = beta1 * m + (1 - beta1) * dx
///     v = beta2 * v + (1 - beta2) * dx^2
///     mb = m / (1 - beta1^t),  vb = v / (1 - beta2^t)
///     x += -lr * mb / (sqrt(vb) + eps)
/// beta1 = 0.9, beta2 = 0.999, eps = 1e-8 (the paper's; the lecture's short form writes 1e-7 and
/// leaves out the correction, which makes the first steps far too small: m and v start at 0).
public struct AdamUpdate: TrainingRule, Equatable {
    public var learningRate: Double
    public var beta1: Double, beta2: Double, eps: Double
    var moments = RuleState()
    var steps: [String: Int] = [:]

    public init(learningRate: Double, beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8) {
        self.learningRate = learningRate; self.beta1 = beta1; self.beta2 = beta2; self.eps = eps
    }

    public mutating func update(_ name: String, value: inout Tensor, gradient: Tensor) throws {
        try checkShapes(name, value, gradient, "adam")
        var m = try moments.buffer(name + "#m", count: value.count, rule: "adam")
        var v = try moments.buffer(name + "#v", count: value.count, rule: "adam")
        let t = (steps[name] ?? 0) + 1
        let b1 = beta1, b2 = beta2, lr = learningRate, eps = eps
        let c1 = 1 - pow(b1, Double(t)), c2 = 1 - pow(b2, Double(t))
        gradient.data.withUnsafeBufferPointer { g in
            value.data.withUnsafeMutableBufferPointer { x in
                for i in x.indices {
                    m[i] = b1 * m[i] + (1 - b1) * g[i]
                    v[i] = b2 * v[i] + (1 - b2) * (g[i] * g[i])
                    let mb = m[i] / c1, vb = v[i] / c2
                    x[i] += -lr * mb / (vb.squareRoot() + eps)
                }
            }
        }
        moments.store(m, name + "#m"); moments.store(v, name + "#v")
        steps[name] = t
    }
}

/// Vanilla (stochastic) gradient descent: x -= lr * dx, elementwise, no state.
public struct SGD: UpdateRule, Equatable {
    public var learningRate: Double

    public init(learningRate: Double) { self.learningRate = learningRate }

    public mutating func update(_ name: String, value: inout Tensor, gradient: Tensor) throws {
        guard value.shape == gradient.shape else {
            throw NumericsError.shapeMismatch(operation: "SGD step on \(name)", lhs: value.shape, rhs: gradient.shape)
        }
        let lr = learningRate
        gradient.data.withUnsafeBufferPointer { g in
            value.data.withUnsafeMutableBufferPointer { x in
                for i in x.indices { x[i] -= lr * g[i] }
            }
        }
    }
}

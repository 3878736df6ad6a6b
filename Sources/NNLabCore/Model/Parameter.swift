/// One tensor a model learns, with the gradient of the loss with respect to it: micrograd's
/// `Value.data` and `.grad`, one field of llm.c's `ParameterTensors` and its twin in the gradients.
///
/// `value` and `gradient` always have the same shape; outside the core they change only through
/// `ParameterSet`, which checks that.
public struct Parameter: Sendable, Equatable {
    /// `w`, `b`, `gamma` inside a layer; `layer2.w` in a model's `ParameterSet`.
    public internal(set) var name: String
    public internal(set) var value: Tensor
    /// dL/dvalue, set by the last backward pass (zeros before any).
    public internal(set) var gradient: Tensor
    /// Whether a weight penalty (L2, L1) applies: true for weights, false for biases, batch norm's
    /// gamma and beta and PReLU's slope (penalizing those only pulls the layer off its useful range).
    public let regularized: Bool

    public init(name: String, value: Tensor, regularized: Bool = false) {
        self.name = name
        self.value = value
        self.gradient = Tensor(unchecked: value.shape, data: [Double](repeating: 0, count: value.count))
        self.regularized = regularized
    }
}

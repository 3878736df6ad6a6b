/// A layer of a network: a function of a batch with a backward pass and, perhaps, parameters.
///
/// Contract (every conformance keeps it, `Sequential` and `gradcheck` rely on it):
/// - `forward(x, mode:, rng:)` computes out = f(x) for a batch (the first dimension is the batch)
///   and keeps in the layer whatever its backward needs (its cache: the input, a mask, im2col's
///   columns). Only training-mode forwards may draw from `rng`; a test-mode forward draws nothing.
/// - `backward(dout)` takes dL/dout for the last forward's output and returns dL/dx; it *sets*
///   (does not add to) the gradient of every parameter to dL/dparameter. Calling it before any
///   forward is an error.
/// - `parameters` are the layer's learnable tensors, named within the layer (`w`, `b`, `gamma`).
///   Changing a value (an update rule, a checkpoint) changes the next forward.
/// - `outputShape(for:)` gives the shape of one example's output for one example's input shape
///   (both without the batch dimension), or the error that forward would throw.
///
/// Layers are values: copying one copies its parameters and cache (a checkpoint, or the nudged
/// copies of a numeric gradient check).
public protocol Layer: Sendable {
    /// A short name for messages: `linear`, `conv`, `tanh`, `batchnorm`.
    var kind: String { get }
    var parameters: ParameterSet { get set }
    func outputShape(for inputShape: [Int]) throws -> [Int]
    mutating func forward(_ x: Tensor, mode: ForwardMode, rng: inout NumpyRandom) throws -> Tensor
    mutating func backward(_ dout: Tensor) throws -> Tensor
    /// `backward` for the first layer of a network, whose dL/dx nobody reads: the same parameter
    /// gradients, dx not computed when the layer can skip it (`Linear` skips its dout W^T).
    mutating func backwardParameters(_ dout: Tensor) throws
}

extension Layer {
    public mutating func backwardParameters(_ dout: Tensor) throws { _ = try backward(dout) }

    /// The error for backward called with no forward before it.
    func noForward() -> NumericsError {
        NumericsError.invalidShape("\(kind) backward needs a forward pass first")
    }
}

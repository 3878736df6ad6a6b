/// The fully connected (affine) layer as a `Layer`: out = x W + b, through BLAS (`Affine`).
///
/// Shapes: x (N, D) (an input (N, d1, d2, ...) is read as N rows of D = d1*d2*... numbers, so a
/// conv volume goes straight in), W (D, M), b (M), out (N, M).
/// Backward: dx = dout W^T (reshaped like x), dW = x^T dout, db = sum of dout over the batch.
/// Parameters: `w` (regularized), `b`.
public struct Linear: Layer {
    public var parameters: ParameterSet
    /// The last forward's input, for backward.
    private var input: Tensor?

    public var kind: String { "linear" }
    public var inputs: Int { parameters.entries[0].value.shape[0] }
    public var outputs: Int { parameters.entries[0].value.shape[1] }

    /// A layer with the given W (D, M) and b (M).
    public init(weight: Tensor, bias: Tensor) throws {
        let (d, m) = try weight.matrixDimensions("linear weights")
        guard bias.shape == [m] else {
            throw NumericsError.shapeMismatch(operation: "linear bias (needs one per output)", lhs: bias.shape, rhs: [m])
        }
        guard d > 0, m > 0 else { throw NumericsError.invalidShape("a linear layer needs at least one input and one output") }
        parameters = try ParameterSet([Parameter(name: "w", value: weight, regularized: true), Parameter(name: "b", value: bias)])
    }

    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        let d = try Tensor.count(of: inputShape)
        guard d == inputs else {
            throw NumericsError.invalidShape("a linear layer with \(inputs) inputs cannot take \(Tensor.describe(inputShape)) = \(d) numbers per example")
        }
        return [outputs]
    }

    public mutating func forward(_ x: Tensor, mode: ForwardMode, rng: inout NumpyRandom) throws -> Tensor {
        let out = try Affine.forward(x, parameters.entries[0].value, parameters.entries[1].value)
        input = x
        return out
    }

    public mutating func backward(_ dout: Tensor) throws -> Tensor {
        guard let x = input else { throw noForward() }
        let g = try Affine.backward(dout, x: x, w: parameters.entries[0].value)
        parameters.entries[0].gradient = g.dw
        parameters.entries[1].gradient = g.db
        return g.dx
    }

    public mutating func backwardParameters(_ dout: Tensor) throws {
        guard let x = input else { throw noForward() }
        let g = try Affine.parameterGradients(dout, x: x)
        parameters.entries[0].gradient = g.dw
        parameters.entries[1].gradient = g.db
    }
}

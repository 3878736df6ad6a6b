/// A convolutional layer as a `Layer` (the math is `Convolution`'s).
///
/// Shapes: x (N, C, H, W), w (F, C, HH, WW), b (F), out (N, F, H', W') with
/// H' = (H - HH + 2 pad)/stride + 1 and W' likewise; a filter that does not fit is an error.
/// Backward: dw, db and dx as `Convolution` derives them. Parameters: `w` (regularized), `b`.
///
/// `algorithm` picks the implementation: `.im2col` (one BLAS product forward, two backward, the
/// column matrix kept from forward) or `.naive`, the nested loops of the definition kept as the
/// reference the fast path is tested against. Both give the same numbers to rounding.
public struct Conv: Layer {
    public enum Algorithm: String, CaseIterable, Sendable, Codable {
        case im2col, naive
    }

    public var parameters: ParameterSet
    public let stride: Int, pad: Int
    public var algorithm: Algorithm
    private var input: Tensor?
    private var columns: Convolution.Im2col.Cache?

    public var kind: String { "conv" }

    public init(weight: Tensor, bias: Tensor, stride: Int = 1, pad: Int = 0, algorithm: Algorithm = .im2col) throws {
        guard weight.rank == 4 else {
            throw NumericsError.invalidShape("conv weights must be (F, C, HH, WW), got \(Tensor.describe(weight.shape))")
        }
        guard bias.shape == [weight.shape[0]] else {
            throw NumericsError.shapeMismatch(operation: "conv bias (one per filter)", lhs: bias.shape, rhs: [weight.shape[0]])
        }
        guard stride > 0, pad >= 0 else {
            throw NumericsError.invalidShape("conv needs a positive stride and a padding of 0 or more, got stride \(stride), pad \(pad)")
        }
        parameters = try ParameterSet([Parameter(name: "w", value: weight, regularized: true), Parameter(name: "b", value: bias)])
        self.stride = stride
        self.pad = pad
        self.algorithm = algorithm
    }

    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        guard inputShape.count == 3 else {
            throw NumericsError.invalidShape("conv needs examples of shape (C, H, W), got \(Tensor.describe(inputShape))")
        }
        let w = parameters.entries[0].value, b = parameters.entries[1].value
        // The geometry of a one-image batch: the same checks forward makes.
        let g = try Convolution.geometry(Tensor(unchecked: [0] + inputShape, data: []), w, b, stride: stride, pad: pad)
        return [g.f, g.outH, g.outW]
    }

    public mutating func forward(_ x: Tensor, mode: ForwardMode, rng: inout NumpyRandom) throws -> Tensor {
        let w = parameters.entries[0].value, b = parameters.entries[1].value
        switch algorithm {
        case .im2col:
            // The last batch's column matrix is refilled when the geometry is the same.
            let out = try Convolution.Im2col.forward(x, w, b, stride: stride, pad: pad, cache: &columns)
            input = nil
            return out
        case .naive:
            let out = try Convolution.Naive.forward(x, w, b, stride: stride, pad: pad)
            input = x
            columns = nil
            return out
        }
    }

    public mutating func backward(_ dout: Tensor) throws -> Tensor {
        let w = parameters.entries[0].value, b = parameters.entries[1].value
        let g: (dx: Tensor, dw: Tensor, db: Tensor)
        switch algorithm {
        case .im2col:
            guard let cache = columns else { throw noForward() }
            g = try Convolution.Im2col.backward(dout, w: w, cache: cache)
        case .naive:
            guard let x = input else { throw noForward() }
            g = try Convolution.Naive.backward(dout, x: x, w: w, b: b, stride: stride, pad: pad)
        }
        parameters.entries[0].gradient = g.dw
        parameters.entries[1].gradient = g.db
        return g.dx
    }
}

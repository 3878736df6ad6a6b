/// Maxout with two pieces as a `Layer` (the math is `Maxout`'s): out = max(x W1 + b1, x W2 + b2),
/// elementwise; the gradient flows only into the piece that won (the first on ties).
///
/// Shapes: x (N, D), W1 and W2 (D, M), b1 and b2 (M), out (N, M).
/// Parameters: `w1`, `b1`, `w2`, `b2` (the weights regularized).
public struct MaxoutLayer: Layer {
    public var parameters: ParameterSet
    private var input: Tensor?

    public var kind: String { "maxout" }

    public init(w1: Tensor, b1: Tensor, w2: Tensor, b2: Tensor) throws {
        let (d, m) = try w1.matrixDimensions("maxout weights")
        guard w2.shape == w1.shape else { throw NumericsError.shapeMismatch(operation: "maxout (the two pieces' weights)", lhs: w1.shape, rhs: w2.shape) }
        guard b1.shape == [m], b2.shape == [m] else {
            throw NumericsError.shapeMismatch(operation: "maxout biases (one per output)", lhs: b1.shape, rhs: [m])
        }
        guard d > 0, m > 0 else { throw NumericsError.invalidShape("a maxout layer needs at least one input and one output") }
        parameters = try ParameterSet([Parameter(name: "w1", value: w1, regularized: true), Parameter(name: "b1", value: b1),
                                       Parameter(name: "w2", value: w2, regularized: true), Parameter(name: "b2", value: b2)])
    }

    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        let d = try Tensor.count(of: inputShape), w = parameters.entries[0].value.shape
        guard d == w[0] else {
            throw NumericsError.invalidShape("a maxout layer with \(w[0]) inputs cannot take \(Tensor.describe(inputShape)) = \(d) numbers per example")
        }
        return [w[1]]
    }

    public mutating func forward(_ x: Tensor, mode: ForwardMode, rng: inout NumpyRandom) throws -> Tensor {
        let p = parameters.entries
        let out = try Maxout.forward(x, p[0].value, p[1].value, p[2].value, p[3].value)
        input = x
        return out
    }

    public mutating func backward(_ dout: Tensor) throws -> Tensor {
        guard let x = input else { throw noForward() }
        let p = parameters.entries
        let g = try Maxout.backward(dout, x: x, w1: p[0].value, b1: p[1].value, w2: p[2].value, b2: p[3].value)
        parameters.entries[0].gradient = g.dw1
        parameters.entries[1].gradient = g.db1
        parameters.entries[2].gradient = g.dw2
        parameters.entries[3].gradient = g.db2
        return g.dx
    }
}

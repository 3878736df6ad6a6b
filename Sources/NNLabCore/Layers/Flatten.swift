/// Flatten: (N, d1, d2, ...) to (N, d1*d2*...), the numbers in the same (row-major) order;
/// backward reshapes dout back to the input's shape. No parameters.
public struct Flatten: Layer {
    public var parameters = ParameterSet()
    private var inputShape: [Int]?

    public init() {}

    public var kind: String { "flatten" }

    public func outputShape(for inputShape: [Int]) throws -> [Int] { [try Tensor.count(of: inputShape)] }

    public mutating func forward(_ x: Tensor, mode: ForwardMode, rng: inout NumpyRandom) throws -> Tensor {
        let out = try Affine.rows(x)
        inputShape = x.shape
        return out
    }

    public mutating func backward(_ dout: Tensor) throws -> Tensor {
        guard let shape = inputShape else { throw noForward() }
        return try dout.reshaped(shape)
    }
}

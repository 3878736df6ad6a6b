/// Max or average pooling as a `Layer` (the math is `Pooling`'s): size x size windows moved by
/// `stride` over each channel of (N, C, H, W), giving (N, C, H', W') with H' = (H - size)/stride + 1.
/// Max pooling sends each output's gradient to the input that won its window (the first on ties),
/// average pooling shares it equally over the window. No parameters.
public struct Pool: Layer {
    public let poolKind: PoolKind
    public let size: Int, stride: Int
    public var parameters = ParameterSet()
    private var input: Tensor?

    public var kind: String { "\(poolKind.rawValue)pool" }

    public init(_ kind: PoolKind, size: Int, stride: Int) throws {
        guard size > 0, stride > 0 else {
            throw NumericsError.invalidShape("pool size and stride must be positive, got \(size) and \(stride)")
        }
        poolKind = kind
        self.size = size
        self.stride = stride
    }

    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        guard inputShape.count == 3 else {
            throw NumericsError.invalidShape("pooling needs examples of shape (C, H, W), got \(Tensor.describe(inputShape))")
        }
        let g = try Pooling.geometry(Tensor(unchecked: [0] + inputShape, data: []), size: size, stride: stride)
        return [inputShape[0], g.oh, g.ow]
    }

    public mutating func forward(_ x: Tensor, mode: ForwardMode, rng: inout NumpyRandom) throws -> Tensor {
        let out = try Pooling.forward(x, size: size, stride: stride, kind: poolKind)
        input = x
        return out
    }

    public mutating func backward(_ dout: Tensor) throws -> Tensor {
        guard let x = input else { throw noForward() }
        return try Pooling.backward(dout, x: x, size: size, stride: stride, kind: poolKind)
    }
}

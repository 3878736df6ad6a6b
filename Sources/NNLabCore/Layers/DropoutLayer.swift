/// Dropout as a `Layer`, keep probability p (the math is `Dropout`'s):
///
/// - `.train`: a mask of Bernoulli(p) draws, drawn as numpy's `np.random.rand(*x.shape) < p` from
///   the generator passed to forward; vanilla multiplies by the mask, inverted by mask / p.
/// - `.test`: vanilla multiplies by p (the expected training output, E[mask * x] = p x); inverted
///   passes x through unchanged. Nothing is drawn.
///
/// Backward multiplies dout by what forward multiplied x by. Any shape; no parameters.
public struct DropoutLayer: Layer {
    public let keep: Double
    public let mode: Dropout.Mode
    public var parameters = ParameterSet()
    /// The last training forward's mask (nil after a test-mode forward).
    public private(set) var mask: Tensor?
    private var lastMode: ForwardMode?

    public var kind: String {
        switch mode {
        case .vanilla: return "dropout"
        case .inverted: return "dropout-inverted"
        }
    }

    public init(keep p: Double, mode: Dropout.Mode = .inverted) throws {
        guard p > 0, p <= 1 else {
            throw NumericsError.outOfRange("dropout's keep probability must be in (0, 1], got \(p)")
        }
        keep = p
        self.mode = mode
    }

    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        _ = try Tensor.count(of: inputShape)
        return inputShape
    }

    public mutating func forward(_ x: Tensor, mode m: ForwardMode, rng: inout NumpyRandom) throws -> Tensor {
        lastMode = m
        switch m {
        case .train:
            let u = try Dropout.mask(like: x, keep: keep, rng: &rng)
            mask = u
            return try Dropout.forwardTrain(x, mask: u, keep: keep, mode: mode)
        case .test:
            mask = nil
            return Dropout.forwardTest(x, keep: keep, mode: mode)
        }
    }

    public mutating func backward(_ dout: Tensor) throws -> Tensor {
        switch lastMode {
        case nil: throw noForward()
        case .train?:
            guard let u = mask else { throw noForward() }
            return try Dropout.backward(dout, mask: u, keep: keep, mode: mode)
        case .test?:
            return Dropout.forwardTest(dout, keep: keep, mode: mode)
        }
    }
}

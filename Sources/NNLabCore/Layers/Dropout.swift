/// Dropout with keep probability p (the lectures' p is the probability of keeping a unit).
///
/// - vanilla: training multiplies by a mask of Bernoulli(p) draws; testing multiplies by p, so the
///   test output equals the expected training output, E[mask * x] = p x.
/// - inverted: training multiplies by mask / p; testing does nothing (the usual implementation:
///   the prediction code stays untouched).
///
/// The mask is drawn as numpy's `np.random.rand(*x.shape) < p`, element by element, so with the
/// same seed it equals the lecture's code.
public enum Dropout {
    public enum Mode: String, Sendable, Codable, CaseIterable { case vanilla, inverted }

    public static func mask(like x: Tensor, keep p: Double, rng: inout NumpyRandom) throws -> Tensor {
        var m = try Tensor(shape: x.shape)
        for i in m.data.indices { m.data[i] = rng.rand() < p ? 1 : 0 }
        return m
    }

    /// Training-time forward with a given mask.
    public static func forwardTrain(_ x: Tensor, mask: Tensor, keep p: Double, mode: Mode) throws -> Tensor {
        let scaled = mode == .inverted ? mask / p : mask
        return try x * scaled
    }

    public static func forwardTest(_ x: Tensor, keep p: Double, mode: Mode) -> Tensor {
        mode == .vanilla ? x * p : x
    }

    /// The gradient passes only through kept units, scaled as in forward.
    public static func backward(_ dout: Tensor, mask: Tensor, keep p: Double, mode: Mode) throws -> Tensor {
        try dout * (mode == .inverted ? mask / p : mask)
    }
}

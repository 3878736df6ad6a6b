/// Spatial arithmetic of sliding-window layers (convolution and pooling).
///
/// A window of size F moved with stride S over an input of size N padded with P zeros on each side
/// lands on `(N - F + 2P)/S + 1` positions (lecture 4, "Conv layer summary": W2 = (W1 - F + 2P)/S + 1,
/// and H2 likewise). The window fits only when `N - F + 2P >= 0` and S divides it exactly; otherwise
/// the last window would hang over the edge ((7 - 3)/3 + 1 = 2.33 in the lecture).
public enum ConvGeometry {
    /// The outcome of one application of the formula.
    public struct Step: Equatable, Sendable {
        public let input: Int, filter: Int, stride: Int, padding: Int
        /// N - F + 2P: how far the window travels.
        public let span: Int
        /// span / S + 1 as a real number (2.333... when it does not fit).
        public let exact: Double
        /// The output size when the window fits exactly, else nil.
        public let output: Int?

        public var fits: Bool { output != nil }
    }

    /// Applies W2 = (W1 - F + 2P)/S + 1 with overflow-checked arithmetic.
    public static func step(input n: Int, filter f: Int, stride s: Int, padding p: Int) throws -> Step {
        precondition(s > 0, "stride validated by the caller")
        let twoP = try Checked.mul(2, p, "the padding")
        let padded = try Checked.add(n, twoP, "the padded size")
        let span = padded - f  // both non-negative Ints, cannot overflow
        let exact = Double(span) / Double(s) + 1
        let output = (span >= 0 && span % s == 0) ? span / s + 1 : nil
        return Step(input: n, filter: f, stride: s, padding: p, span: span, exact: exact, output: output)
    }

    /// Paddings (smallest first, at most `limit`) that make the window fit at stride `s`.
    /// Only paddings below F are offered: a border of F or more zeros adds windows that see only zeros.
    public static func fittingPaddings(input n: Int, filter f: Int, stride s: Int, limit: Int = 4) -> [Int] {
        guard f <= 100_000 else { return [] }
        var out = [Int]()
        for p in 0..<f where out.count < limit {
            if let st = try? step(input: n, filter: f, stride: s, padding: p), st.fits { out.append(p) }
        }
        return out
    }

    /// Strides (smallest first, at most `limit`) that make the window fit at padding `p`: the
    /// divisors of N - F + 2P (any stride fits when that is 0).
    public static func fittingStrides(input n: Int, filter f: Int, padding p: Int, limit: Int = 4) -> [Int] {
        guard let st = try? step(input: n, filter: f, stride: 1, padding: p), st.span >= 0 else { return [] }
        if st.span == 0 { return [1] }
        var out = [Int]()
        var d = 1
        while d <= st.span && out.count < limit {
            if st.span % d == 0 { out.append(d) }
            d += 1
            if d > 1_000_000 { break }
        }
        return out
    }

    /// The padding that keeps the output size equal to the input size.
    ///
    /// At stride 1, (N - F + 2P) + 1 = N gives P = (F - 1)/2, whatever N: an integer only for odd F
    /// (lecture: F = 3 -> 1, F = 5 -> 2, F = 7 -> 3). At stride S, (N - F + 2P)/S + 1 = N gives
    /// P = ((N - 1)S - N + F)/2, which depends on N. Returns the padding as a numerator over 2.
    public static func samePadding(filter f: Int, stride s: Int = 1, input n: Int? = nil) throws -> (twiceP: Int, padding: Int?) {
        let twiceP: Int
        if s == 1 {
            twiceP = f - 1
        } else {
            guard let n else { return (0, nil) }
            let a = try Checked.mul(n - 1, s, "the padding")
            twiceP = try Checked.add(a - n, f, "the padding")
        }
        guard twiceP >= 0, twiceP % 2 == 0 else { return (twiceP, nil) }
        return (twiceP, twiceP / 2)
    }
}

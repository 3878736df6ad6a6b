import NNLabExercises

/// Comparisons that say what is wrong, in the student's terms. Each returns nil when the values
/// agree and a one-line diagnosis otherwise.
///
/// Agreement is elementwise |got - expected| <= atol + rtol |expected| (rtol 1e-6, atol 1e-8 by default:
/// a different summation order changes the last few of 16 digits, far below that).
public enum Check {
    public static func shape(_ s: [Int]) -> String { "[" + s.map(String.init).joined(separator: ", ") + "]" }

    static func close(_ a: Double, _ b: Double, rtol: Double, atol: Double) -> Bool {
        abs(a - b) <= atol + rtol * abs(b)
    }

    static func format(_ v: Double) -> String {
        if v == 0 { return "0" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
        if abs(v) >= 1e-3, abs(v) < 1e5 {
            let r = (v * 1e6).rounded() / 1e6
            return "\(r)"
        }
        return "\(v)"
    }

    static func position(_ flat: Int, _ shape: [Int]) -> String {
        guard shape.count == 2, shape[1] > 0 else { return "[\(flat)]" }
        return "[\(flat / shape[1]), \(flat % shape[1])]"
    }

    /// Compares an array; diagnoses wrong shape (and transposes), NaN or infinity, a wrong sign, a
    /// constant factor (named from `factors`, 2 and 1/2 always tried), or the elements that differ.
    public static func array(_ got: ExArray, _ expected: ExArray, _ name: String, factors: [NamedFactor] = [],
                             rtol: Double = 1e-6, atol: Double = 1e-8) -> String? {
        if got.shape != expected.shape {
            var m = "\(name): wrong shape \(shape(got.shape)), expected \(shape(expected.shape))"
            if got.shape.count == 2, got.shape == expected.shape.reversed(), got.values.count == expected.values.count {
                let (r, c) = (got.shape[0], got.shape[1])
                var t = [Double](repeating: 0, count: r * c)
                for i in 0..<r { for j in 0..<c { t[j * r + i] = got.values[i * c + j] } }
                if zip(t, expected.values).allSatisfy({ close($0, $1, rtol: rtol, atol: atol) }) {
                    m += ": it is the transpose of the expected array"
                } else {
                    m += " (the transposed shape)"
                }
            }
            return m
        }
        if got.values.count != expected.values.count { return "\(name): holds \(got.values.count) values for shape \(shape(got.shape))" }
        if let i = got.values.firstIndex(where: { $0.isNaN }) {
            let n = got.values.filter { $0.isNaN }.count
            return "\(name): NaN produced in \(n) of \(got.count) elements (first at \(position(i, got.shape)))"
        }
        if let i = got.values.firstIndex(where: { $0.isInfinite }) {
            return "\(name): infinity produced (first at \(position(i, got.shape))), expected \(format(expected.values[i]))"
        }
        let bad = got.values.indices.filter { !close(got.values[$0], expected.values[$0], rtol: rtol, atol: atol) }
        if bad.isEmpty { return nil }
        // A constant factor k: got = k expected in every element.
        let ee = expected.values.reduce(0) { $0 + $1 * $1 }
        if ee > 0 {
            let k = zip(got.values, expected.values).reduce(0) { $0 + $1.0 * $1.1 } / ee
            let scale = expected.values.map(abs).max() ?? 0
            // A diagnosis, not the check: a factor explains the error when what is left is under 1e-4 of
            // the values (Adam's eps makes its missing bias correction a factor only to ~1e-6).
            let fits = zip(got.values, expected.values).allSatisfy { abs($0 - k * $1) <= 1e-4 * max(1, abs(k)) * scale + atol }
            if fits, abs(k) > 1e-12 {
                if abs(k + 1) < 1e-4 { return "\(name): wrong sign: every element is the negative of the expected one" }
                let candidates = factors + [NamedFactor("2", 2), NamedFactor("1/2", 0.5)]
                for f in candidates {
                    for (value, label) in [(f.value, f.name), (1 / f.value, "1/\(f.name)")] where value.isFinite && abs(k - value) <= 1e-4 * abs(value) {
                        let shown = label.hasPrefix("1/1/") ? String(label.dropFirst(4)) : label
                        return "\(name): off by a factor of \(shown) (= \(format(value))): every element is \(format(value)) times the expected one"
                    }
                }
                return "\(name): every element is \(format(k)) times the expected one"
            }
        }
        let first = bad[0]
        let flipped = bad.allSatisfy { close(-got.values[$0], expected.values[$0], rtol: rtol, atol: atol) }
        let what = flipped ? "wrong sign in" : "wrong in"
        return "\(name): \(what) \(bad.count) of \(got.count) elements (first at \(position(first, got.shape)): got \(format(got.values[first])), expected \(format(expected.values[first])))"
    }

    /// Compares one number the same way.
    public static func number(_ got: Double, _ expected: Double, _ name: String, factors: [NamedFactor] = [],
                              rtol: Double = 1e-6, atol: Double = 1e-8) -> String? {
        if let m = array(ExArray(vector: [got]), ExArray(vector: [expected]), name, factors: factors, rtol: rtol, atol: atol) {
            if got.isNaN { return "\(name): NaN produced, expected \(format(expected))" }
            return m.replacingFirstElementNote(got: got, expected: expected, name: name)
        }
        return nil
    }

    /// Centered differences (f(x + h e_i) - f(x - h e_i)) / 2h for every element, h = 1e-5: the
    /// truncation error is h^2/6 f''' ~ 1e-11 for the smooth functions graded, the rounding error
    /// ~ 1e-16 / h = 1e-11, so 1e-5 relative agreement leaves a wide margin.
    public static func numericGradient(at x: ExArray, h: Double = 1e-5, _ f: (ExArray) throws -> Double) rethrows -> ExArray {
        var g = ExArray(shape: x.shape)
        var probe = x
        for i in x.values.indices {
            probe.values[i] = x.values[i] + h
            let plus = try f(probe)
            probe.values[i] = x.values[i] - h
            let minus = try f(probe)
            probe.values[i] = x.values[i]
            g.values[i] = (plus - minus) / (2 * h)
        }
        return g
    }

    /// sum(a * b): the scalar L = sum(out * dout) whose gradient through a layer is its backward pass.
    public static func dot(_ a: ExArray, _ b: ExArray) -> Double {
        guard a.values.count == b.values.count else { return .nan }
        return zip(a.values, b.values).reduce(0) { $0 + $1.0 * $1.1 }
    }
}

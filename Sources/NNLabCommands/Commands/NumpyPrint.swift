import Foundation

/// What `print()` shows for a numpy array or scalar with numpy's default print options
/// (precision 8, floatmode maxprec, linewidth 75, no summarization: callers keep arrays at or below
/// numpy's threshold of 1000 values), so `randn 2 3` can be read beside numpy's own output.
///
/// Floats follow numpy's FloatingFormat: positional unless the largest magnitude is at least 1e8, or
/// the smallest non-zero one is below 1e-4, or their ratio exceeds 1000; then scientific. Each value
/// gets its shortest round-trip digits, cut (correctly rounded) at 8 digits after the point; the
/// column pads integer parts on the left and fractions on the right (scientific: with zeros to the
/// longest). Rows wrap at 75 columns the way numpy's `_formatArray` does.
public enum NumpyPrint {
    public static let lineWidth = 75
    /// numpy's print threshold: above it numpy abbreviates with "...".
    public static let threshold = 1000

    /// A Python float's repr, as `print(np.random.rand())` shows it.
    public static func scalar(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x < 0 ? "-inf" : "inf") }
        let d = Digits(x)
        let sign = x.sign == .minus ? "-" : ""
        if d.digits.isEmpty { return sign + "0.0" }
        if d.exponent >= -4, d.exponent < 16 {
            let p = positional(d)
            return sign + p.int + "." + (p.frac.isEmpty ? "0" : p.frac)
        }
        let mant = d.digits.count > 1 ? String(d.digits.first!) + "." + d.digits.dropFirst() : String(d.digits)
        return sign + mant + "e" + exponentText(d.exponent, digits: 2)
    }

    /// `print(array)` for floats of the given shape (row-major values).
    public static func array(_ values: [Double], shape: [Int], lineWidth: Int = lineWidth) -> String {
        layout(floatWords(values), shape: shape, lineWidth: lineWidth)
    }

    /// `print(array)` for integers (numpy's IntegerFormat: right-justified to the longest).
    public static func array(_ values: [Int], shape: [Int], lineWidth: Int = lineWidth) -> String {
        let w = values.map { String($0).count }.max() ?? 0
        let words = values.map { String(repeating: " ", count: w - String($0).count) + String($0) }
        return layout(words, shape: shape, lineWidth: lineWidth)
    }

    // MARK: digits

    /// The shortest round-trip decimal digits of |x|: |x| = d1.d2d3... x 10^exponent.
    struct Digits {
        var digits: [Character] = []
        var exponent = 0
        init(_ x: Double) {
            var s = abs(x).description
            var e10 = 0
            if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
                e10 = Int(s[s.index(after: e)...]) ?? 0
                s = String(s[..<e])
            }
            var point = s.firstIndex(of: ".").map { s.distance(from: s.startIndex, to: $0) } ?? s.count
            var all = Array(s.filter { $0 != "." })
            while let f = all.first, f == "0" { all.removeFirst(); point -= 1 }
            while let l = all.last, l == "0" { all.removeLast() }
            digits = all
            exponent = point + e10 - 1
        }
    }

    /// Integer and fraction digits of a positional rendering (no sign).
    static func positional(_ d: Digits) -> (int: String, frac: String) {
        if d.digits.isEmpty { return ("0", "") }
        if d.exponent >= 0 {
            let intCount = d.exponent + 1
            let intDigits = String(d.digits.prefix(intCount)) + String(repeating: "0", count: max(0, intCount - d.digits.count))
            return (intDigits, String(d.digits.dropFirst(intCount)))
        }
        return ("0", String(repeating: "0", count: -d.exponent - 1) + String(d.digits))
    }

    static func exponentText(_ e: Int, digits: Int) -> String {
        let a = String(abs(e))
        return (e < 0 ? "-" : "+") + String(repeating: "0", count: max(0, digits - a.count)) + a
    }

    /// (sign + integer part, fraction) at most 8 fractional digits, trailing zeros trimmed.
    static func positional8(_ x: Double) -> (int: String, frac: String) {
        let sign = x.sign == .minus ? "-" : ""
        let d = Digits(x)
        let p = positional(d)
        if p.frac.count <= 8 { return (sign + p.int, p.frac) }
        let s = String(format: "%.8f", abs(x))
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        var frac = parts.count > 1 ? String(parts[1]) : ""
        while frac.last == "0" { frac.removeLast() }
        return (sign + String(parts[0]), frac)
    }

    /// (sign + leading digit, fraction, exponent) at most 8 fractional digits, trailing zeros trimmed.
    static func scientific8(_ x: Double) -> (int: String, frac: String, exp: Int) {
        let sign = x.sign == .minus ? "-" : ""
        let d = Digits(x)
        if d.digits.isEmpty { return (sign + "0", "", 0) }
        if d.digits.count - 1 <= 8 { return (sign + String(d.digits[0]), String(d.digits.dropFirst()), d.exponent) }
        let s = String(format: "%.8e", abs(x))
        guard let e = s.firstIndex(of: "e") else { return (sign + s, "", 0) }
        let mant = s[..<e].split(separator: ".", omittingEmptySubsequences: false)
        var frac = mant.count > 1 ? String(mant[1]) : ""
        while frac.last == "0" { frac.removeLast() }
        return (sign + String(mant[0]), frac, Int(s[s.index(after: e)...]) ?? 0)
    }

    static func floatWords(_ values: [Double]) -> [String] {
        let nonZero = values.filter { $0.isFinite && $0 != 0 }.map(abs)
        var exp = false
        if let mx = nonZero.max(), let mn = nonZero.min() {
            exp = mx >= 1e8 || mn < 0.0001 || mx / mn > 1000
        }
        if exp {
            let parts = values.map(scientific8)
            let precision = parts.map(\.frac.count).max() ?? 0
            let padLeft = parts.map(\.int.count).max() ?? 0
            let expSize = parts.map { String(abs($0.exp)).count }.max().map { max($0, 2) } ?? 2
            return parts.map { p in
                String(repeating: " ", count: padLeft - p.int.count) + p.int + "." + p.frac
                    + String(repeating: "0", count: precision - p.frac.count) + "e" + exponentText(p.exp, digits: expSize)
            }
        }
        let parts = values.map(positional8)
        let padLeft = parts.map(\.int.count).max() ?? 0, padRight = parts.map(\.frac.count).max() ?? 0
        return parts.map { p in
            String(repeating: " ", count: padLeft - p.int.count) + p.int + "." + p.frac
                + String(repeating: " ", count: padRight - p.frac.count)
        }
    }

    // MARK: layout

    /// numpy's `_formatArray` for separator " ", prefix "" (what `str(array)` uses).
    static func layout(_ words: [String], shape: [Int], lineWidth: Int) -> String {
        if shape.contains(0) || shape.isEmpty {
            // np.zeros((0,)) prints "[]", np.zeros((2, 0)) "[]" too; a 0-d array is its one word.
            return shape.isEmpty ? (words.first ?? "") : "[]"
        }
        var strides = [Int](repeating: 1, count: shape.count)
        for k in stride(from: shape.count - 2, through: 0, by: -1) { strides[k] = strides[k + 1] * shape[k + 1] }

        func extend(_ s: inout String, _ line: inout String, _ word: String, _ width: Int, _ prefix: String) {
            var wrap = line.count + word.count > width
            if line.count <= prefix.count { wrap = false }
            if wrap {
                var trimmed = line
                while trimmed.last == " " { trimmed.removeLast() }
                s += trimmed + "\n"
                line = prefix
            }
            line += word
        }

        func recurse(_ axis: Int, _ offset: Int, _ hanging: String, _ width: Int) -> String {
            let nextHanging = hanging + " ", nextWidth = width - 1
            let n = shape[axis]
            var s = ""
            if axis == shape.count - 1 {
                let elemWidth = width - 1
                var line = hanging
                for i in 0..<(n - 1) {
                    extend(&s, &line, words[offset + i], elemWidth, hanging)
                    line += " "
                }
                extend(&s, &line, words[offset + n - 1], elemWidth, hanging)
                s += line
            } else {
                let sep = "\n" + String(repeating: "\n", count: shape.count - axis - 2)
                for i in 0..<n {
                    let nested = recurse(axis + 1, offset + i * strides[axis], nextHanging, nextWidth)
                    s += hanging + nested + (i < n - 1 ? sep : "")
                }
            }
            return "[" + String(s.dropFirst(hanging.count)) + "]"
        }
        return recurse(0, 0, " ", lineWidth)
    }
}

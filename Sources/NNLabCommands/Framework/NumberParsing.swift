import NNLabCore

/// Number syntax shared by every argument: plain integers (`32`, `-1`, `1_000`), decimals and
/// exponents (`0.5`, `1e-3`, `3e6` which is whole), never `inf`/`nan` or hex.
public enum NumberParsing {
    public enum IntegerResult: Equatable { case value(Int), notANumber, notWhole, tooLarge }

    static func looksNumeric(_ s: String) -> Bool {
        guard let f = s.first else { return false }
        return f.isNumber || f == "-" || f == "+" || f == "."
    }

    public static func real(_ raw: String) -> Double? {
        let s = raw.replacingUnderscores()
        guard !s.isEmpty, s.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }) else { return nil }
        return Double(s)
    }

    public static func integer(_ raw: String) -> IntegerResult {
        let s = raw.replacingUnderscores()
        if !s.isEmpty, s.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-" || $0 == "+") }) {
            if let v = Int(s) { return .value(v) }
            return real(s) != nil ? .tooLarge : .notANumber
        }
        guard let x = real(s), x.isFinite else { return .notANumber }
        guard x == x.rounded() else { return .notWhole }
        guard abs(x) < 9.2e18 else { return .tooLarge }
        return .value(Int(x))
    }

    /// `32` (square, no depth), `32x32` or `32x32x3`.
    static func volume(_ raw: String, maxExtent: Int, fail: (String) -> CommandError) throws -> Volume? {
        let parts = raw.lowercased().split(separator: "x", omittingEmptySubsequences: false)
            .map { String($0).trimmingWhitespace() }
        guard (1...3).contains(parts.count) else { return nil }
        var dims: [Int] = []
        for p in parts {
            switch integer(p) {
            case .notANumber: return nil
            case .notWhole: throw fail("needs whole numbers")
            case .tooLarge: throw fail("is too large")
            case let .value(v):
                guard v >= 1 else { throw fail("needs positive sizes") }
                guard v <= maxExtent else { throw fail("is too large") }
                dims.append(v)
            }
        }
        switch dims.count {
        case 1: return Volume(square: dims[0])
        case 2: return Volume(width: dims[0], height: dims[1], depth: nil)
        default: return Volume(width: dims[0], height: dims[1], depth: dims[2])
        }
    }
}

/// An exact rational number p/q in lowest terms, q > 0, with overflow-checked arithmetic: used where
/// the lectures do sums by hand (dropout's expectation: 1/4 + 1/4 + ... = 1/2).
public struct Fraction: Equatable, Hashable, Sendable, CustomStringConvertible, Codable {
    public let numerator: Int
    public let denominator: Int

    public init(_ n: Int, _ d: Int = 1) throws {
        guard d != 0 else { throw NumericsError.invalidShape("a fraction with denominator 0") }
        guard n != Int.min, d != Int.min else { throw NumericsError.overflow("the fraction is too large") }
        let g = Fraction.gcd(abs(n), abs(d))
        let s = d < 0 ? -1 : 1
        numerator = s * n / max(g, 1)
        denominator = s * d / max(g, 1)
    }

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

    /// Reads `0.5`, `0.25`, `1/3`, `2` exactly (decimals with up to 9 digits after the point).
    public static func parse(_ s: String) -> Fraction? {
        let t = s.trimmingWhitespace()
        if let slash = t.firstIndex(of: "/") {
            guard let n = Int(t[..<slash]), let d = Int(t[t.index(after: slash)...]), d != 0 else { return nil }
            return try? Fraction(n, d)
        }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first.map(String.init) else { return nil }
        let frac = parts.count == 2 ? String(parts[1]) : ""
        guard frac.count <= 9, whole.isEmpty || whole.allSatisfy(\.isNumber) || (whole.first == "-" && whole.dropFirst().allSatisfy(\.isNumber)),
              frac.allSatisfy(\.isNumber), !(whole.isEmpty && frac.isEmpty) else { return nil }
        var d = 1
        for _ in frac { d *= 10 }
        guard let w = Int(whole.isEmpty ? "0" : (whole == "-" ? "-0" : whole)), w != Int.min,
              let f = Int(frac.isEmpty ? "0" : frac) else { return nil }
        let negative = whole.hasPrefix("-")
        let (a, o1) = abs(w).multipliedReportingOverflow(by: d)
        let (n, o2) = a.addingReportingOverflow(f)
        guard !o1, !o2 else { return nil }
        return try? Fraction(negative ? -n : n, d)
    }

    public var value: Double { Double(numerator) / Double(denominator) }

    public var description: String { denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)" }

    public static func + (a: Fraction, b: Fraction) throws -> Fraction {
        let (x, o1) = a.numerator.multipliedReportingOverflow(by: b.denominator)
        let (y, o2) = b.numerator.multipliedReportingOverflow(by: a.denominator)
        let (n, o3) = x.addingReportingOverflow(y)
        let (d, o4) = a.denominator.multipliedReportingOverflow(by: b.denominator)
        guard !(o1 || o2 || o3 || o4) else { throw NumericsError.overflow("the exact sum is too large to represent") }
        return try Fraction(n, d)
    }

    public static func * (a: Fraction, b: Fraction) throws -> Fraction {
        let (n, o1) = a.numerator.multipliedReportingOverflow(by: b.numerator)
        let (d, o2) = a.denominator.multipliedReportingOverflow(by: b.denominator)
        guard !(o1 || o2) else { throw NumericsError.overflow("the exact product is too large to represent") }
        return try Fraction(n, d)
    }

    public static func - (a: Fraction, b: Fraction) throws -> Fraction { try a + (try Fraction(-b.numerator, b.denominator)) }

    public func power(_ k: Int) throws -> Fraction {
        var r = try Fraction(1)
        for _ in 0..<k { r = try r * self }
        return r
    }
}


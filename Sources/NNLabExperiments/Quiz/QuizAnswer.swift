import Foundation

/// Reading a typed answer: a number in any usual notation (`32`, `-0.5`, `.5`, `1e-3`, `2.5E+2`,
/// `+3`) or a fraction of two such numbers (`1/3`, `-3/2`). Anything else is refused with a reason,
/// so the question can be asked again.
public enum QuizAnswer {
    /// Longer than this is not an answer anyone typed on purpose.
    public static let maxLength = 40
    /// Answers are at most this large in magnitude (the largest quiz answer is a parameter count
    /// of a few million).
    public static let maxMagnitude = 1e12

    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case empty, tooLong(Int), notANumber(String), notFinite, tooLarge, divisionByZero

        public var description: String {
            let how = "type a number such as 32, 0.25, 1e-3 or 1/3"
            switch self {
            case .empty: return "no answer given: \(how) (q leaves the quiz, skip shows the answer)"
            case let .tooLong(n): return "that answer is \(n) characters long; answers are at most \(QuizAnswer.maxLength): \(how)"
            case let .notANumber(s): return "'\(s)' is not a number: \(how)"
            case .notFinite: return "that is not a finite number: \(how)"
            case .tooLarge: return "that number is larger than any answer here (at most 1e12 in size): \(how)"
            case .divisionByZero: return "a fraction cannot have 0 below the line: \(how)"
            }
        }
    }

    public static func parse(_ raw: String) -> Result<Double, Problem> {
        let s = raw.trimmingCharacters(in: .whitespaces)
        if s.isEmpty { return .failure(.empty) }
        if s.count > maxLength { return .failure(.tooLong(s.count)) }
        let parts = s.split(separator: "/", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count <= 2 else { return .failure(.notANumber(s)) }
        var values: [Double] = []
        for p in parts {
            guard let v = plainNumber(p) else { return .failure(.notANumber(s)) }
            values.append(v)
        }
        var value = values[0]
        if values.count == 2 {
            if values[1] == 0 { return .failure(.divisionByZero) }
            value /= values[1]
        }
        guard value.isFinite else { return .failure(.notFinite) }
        guard abs(value) <= maxMagnitude else { return .failure(.tooLarge) }
        return .success(value)
    }

    /// A decimal number with an optional sign and exponent; no hex, no `inf`, no `nan`.
    static func plainNumber(_ s: String) -> Double? {
        let allowed = Set("0123456789.eE+-")
        guard !s.isEmpty, s.allSatisfy({ allowed.contains($0) }), s.contains(where: \.isNumber) else { return nil }
        var t = s
        if t.hasPrefix("+") { t.removeFirst() }
        if t.hasPrefix(".") { t = "0" + t }
        if t.hasPrefix("-.") { t = "-0" + t.dropFirst() }
        return Double(t)
    }
}

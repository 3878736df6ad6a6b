import NNLabCore

/// What an argument accepts. Each kind parses, describes itself for help and errors, and offers
/// completions.
public enum ValueKind: Sendable {
    case integer(ClosedRange<Int>)
    /// A real number in a range; `exclusiveLower` for ranges like (0, 1].
    case real(ClosedRange<Double>, exclusiveLower: Bool = false)
    case choice([String])
    /// A whole number in a range, or one of a few words (a padding or `same`).
    case integerOrChoice(ClosedRange<Int>, [String])
    /// `N` (square, no depth) or `WxHxD` / `WxH`, each extent in 1...maxExtent, or one of `words`.
    case volume(maxExtent: Int, words: [String] = [])
    case text

    public var placeholder: String {
        switch self {
        case .integer: return "N"
        case .real: return "X"
        case let .choice(c): return c.joined(separator: "|")
        case let .integerOrChoice(_, c): return "N|" + c.joined(separator: "|")
        case .volume: return "WxHxD"
        case .text: return "TEXT"
        }
    }

    /// What is allowed, in words: used by help and by every error message.
    public var allowed: String {
        switch self {
        case let .integer(r): return Self.describe(r)
        case let .real(r, excl):
            let lo = excl ? "(" : "["
            return "a number in \(lo)\(Format.number(r.lowerBound)), \(Format.number(r.upperBound))]"
        case let .choice(c): return "one of: " + c.joined(separator: ", ")
        case let .integerOrChoice(r, c): return Self.describe(r) + ", or " + c.joined(separator: ", ")
        case let .volume(m, w): return "N or WxHxD with whole numbers from 1 to \(m)" + w.map { ", or \($0)" }.joined()
        case .text: return "text"
        }
    }

    public var choices: [String] {
        switch self {
        case let .choice(c), let .integerOrChoice(_, c), let .volume(_, c): return c
        default: return []
        }
    }

    static func describe(_ r: ClosedRange<Int>) -> String {
        r.upperBound == Int.max ? "a whole number from \(r.lowerBound) up" : "a whole number from \(r.lowerBound) to \(r.upperBound)"
    }
}

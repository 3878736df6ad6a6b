import NNLabCommands
import NNLabCore

/// `FIELD OP VALUE [TOLERANCE]`.
public struct Expectation: Sendable, Equatable {
    public enum Op: String, Sendable, CaseIterable {
        case eq = "==", ne = "!=", le = "<=", ge = ">=", lt = "<", gt = ">", approx = "~"
    }
    public enum Value: Sendable, Equatable { case number(Double), string(String), bool(Bool), null }

    public var field: String
    public var op: Op
    public var value: Value
    /// For `~`: absolute tolerance, or relative when written with % (`5%`).
    public var tolerance: Double?
    public var relative: Bool

    static func parse(_ s: String) throws -> Expectation {
        let words = s.splitRespectingQuotes()
        guard words.count == 3 || words.count == 4 else {
            throw LabMessage("expect takes FIELD OP VALUE [TOLERANCE], e.g. expect params == 760 or expect std ~ 0.21 0.01")
        }
        let field = words[0]
        _ = try FieldPath.parse(field).count
        let opWord = words[1] == "≈" ? "~" : words[1]
        guard let op = Op(rawValue: opWord) else {
            throw LabMessage("unknown comparison '\(words[1])'; use one of == != < <= > >= ~ (≈)")
        }
        let value = try parseValue(words[2])
        var tol: Double?
        var relative = false
        if words.count == 4 {
            var t = words[3]
            if t.hasSuffix("%") { relative = true; t.removeLast() }
            guard let x = Double(t), x >= 0, x.isFinite else {
                throw LabMessage("tolerance '\(words[3])' must be a non-negative number like 0.01 or 5%")
            }
            tol = relative ? x / 100 : x
            guard op == .approx else { throw LabMessage("a tolerance goes with ~ (≈) only") }
        }
        if op == .approx {
            guard case .number = value else { throw LabMessage("~ compares numbers; '\(words[2])' is not one") }
            if tol == nil { throw LabMessage("~ needs a tolerance, e.g. expect std ~ 0.21 0.01 (or 5%)") }
        }
        if case .string = value, ![.eq, .ne].contains(op) {
            throw LabMessage("text compares with == or != only")
        }
        return Expectation(field: field, op: op, value: value, tolerance: tol, relative: relative)
    }

    static func parseValue(_ w: String) throws -> Value {
        if let q = LabScript.unquote(w) { return .string(q) }
        if let f = w.first, f == "\"" || f == "'" {
            throw LabMessage("the text \(w) has no closing \(f); e.g. expect volume == \"32x32x10\"")
        }
        switch w {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null": return .null
        default:
            if let d = NumberParsing.real(w) { return .number(d) }
            if w == "inf" { return .number(.infinity) }
            if w == "nan" { return .number(.nan) }
            return .string(w)
        }
    }

    var valueText: String {
        switch value {
        case let .number(d): return Format.number(d)
        case let .string(s): return "\"\(s)\""
        case let .bool(b): return String(b)
        case .null: return "null"
        }
    }

    public var text: String {
        var s = "\(field) \(op.rawValue) \(valueText)"
        if let t = tolerance { s += relative ? " ±\(Format.number(t * 100))%" : " ±\(Format.number(t))" }
        return s
    }

    /// Checks a value; nil when it holds, else what was found instead.
    public func check(_ actual: JSONValue) -> String? {
        switch (value, actual) {
        case let (.number(want), .number(got)):
            let ok: Bool
            switch op {
            case .eq: ok = got == want || (got.isNaN && want.isNaN)
            case .ne: ok = got != want
            case .lt: ok = got < want
            case .le: ok = got <= want
            case .gt: ok = got > want
            case .ge: ok = got >= want
            case .approx:
                let t = (tolerance ?? 0) * (relative ? abs(want) : 1)
                ok = abs(got - want) <= t
            }
            return ok ? nil : actual.display
        case let (.string(want), .string(got)):
            return (op == .eq) == (got == want) ? nil : actual.display
        case let (.bool(want), .bool(got)):
            return (op == .eq) == (got == want) ? nil : actual.display
        case (.null, .null):
            return op == .eq ? nil : "null"
        case (.null, _):
            return op == .ne ? nil : actual.display
        default:
            if case .string(let want) = value, case .number = actual {
                return "\(actual.display), a number, not the text \"\(want)\""
            }
            return op == .ne ? nil : actual.display
        }
    }
}

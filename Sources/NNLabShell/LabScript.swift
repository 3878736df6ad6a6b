import NNLabCommands
import NNLabCore

/// A `.lab` file: what a person would type, plus checks on the results.
///
///     # comment
///     conv 32x32x3 5 1 2 10          any command
///     expect volume == "32x32x10"    a field of the last result: == != < <= > >= and ~ (or ≈) TOL
///     expect params == 760
///     expect out_exact ~ 2.333 0.001
///     expect-error conv 7 0 1 0      must fail with a message
///     expect-output "output volume  32x32x10"   a whole line of the last printed text (trimmed)
///     expect-output ~ "does not fit"            ...or a part of one
///     expect-output /fits with: pad [0-9]/      ...or a regular expression
///     pause                          waits for Enter with `nnlab run --pace` on a terminal
///
/// `#` lines are the instructor's narration: `nnlab run` shows them between the commands, the
/// quiet runs skip them.
public struct LabScript: Sendable {
    public struct Step: Sendable {
        public var line: Int
        public var source: String
        public var kind: Kind

        /// Whether the step is a check (`expect`, `expect-error`, `expect-output`).
        public var isCheck: Bool {
            switch kind {
            case .expect, .expectError, .expectOutput: return true
            case .command, .pause, .narration: return false
            }
        }
    }

    public enum Kind: Sendable {
        case command(String)
        case expect(Expectation)
        /// A command that must fail; with a message part, the error must contain it.
        case expectError(command: String, message: String?)
        case expectOutput(OutputMatch)
        case pause
        /// A `#` line's text after the `#` (`nnlab run` shows it; it checks nothing).
        case narration(String)
    }

    public enum OutputMatch: Sendable, Equatable {
        case line(String), contains(String), regex(String)
    }

    public var path: String
    public var steps: [Step]

    public struct ParseError: Error, CustomStringConvertible {
        public var path: String, line: Int, message: String
        public var description: String { "\(path):\(line): \(message)" }
    }

    public static func parse(_ text: String, path: String) throws -> LabScript {
        var steps: [Step] = []
        // Split on every line break: "\r\n" is one Character in Swift, so splitting on "\n" alone
        // read a CRLF file as a single line.
        for (i, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let n = i + 1
            let line = String(raw).trimmingWhitespace()
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                let text = String(line.drop { $0 == "#" }).trimmingWhitespace()
                if !text.isEmpty { steps.append(Step(line: n, source: line, kind: .narration(text))) }
                continue
            }
            let (head, rest) = line.splitFirstWord()
            do {
                switch head {
                case "expect":
                    steps.append(Step(line: n, source: line, kind: .expect(try Expectation.parse(rest))))
                case "expect-error":
                    let (message, command) = try parseExpectError(rest)
                    steps.append(Step(line: n, source: line, kind: .expectError(command: command, message: message)))
                case "expect-output":
                    steps.append(Step(line: n, source: line, kind: .expectOutput(try parseOutputMatch(rest))))
                case "pause":
                    steps.append(Step(line: n, source: line, kind: .pause))
                default:
                    steps.append(Step(line: n, source: line, kind: .command(line)))
                }
            } catch let e as LabMessage {
                throw ParseError(path: path, line: n, message: e.text)
            } catch {
                throw ParseError(path: path, line: n, message: "\(error)")
            }
        }
        return LabScript(path: path, steps: steps)
    }

    /// `expect-error [\"MESSAGE PART\"] COMMAND...`.
    static func parseExpectError(_ rest: String) throws -> (String?, String) {
        let example = "e.g. expect-error conv 32 0 or expect-error \"must be positive\" conv 32 0"
        guard let q = rest.first, q == "\"" || q == "'" else {
            guard !rest.isEmpty else { throw LabMessage("expect-error needs a command, \(example)") }
            return (nil, rest)
        }
        let body = rest.dropFirst()
        guard let close = body.firstIndex(of: q) else {
            throw LabMessage("the message part has no closing \(q); \(example)")
        }
        let message = String(body[..<close])
        let command = String(body[body.index(after: close)...]).trimmingWhitespace()
        guard !message.isEmpty else { throw LabMessage("the message part is empty; \(example)") }
        guard !command.isEmpty else { throw LabMessage("expect-error needs a command after the message part, \(example)") }
        return (message, command)
    }

    static func parseOutputMatch(_ s: String) throws -> OutputMatch {
        var s = s
        var contains = false
        if s.hasPrefix("~") { contains = true; s = String(s.dropFirst()).trimmingWhitespace() }
        if s.hasPrefix("/"), s.hasSuffix("/"), s.count >= 2 {
            return .regex(String(s.dropFirst().dropLast()))
        }
        guard let q = unquote(s) else {
            throw LabMessage("expect-output takes \"text\" (a whole line), ~ \"text\" (part of a line) or /regex/")
        }
        return contains ? .contains(q) : .line(q)
    }

    static func unquote(_ s: String) -> String? {
        guard s.count >= 2, let f = s.first, f == "\"" || f == "'", s.last == f else { return nil }
        return String(s.dropFirst().dropLast())
    }
}

struct LabMessage: Error { var text: String; init(_ t: String) { text = t } }

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

extension String {
    func splitFirstWord() -> (String, String) {
        guard let i = firstIndex(where: { $0.isWhitespace }) else { return (self, "") }
        return (String(self[..<i]), String(self[i...]).trimmingWhitespace())
    }

    /// Whitespace-separated words; a quoted word keeps its quotes (so "a b" stays one value).
    func splitRespectingQuotes() -> [String] {
        var out: [String] = [], cur = "", quote: Character?
        for ch in self {
            if let q = quote {
                cur.append(ch)
                if ch == q { quote = nil }
            } else if ch == "\"" || ch == "'" {
                quote = ch; cur.append(ch)
            } else if ch.isWhitespace {
                if !cur.isEmpty { out.append(cur); cur = "" }
            } else {
                cur.append(ch)
            }
        }
        if !cur.isEmpty { out.append(cur) }
        return out
    }
}

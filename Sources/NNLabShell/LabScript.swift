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

import NNLabCore

/// An error a command reports to the user: one line saying what was wrong, what is allowed and an
/// example. `token` is the offending word's position in the line, for a caret where one helps.
public struct CommandError: Error, Equatable, Sendable, CustomStringConvertible {
    public var command: String?
    public var message: String
    public var token: Int?
    /// Extra lines shown under the message on screen, e.g. an expression with a caret under the
    /// mistake. The message itself stays one line.
    public var detail: String?

    public init(_ message: String, command: String? = nil, token: Int? = nil, detail: String? = nil) {
        self.message = message; self.command = command; self.token = token; self.detail = detail
    }

    /// `conv: F must be a whole number from 1 to 100000, got 'x' (e.g. conv 32 5 1 2)`. Control
    /// characters the user typed are shown escaped (`\u{1B}`), so a message is one harmless line.
    public var description: String {
        Escape.visible(command.map { "\($0): \(message)" } ?? message)
    }

    /// The statement with a caret under the offending word, as the detail lines shown under the
    /// message (unless the error already has its own, like graph's caret inside an expression).
    public func pointing(into statement: String) -> CommandError {
        guard detail == nil, let t = token, t >= 0, t <= statement.count else { return self }
        var e = self
        let before = Escape.visible(String(statement.prefix(t)))
        e.detail = "  " + Escape.visible(statement) + "\n  " + String(repeating: " ", count: before.count) + "^"
        return e
    }

    /// Wraps a core error with the command's name.
    static func from(_ error: Error, command: String) -> CommandError {
        if let e = error as? CommandError {
            var e = e
            if e.command == nil { e.command = command }
            return e
        }
        if let e = error as? NumericsError { return CommandError(e.description, command: command) }
        return CommandError(String(describing: error), command: command)
    }
}

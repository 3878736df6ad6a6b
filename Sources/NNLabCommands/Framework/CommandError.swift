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

    /// `conv: F must be a whole number from 1 to 100000, got 'x' (e.g. conv 32 5 1 2)`
    public var description: String {
        command.map { "\($0): \(message)" } ?? message
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

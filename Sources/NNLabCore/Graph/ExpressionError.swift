/// A syntax error: what was expected, and the column (0-based) to put a caret under.
public struct ExpressionError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var column: Int
    public var description: String { "\(message) at column \(column + 1)" }
}

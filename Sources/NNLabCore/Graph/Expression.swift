/// The expression language of `graph`: numbers, variables, + - * / ^, unary minus, parentheses,
/// and the functions exp, log, sqrt, tanh, sigmoid, relu, abs (one argument) and max, min (two).
///
/// Grammar (lowest precedence first; ^ binds tighter than unary minus and is right-associative,
/// so -x^2 is -(x^2) and 2^3^2 is 2^9, as in mathematics):
///
///     sum     := product (('+' | '-') product)*
///     product := unary (('*' | '/') unary)*
///     unary   := '-' unary | power
///     power   := atom ('^' unary)?
///     atom    := number | name | name '(' sum (',' sum)* ')' | '(' sum ')'
public indirect enum Expression: Equatable, Sendable {
    case number(Double)
    case variable(String)
    case unary(UnaryOp, Expression)
    case binary(BinaryOp, Expression, Expression)

    public enum UnaryOp: String, CaseIterable, Sendable {
        case negate = "-", exp, log, sqrt, tanh, sigmoid, relu, abs
    }
    public enum BinaryOp: String, CaseIterable, Sendable {
        case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^", max, min
    }

    /// Function names, which cannot be variables.
    public static let functions: Set<String> = ["exp", "log", "sqrt", "tanh", "sigmoid", "relu", "abs", "max", "min"]

    /// Variables in order of first appearance.
    public var variables: [String] {
        var seen: [String] = []
        func walk(_ e: Expression) {
            switch e {
            case .number: break
            case let .variable(v): if !seen.contains(v) { seen.append(v) }
            case let .unary(_, a): walk(a)
            case let .binary(_, a, b): walk(a); walk(b)
            }
        }
        walk(self)
        return seen
    }
}

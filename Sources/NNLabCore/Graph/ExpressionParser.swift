public enum ExpressionParser {
    enum Token: Equatable {
        case number(Double), name(String), symbol(Character), end
    }

    struct Lexed { var token: Token; var column: Int }

    static func lex(_ text: String) throws -> [Lexed] {
        var out: [Lexed] = []
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace { i += 1; continue }
            if c.isASCII && (c.isNumber || c == ".") {
                let start = i
                while i < chars.count, chars[i].isASCII, chars[i].isNumber || chars[i] == "." { i += 1 }
                // exponent: 1e-3
                if i < chars.count, chars[i] == "e" || chars[i] == "E" {
                    var j = i + 1
                    if j < chars.count, chars[j] == "+" || chars[j] == "-" { j += 1 }
                    if j < chars.count, chars[j].isASCII, chars[j].isNumber {
                        i = j
                        while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1 }
                    }
                }
                let s = String(chars[start..<i])
                guard let v = Double(s), v.isFinite else {
                    throw ExpressionError(message: "'\(s)' is not a number", column: start)
                }
                out.append(Lexed(token: .number(v), column: start))
                continue
            }
            if c.isLetter || c == "_" {
                let start = i
                while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" { i += 1 }
                out.append(Lexed(token: .name(String(chars[start..<i])), column: start))
                continue
            }
            if "+-*/^(),".contains(c) {
                out.append(Lexed(token: .symbol(c), column: i))
                i += 1
                continue
            }
            throw ExpressionError(message: "unexpected character '\(c)'; expressions use numbers, names, + - * / ^ ( ) ,", column: i)
        }
        out.append(Lexed(token: .end, column: chars.count))
        return out
    }

    /// At most this many numbers, names and symbols: the graph is built and freed recursively, so a
    /// bound on its size is a bound on the stack it needs.
    public static let maxTokens = 1000

    /// Parses an expression; nesting deeper than 200 levels, or more than `maxTokens` tokens, is
    /// refused rather than risking the stack.
    public static func parse(_ text: String) throws -> Expression {
        let tokens = try lex(text)
        guard tokens.count <= maxTokens + 1 else {
            throw ExpressionError(message: "the expression is too long: at most \(maxTokens) numbers, names and symbols", column: tokens[maxTokens].column)
        }
        var p = Parser(tokens: tokens)
        let e = try p.sum()
        guard p.peek.token == .end else {
            throw ExpressionError(message: "expected an operator or the end of the expression", column: p.peek.column)
        }
        return e
    }

    struct Parser {
        var tokens: [Lexed]
        var index = 0
        var depth = 0
        var peek: Lexed { tokens[min(index, tokens.count - 1)] }

        mutating func advance() { index += 1 }

        mutating func nest() throws {
            depth += 1
            if depth > 200 { throw ExpressionError(message: "the expression is nested too deeply (at most 200 levels)", column: peek.column) }
        }

        mutating func sum() throws -> Expression {
            try nest(); defer { depth -= 1 }
            var e = try product()
            while case let .symbol(c) = peek.token, c == "+" || c == "-" {
                advance()
                e = .binary(c == "+" ? .add : .subtract, e, try product())
            }
            return e
        }

        mutating func product() throws -> Expression {
            var e = try unary()
            while case let .symbol(c) = peek.token, c == "*" || c == "/" {
                advance()
                e = .binary(c == "*" ? .multiply : .divide, e, try unary())
            }
            return e
        }

        mutating func unary() throws -> Expression {
            if case .symbol("-") = peek.token {
                advance()
                try nest(); defer { depth -= 1 }
                return .unary(.negate, try unary())
            }
            return try power()
        }

        mutating func power() throws -> Expression {
            let base = try atom()
            if case .symbol("^") = peek.token {
                advance()
                try nest(); defer { depth -= 1 }
                return .binary(.power, base, try unary())
            }
            return base
        }

        mutating func atom() throws -> Expression {
            let t = peek
            switch t.token {
            case let .number(v):
                advance()
                return .number(v)
            case let .name(n):
                advance()
                guard Expression.functions.contains(n) else {
                    if case .symbol("(") = peek.token {
                        throw ExpressionError(message: "unknown function '\(n)'; functions: exp, log, sqrt, tanh, sigmoid, relu, abs, max, min", column: t.column)
                    }
                    return .variable(n)
                }
                guard case .symbol("(") = peek.token else {
                    throw ExpressionError(message: "expected '(' after \(n), as in \(n)(x)", column: peek.column)
                }
                advance()
                var args = [try sum()]
                while case .symbol(",") = peek.token { advance(); args.append(try sum()) }
                guard case .symbol(")") = peek.token else {
                    throw ExpressionError(message: "expected ')' to close \(n)(", column: peek.column)
                }
                advance()
                let two = n == "max" || n == "min"
                guard args.count == (two ? 2 : 1) else {
                    throw ExpressionError(message: "\(n) takes \(two ? "two arguments, as in \(n)(x, 0)" : "one argument"), got \(args.count)", column: t.column)
                }
                if two { return .binary(n == "max" ? .max : .min, args[0], args[1]) }
                guard let op = Expression.UnaryOp(rawValue: n) else {
                    throw ExpressionError(message: "unknown function '\(n)'", column: t.column)
                }
                return .unary(op, args[0])
            case .symbol("("):
                advance()
                let e = try sum()
                guard case .symbol(")") = peek.token else {
                    throw ExpressionError(message: "expected ')' to close the '(' at column \(t.column + 1)", column: peek.column)
                }
                advance()
                return e
            case .end:
                throw ExpressionError(message: "the expression ends too soon: expected a number, a name or '('", column: t.column)
            case let .symbol(c):
                throw ExpressionError(message: "expected a number, a name or '(' but found '\(c)'", column: t.column)
            }
        }
    }
}

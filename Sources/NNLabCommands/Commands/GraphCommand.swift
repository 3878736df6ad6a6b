import NNLabCore
import NNLabExperiments

/// `graph EXPR VAR=VALUE ...`: a computational graph, forward and backward, gate by gate.
public struct GraphCommand: Command {
    static let expr = Arg<String>.text("EXPR", positional: true, required: true, help: "the expression, e.g. \"(x+y)*z\"")

    public static let spec = CommandSpec(
        name: "graph", topic: .backprop,
        summary: "forward and backward through an expression's computational graph, gate by gate",
        discussion: """
            The expression is split into gates (+ - * / ^, exp, log, sqrt, tanh, sigmoid, relu, abs, max, \
            min). Forward computes each gate's value. Backward starts from df/df = 1 and walks the gates in \
            reverse: each multiplies the gradient arriving from above (upstream) by its local derivative and \
            passes the product back to its inputs; a variable used twice adds up what both uses send. The \
            last lines compare each df/dvariable with a centred numeric difference (f(x+h) - f(x-h))/2h, \
            h = 1e-5. Quote the expression if it has spaces.
            """,
        arguments: [expr.spec],
        fields: [
            FieldDoc("expression", "as typed"),
            FieldDoc("value", "f at the given values"),
            FieldDoc("nodes", "one entry per node in forward order: node, gate, inputs, value, local, upstream, passes"),
            FieldDoc("gradients", "per variable: variable, analytic, numeric, relative_error"),
            FieldDoc("grad", "df/dvariable by name: grad.x"),
        ],
        examples: [
            Example("graph \"(x+y)*z\" x=-2 y=5 z=-4", "q = x + y = 3, f = q z = -12; df/dx = df/dy = z = -4, df/dz = q = 3"),
            Example("graph \"1/(1+exp(-(w0*x0+w1*x1+w2)))\" w0=2 x0=-1 w1=-3 x1=-2 w2=-3", "the sigmoid neuron, gate by gate: f = 0.73"),
            Example("graph \"sigmoid(w0*x0+w1*x1+w2)\" w0=2 x0=-1 w1=-3 x1=-2 w2=-3", "the same with one sigmoid gate: local gradient (1 - s)s = 0.2"),
            Example("graph \"(x+y\" x=1 y=2", "a mistake: the caret shows where ')' was expected", fails: true),
        ],
        acceptsAnyKeyword: true)

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        let text = try args.value(expr)
        let expression: Expression
        do {
            expression = try ExpressionParser.parse(text)
        } catch let e as ExpressionError {
            throw CommandError("\(e.message) (column \(e.column + 1))",
                               detail: "  " + text + "\n  " + String(repeating: " ", count: e.column) + "^")
        }
        var values: [String: Double] = [:]
        let variables = expression.variables
        for (name, raw) in args.extraKeywords {
            guard variables.contains(name) else {
                throw CommandError("\(name)=\(raw) is not used: the expression's variables are \(variables.isEmpty ? "none" : variables.joined(separator: ", "))")
            }
            guard let v = NumberParsing.real(raw), v.isFinite else {
                throw CommandError("\(name) must be a number, got '\(raw)'; e.g. graph \"(x+y)*z\" x=-2 y=5 z=-4")
            }
            values[name] = v
        }
        let missing = variables.filter { values[$0] == nil }
        guard missing.isEmpty else {
            throw CommandError("give a value to \(missing.joined(separator: ", ")), as in \(missing.map { "\($0)=1" }.joined(separator: " "))")
        }
        do {
            return try GraphExperiment.run(text, values: values)
        } catch let e as ComputationalGraph.Failure {
            throw CommandError(e.description)
        }
    }
}

extension GraphExperiment.Report: CommandOutput {
    public func renderText(_ style: TextStyle) -> String {
        func n(_ x: Double) -> String { Format.short6(x) }
        var t = Table(["node", "gate", "inputs", "value", "local d/d(inputs)", "upstream", "passes back"],
                      align: [.left, .left, .left, .right, .left, .right, .left])
        for r in nodes {
            let local = zip(r.inputs, r.local).map { "\($0): \(n($1))" }.joined(separator: ", ")
            t.add([r.node, r.gate, r.inputs.joined(separator: ", "), n(r.value), local, n(r.upstream),
                   r.passes.map(n).joined(separator: ", ")])
        }
        var out = [style.bold("f = \(expression)") + " = " + n(value), t.render(style)]
        out.append(style.bold("gradients") + " (backprop against a centred numeric difference, h = 1e-5)")
        for g in gradients {
            out.append("  df/d\(g.variable) = \(n(g.analytic))   numeric \(n(g.numeric))   relative error \(Format.sci(g.relative_error))")
        }
        if let s = nodes.first(where: { $0.gate == "sigmoid" }), let l = s.local.first {
            out.append(style.dim("  the sigmoid gate's local gradient is (1 - s)s = (1 - \(n(s.value)))*\(n(s.value)) = \(n(l))"))
        }
        return out.joined(separator: "\n").fitted(style)
    }
}

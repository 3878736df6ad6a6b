import NNLabCore

/// Forward and backward through a computational graph, gate by gate, with a numeric check: the
/// backprop lecture's worked examples ((x + y) z at x = -2, y = 5, z = -4; the sigmoid neuron).
public enum GraphExperiment {
    public struct Row: Codable, Sendable, Equatable {
        /// `x`, `n3`: the node's name (inputs keep theirs; gates are numbered).
        public var node: String
        /// `input`, `constant`, `+`, `*`, `exp`, `sigmoid`, ...
        public var gate: String
        public var inputs: [String]
        public var value: Double
        /// d(node)/d(input) for each input, at the forward values.
        public var local: [Double]
        /// d(output)/d(node): the gradient arriving from above.
        public var upstream: Double
        /// upstream * local for each input: what the gate passes back.
        public var passes: [Double]
    }

    public struct Gradient: Codable, Sendable, Equatable {
        public var variable: String
        public var analytic: Double
        public var numeric: Double
        /// |a - n| / max(|a| + |n|, 1e-12)
        public var relative_error: Double
    }

    public struct Report: Codable, Sendable, Equatable {
        public var expression: String
        public var value: Double
        public var nodes: [Row]
        public var gradients: [Gradient]
        /// `grad.x` is df/dx, for lab checks.
        public var grad: [String: Double]
    }

    public static func run(_ text: String, values: [String: Double]) throws -> Report {
        let e = try ExpressionParser.parse(text)
        var g = ComputationalGraph(e)
        try g.forward(values)
        g.backward()
        var names: [String] = []
        var gateNumber = 0
        for n in g.nodes {
            switch n.gate {
            case let .input(v): names.append(v)
            case .constant: names.append(g.describe(n.gate))
            default: gateNumber += 1; names.append("n\(gateNumber)")
            }
        }
        let rows = g.nodes.enumerated().map { k, n -> Row in
            let gate: String
            switch n.gate {
            case .input: gate = "input"
            case .constant: gate = "constant"
            default: gate = g.describe(n.gate)
            }
            return Row(node: k == g.output && gateNumber > 0 ? "f" : names[k], gate: gate, inputs: n.inputs.map { names[$0] },
                       value: n.value, local: n.local, upstream: n.grad, passes: n.local.map { $0 * n.grad })
        }
        let numeric = try ComputationalGraph.numericGradient(e, at: values)
        let analytic = g.inputGradients
        let grads = e.variables.map { v -> Gradient in
            let a = analytic[v] ?? 0, n = numeric[v] ?? 0
            return Gradient(variable: v, analytic: a, numeric: n, relative_error: Self.relativeError(a, n))
        }
        return Report(expression: text, value: g.value, nodes: rows, gradients: grads,
                      grad: Dictionary(uniqueKeysWithValues: grads.map { ($0.variable, $0.analytic) }))
    }

    /// |a - n| / max(|a| + |n|, 1e-12): 0 when both are 0.
    public static func relativeError(_ a: Double, _ n: Double) -> Double {
        abs(a - n) / max(abs(a) + abs(n), 1e-12)
    }
}

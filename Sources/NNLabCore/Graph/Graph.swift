import Foundation

/// A computational graph built from an `Expression`: one node per input, constant and gate, in an
/// order where every node comes after its inputs. `forward` computes the values; `backward` runs
/// reverse-mode differentiation, each gate multiplying the gradient from above (upstream) by its
/// local derivative and passing the product back to its inputs (the chain rule, one gate at a time).
public struct ComputationalGraph: Sendable {
    public struct Node: Sendable, Equatable {
        public enum Gate: Sendable, Equatable {
            case input(String), constant(Double)
            case unary(Expression.UnaryOp)
            case binary(Expression.BinaryOp)
        }
        public var gate: Gate
        /// Indices of the input nodes.
        public var inputs: [Int]
        public var value = 0.0
        /// d(this node)/d(each input), at the forward values.
        public var local: [Double] = []
        /// d(output)/d(this node), accumulated from every use of this node.
        public var grad = 0.0
    }

    public private(set) var nodes: [Node] = []
    public var output: Int { nodes.count - 1 }

    public init(_ e: Expression) {
        var index: [String: Int] = [:]
        _ = add(e, &index)
    }

    private mutating func add(_ e: Expression, _ inputs: inout [String: Int]) -> Int {
        switch e {
        case let .number(v):
            nodes.append(Node(gate: .constant(v), inputs: []))
        case let .variable(n):
            if let i = inputs[n] { return i }  // a variable used twice is one node with two uses
            nodes.append(Node(gate: .input(n), inputs: []))
            inputs[n] = nodes.count - 1
        case let .unary(op, a):
            let i = add(a, &inputs)
            nodes.append(Node(gate: .unary(op), inputs: [i]))
        case let .binary(op, a, b):
            let i = add(a, &inputs), j = add(b, &inputs)
            nodes.append(Node(gate: .binary(op), inputs: [i, j]))
        }
        return nodes.count - 1
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case missing(String)
        case undefined(String)
        public var description: String {
            switch self {
            case let .missing(v): return "\(v) has no value; give one, as in \(v)=1"
            case let .undefined(s): return s
            }
        }
    }

    /// Computes every node's value and local derivatives. Undefined steps (log of a non-positive
    /// number, division by zero, ...) are errors that name the gate, not NaNs that spread silently.
    public mutating func forward(_ values: [String: Double]) throws {
        // Whether each node depends on an input variable (nodes come after their inputs): an
        // exponent like (1/3) or -1 is a constant even though it is not one plain number.
        var varying = [Bool](repeating: false, count: nodes.count)
        for k in nodes.indices {
            let n = nodes[k]
            if case .input = n.gate { varying[k] = true } else { varying[k] = n.inputs.contains { varying[$0] } }
            let a = n.inputs.first.map { nodes[$0].value } ?? 0
            let b = n.inputs.count > 1 ? nodes[n.inputs[1]].value : 0
            var v = 0.0
            var local: [Double] = []
            switch n.gate {
            case let .input(name):
                guard let x = values[name] else { throw Failure.missing(name) }
                v = x
            case let .constant(c):
                v = c
            case let .unary(op):
                switch op {
                case .negate: v = -a; local = [-1]
                case .exp: v = Foundation.exp(a); local = [v]
                case .log:
                    guard a > 0 else { throw Failure.undefined("log(\(fmt(a))) is undefined: log needs a positive input") }
                    v = Foundation.log(a); local = [1 / a]
                case .sqrt:
                    guard a > 0 else { throw Failure.undefined("sqrt(\(fmt(a))) has no derivative: sqrt needs a positive input here") }
                    v = a.squareRoot(); local = [0.5 / v]
                case .tanh: v = Foundation.tanh(a); local = [1 - v * v]
                case .sigmoid: v = 1 / (1 + Foundation.exp(-a)); local = [(1 - v) * v]
                case .relu: v = Swift.max(0, a); local = [a > 0 ? 1 : 0]
                case .abs: v = Swift.abs(a); local = [a > 0 ? 1 : (a < 0 ? -1 : 0)]
                }
            case let .binary(op):
                switch op {
                case .add: v = a + b; local = [1, 1]
                case .subtract: v = a - b; local = [1, -1]
                case .multiply: v = a * b; local = [b, a]
                case .divide:
                    guard b != 0 else { throw Failure.undefined("division by zero: \(fmt(a)) / 0") }
                    v = a / b; local = [1 / b, -a / (b * b)]
                case .power:
                    v = Foundation.pow(a, b)
                    let exponentIsConstant = !varying[n.inputs[1]]
                    var dB = 0.0
                    if !exponentIsConstant {
                        guard a > 0 else { throw Failure.undefined("\(fmt(a))^y has no derivative in y: the base must be positive") }
                        dB = v * Foundation.log(a)
                    }
                    let dA = b == 0 ? 0 : b * Foundation.pow(a, b - 1)
                    local = [dA, dB]
                case .max: v = Swift.max(a, b); local = a >= b ? [1, 0] : [0, 1]
                case .min: v = Swift.min(a, b); local = a <= b ? [1, 0] : [0, 1]
                }
            }
            // Say which of the three it is: not a real number, too large, or finite with an
            // infinite slope (log at 1e-320, sqrt and x^0.5 at 0, x/y for a tiny y).
            let e = written(n.gate, a, b)
            if v.isNaN { throw Failure.undefined("\(e) is undefined: not a real number") }
            if !v.isFinite, case .binary(let op) = n.gate, op == .power && a == 0 || op == .divide && b == 0 {
                throw Failure.undefined("\(e) is infinite: a negative power of 0 divides by zero")
            }
            if !v.isFinite { throw Failure.undefined("\(e) overflows: its value is beyond the largest Double, about 1.8e308") }
            guard local.allSatisfy(\.isFinite) else {
                throw Failure.undefined("\(e) = \(fmt(v)), but its derivative there is infinite or beyond the largest Double (about 1.8e308), so the backward pass cannot go through it")
            }
            nodes[k].value = v
            nodes[k].local = local
        }
    }

    /// Reverse mode: the output's gradient is 1; walking back, each node adds
    /// upstream * local to each of its inputs' gradients.
    public mutating func backward() {
        for k in nodes.indices { nodes[k].grad = 0 }
        guard !nodes.isEmpty else { return }
        nodes[output].grad = 1
        for k in nodes.indices.reversed() {
            let n = nodes[k]
            for (i, input) in n.inputs.enumerated() { nodes[input].grad += n.grad * n.local[i] }
        }
    }

    /// The gradient of each input variable.
    public var inputGradients: [String: Double] {
        var out: [String: Double] = [:]
        for n in nodes { if case let .input(name) = n.gate { out[name] = n.grad } }
        return out
    }

    public var value: Double { nodes.last?.value ?? .nan }

    /// d(output)/d(variable) by centred differences, (f(x + h) - f(x - h)) / 2h, with h = 1e-5:
    /// the error is O(h^2) from truncation plus O(eps/h) from rounding, both near 1e-10 here.
    public static func numericGradient(_ e: Expression, at values: [String: Double], h: Double = 1e-5) throws -> [String: Double] {
        var out: [String: Double] = [:]
        for v in e.variables {
            var plus = values, minus = values
            plus[v, default: 0] += h
            minus[v, default: 0] -= h
            var g1 = ComputationalGraph(e), g2 = ComputationalGraph(e)
            try g1.forward(plus)
            try g2.forward(minus)
            out[v] = (g1.value - g2.value) / (2 * h)
        }
        return out
    }

    public func describe(_ gate: Node.Gate) -> String {
        switch gate {
        case let .input(n): return n
        case let .constant(c): return fmt(c)
        case let .unary(op): return op == .negate ? "negate" : op.rawValue
        case let .binary(op): return op.rawValue
        }
    }

    /// The gate applied to its input values, as written: `log(1e-320)`, `0^0.5`, `1 / 1e-200`.
    func written(_ gate: Node.Gate, _ a: Double, _ b: Double) -> String {
        func p(_ x: Double) -> String { x < 0 ? "(\(fmt(x)))" : fmt(x) }
        switch gate {
        case let .input(n): return n
        case let .constant(c): return fmt(c)
        case let .unary(op): return op == .negate ? "-\(p(a))" : "\(op.rawValue)(\(fmt(a)))"
        case let .binary(op):
            switch op {
            case .power: return "\(p(a))^\(p(b))"
            case .max, .min: return "\(op.rawValue)(\(fmt(a)), \(fmt(b)))"
            default: return "\(p(a)) \(op.rawValue) \(p(b))"
            }
        }
    }

    func fmt(_ x: Double) -> String {
        x == x.rounded() && Swift.abs(x) < 1e15 ? String(Int64(x)) : String(x)
    }
}

import Foundation

/// Elementwise nonlinearities with their derivatives (lecture 3, "Activation functions").
///
/// | name    | f(x)                        | f'(x)                         |
/// |---------|-----------------------------|-------------------------------|
/// | sigmoid | 1 / (1 + e^-x)              | (1 - f) f, at most 1/4        |
/// | tanh    | tanh x                      | 1 - f^2                       |
/// | relu    | max(0, x)                   | 1 if x > 0 else 0             |
/// | leaky   | max(a x, x), a = 0.01       | 1 if x > 0 else a             |
/// | prelu   | max(a x, x), a learned      | as leaky; df/da = min(0, x)   |
/// | elu     | x if x > 0 else a (e^x - 1) | 1 if x > 0 else f + a         |
///
/// At the kink x = 0 the rectifiers use the left derivative (0 for relu, a for leaky/elu).
public enum Activation: Sendable, Equatable, Codable {
    case sigmoid, tanh, relu
    case leaky(alpha: Double)
    case prelu(alpha: Double)
    case elu(alpha: Double)

    public var name: String {
        switch self {
        case .sigmoid: return "sigmoid"
        case .tanh: return "tanh"
        case .relu: return "relu"
        case .leaky: return "leaky"
        case .prelu: return "prelu"
        case .elu: return "elu"
        }
    }

    public func value(_ x: Double) -> Double {
        switch self {
        case .sigmoid: return 1 / (1 + Foundation.exp(-x))
        case .tanh: return Foundation.tanh(x)
        case .relu: return x > 0 ? x : 0
        case let .leaky(a), let .prelu(a): return x > 0 ? x : a * x
        case let .elu(a): return x > 0 ? x : a * (Foundation.exp(x) - 1)
        }
    }

    public func derivative(_ x: Double) -> Double {
        switch self {
        case .sigmoid: let s = value(x); return (1 - s) * s
        case .tanh: let t = Foundation.tanh(x); return 1 - t * t
        case .relu: return x > 0 ? 1 : 0
        case let .leaky(a), let .prelu(a): return x > 0 ? 1 : a
        case let .elu(a): return x > 0 ? 1 : a * Foundation.exp(x)
        }
    }

    /// Forward on a tensor; keep the input for backward.
    public func forward(_ x: Tensor) -> Tensor { x.map(value) }

    /// dL/dx = dL/dout * f'(x), elementwise.
    public func backward(_ dout: Tensor, input x: Tensor) throws -> Tensor {
        try dout.zip(x, "\(name) backward") { d, v in d * derivative(v) }
    }

    /// For prelu: dL/dalpha = sum over elements of dL/dout * min(0, x).
    public func alphaGradient(_ dout: Tensor, input x: Tensor) throws -> Double {
        try dout.zip(x, "prelu backward") { d, v in v > 0 ? 0 : d * v }.sum()
    }
}

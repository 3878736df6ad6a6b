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

    /// Forward on a tensor; keep the input (or the output, see `backward(_:output:)`) for backward.
    /// Large tensors are split across the cores; each element is computed exactly as `value`.
    public func forward(_ x: Tensor) -> Tensor {
        if case .relu = self {
            // Written straight into a new array: one pass instead of a copy and then `apply`.
            let data = x.data.withUnsafeBufferPointer { src in
                [Double](unsafeUninitializedCapacity: src.count) { dst, initialized in
                    guard let s = src.baseAddress, let d = dst.baseAddress else { initialized = 0; return }
                    for i in 0..<src.count { let v = s[i]; d[i] = v > 0 ? v : 0 }
                    initialized = src.count
                }
            }
            return Tensor(unchecked: x.shape, data: data)
        }
        var out = x
        apply(&out)
        return out
    }

    /// `forward` in place, for a tensor the caller no longer needs (no second array).
    public func apply(_ out: inout Tensor) {
        let me = self
        out.data.withUnsafeMutableBufferPointer { buf in
            // ReLU is one compare a value, bound by memory: a branch-free select that vectorizes, on
            // one core (handing 100k values to a second core costs more than it saves).
            if case .relu = me {
                guard let p = buf.baseAddress else { return }
                for i in 0..<buf.count { let v = p[i]; p[i] = v > 0 ? v : 0 }
                return
            }
            Parallel.chunks(buf.count) { range in
                switch me {
                case .tanh: VectorMath.tanh(UnsafeMutableBufferPointer(rebasing: buf[range]))
                default: for i in range { buf[i] = me.value(buf[i]) }
                }
            }
        }
    }

    /// Whether `backward(_:input:output:)` can work from the output alone.
    public var backwardFromOutput: Bool {
        switch self {
        case .tanh, .sigmoid, .relu: return true
        default: return false
        }
    }

    /// dL/dx = dL/dout * f'(x), elementwise.
    public func backward(_ dout: Tensor, input x: Tensor) throws -> Tensor {
        try dout.zip(x, "\(name) backward") { d, v in d * derivative(v) }
    }

    /// The same from the forward *output* y, which needs no exp or tanh: f' = 1 - y^2 for tanh,
    /// (1 - y) y for sigmoid, [y > 0] for relu. Other activations fall back to `backward(_:input:)`.
    public func backward(_ dout: Tensor, input x: Tensor?, output y: Tensor) throws -> Tensor {
        guard dout.shape == y.shape, x == nil || x?.shape == y.shape else {
            throw NumericsError.shapeMismatch(operation: "\(name) backward", lhs: dout.shape, rhs: y.shape)
        }
        switch self {
        case .relu:
            // On one core, as in `apply`, into a new array in one pass, and branch-free: dout's
            // bits kept where y > 0 and cleared (+0) elsewhere, NaN y included, the same numbers
            // as `y > 0 ? d : 0` (whose conditional read of d kept the loop from vectorizing).
            let data = dout.data.withUnsafeBufferPointer { d in
                y.data.withUnsafeBufferPointer { h in
                    [Double](unsafeUninitializedCapacity: d.count) { out, initialized in
                        guard let pd = d.baseAddress, let ph = h.baseAddress, let po = out.baseAddress else { initialized = 0; return }
                        for i in 0..<d.count {
                            let keep: UInt64 = ph[i] > 0 ? ~0 : 0
                            po[i] = Double(bitPattern: pd[i].bitPattern & keep)
                        }
                        initialized = d.count
                    }
                }
            }
            return Tensor(unchecked: dout.shape, data: data)
        case .tanh, .sigmoid:
            var out = dout
            let me = self
            out.data.withUnsafeMutableBufferPointer { d in
                y.data.withUnsafeBufferPointer { h in
                    Parallel.chunks(d.count) { range in
                        switch me {
                        case .tanh: for i in range { d[i] *= 1 - h[i] * h[i] }
                        case .sigmoid: for i in range { d[i] *= (1 - h[i]) * h[i] }
                        default: for i in range where !(h[i] > 0) { d[i] = 0 }
                        }
                    }
                }
            }
            return out
        default:
            guard let x else { throw NumericsError.invalidShape("\(name) backward needs the layer's input") }
            return try backward(dout, input: x)
        }
    }

    /// For prelu: dL/dalpha = sum over elements of dL/dout * min(0, x).
    public func alphaGradient(_ dout: Tensor, input x: Tensor) throws -> Double {
        try dout.zip(x, "prelu backward") { d, v in v > 0 ? 0 : d * v }.sum()
    }
}

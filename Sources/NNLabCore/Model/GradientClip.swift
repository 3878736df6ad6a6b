/// What `train clip=` does to the gradients between the backward pass and the update (the lecture's
/// remedies for exploding gradients).
///
/// With g the gradient of every parameter together (all tensors flattened into one vector) and
/// ||g|| = sqrt(sum g_i^2) its global norm:
/// - `value(t)`: each component clipped to [-t, t]: g_i <- min(max(g_i, -t), t).
/// - `norm(c)`: when ||g|| > c the whole vector is rescaled, g <- g * c / ||g||, so its direction
///   is kept and its length is c; otherwise it is left alone.
/// - `sign`: one-bit gradients, g_i <- sign(g_i) (0 stays 0): only the direction of each component
///   survives, so a step moves every weight by exactly the learning rate.
public enum GradientClip: Sendable, Equatable, Codable {
    case value(Double)
    case norm(Double)
    case sign

    /// How it is typed after `clip=`: `value:1`, `norm:5`, `sign`.
    public var text: String {
        func n(_ x: Double) -> String { x == x.rounded() && Swift.abs(x) < 1e15 ? String(Int(x)) : "\(x)" }
        switch self {
        case let .value(t): return "value:\(n(t))"
        case let .norm(c): return "norm:\(n(c))"
        case .sign: return "sign"
        }
    }

    /// The global norm sqrt(sum over every tensor of sum g_i^2).
    public static func globalNorm(_ gradients: [Tensor]) -> Double {
        var s = 0.0
        for g in gradients { for v in g.data { s += v * v } }
        return s.squareRoot()
    }

    /// Whether clipping changes a gradient whose global norm is `norm` and whose largest absolute
    /// component is `largest`.
    public func changes(norm: Double, largest: Double) -> Bool {
        switch self {
        case let .value(t): return largest > t
        case let .norm(c): return norm > c
        case .sign: return largest > 0
        }
    }

    /// One tensor of the gradient, clipped. `scale` is the factor of `norm` clipping for this step
    /// (min(1, c / ||g||), computed once over all tensors); the other kinds ignore it.
    public func apply(_ g: Tensor, scale: Double) -> Tensor {
        switch self {
        case let .value(t): return g.map { Swift.min(Swift.max($0, -t), t) }
        case .norm: return scale == 1 ? g : g * scale
        case .sign: return g.map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }
        }
    }

    /// The factor `norm(c)` multiplies every component by for a gradient of global norm `norm`:
    /// c / ||g|| when ||g|| > c, else 1 (1 for the other kinds).
    public func scale(norm: Double) -> Double {
        if case let .norm(c) = self, norm > c, norm.isFinite { return c / norm }
        return 1
    }
}

/// An update rule that clips each gradient (`GradientClip`) before handing it to the rule it wraps.
/// For `norm` clipping set `scale` from the global norm before each update: the wrapper sees one
/// tensor at a time, and the norm is over all of them.
public struct ClippedUpdate: TrainingRule {
    public var inner: any TrainingRule
    public var clip: GradientClip?
    /// min(1, c / ||g||) for this step (see `GradientClip.scale(norm:)`).
    public var scale: Double = 1

    public init(_ inner: any TrainingRule, clip: GradientClip?) { self.inner = inner; self.clip = clip }

    public var learningRate: Double {
        get { inner.learningRate }
        set { inner.learningRate = newValue }
    }

    public mutating func update(_ name: String, value: inout Tensor, gradient: Tensor) throws {
        let g = clip.map { $0.apply(gradient, scale: scale) } ?? gradient
        try inner.update(name, value: &value, gradient: g)
    }
}

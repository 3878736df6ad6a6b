/// A weight penalty added to a model's loss over its regularized parameters (the weights; not
/// biases, gamma, beta). The formulas are `Penalty`'s:
/// L2: 0.5 * strength * sum(W^2), gradient strength * W; L1: strength * sum(|W|), gradient
/// strength * sign(W) (0 at 0).
public struct Regularization: Sendable, Equatable, Codable {
    public enum Kind: String, CaseIterable, Sendable, Codable { case l2, l1 }

    public var kind: Kind
    public var strength: Double

    public init(_ kind: Kind, strength: Double) throws {
        guard strength >= 0, strength.isFinite else {
            throw NumericsError.outOfRange("a penalty's strength must be 0 or more, got \(strength)")
        }
        self.kind = kind
        self.strength = strength
    }

    /// The penalty of one weight tensor alone (what `penalty(_:)` gives as `loss`).
    public func loss(_ w: Tensor) -> Double {
        switch kind {
        case .l2: return 0.5 * strength * w.data.reduce(0) { $0 + $1 * $1 }
        case .l1: return strength * w.data.reduce(0) { $0 + Swift.abs($1) }
        }
    }

    /// The penalty of w, its gradient added to `gradient` (same shape) in place: element i becomes
    /// gradient[i] + grad[i], the numbers `gradient + penalty(w).grad` gives, without two arrays.
    func addGradient(of w: Tensor, to gradient: inout Tensor) -> Double {
        let r = strength
        gradient.data.withUnsafeMutableBufferPointer { g in
            w.data.withUnsafeBufferPointer { x in
                switch kind {
                case .l2: for i in 0..<g.count { g[i] = g[i] + x[i] * r }
                case .l1: for i in 0..<g.count { let v = x[i]; g[i] = g[i] + (v > 0 ? r : (v < 0 ? -r : 0)) }
                }
            }
        }
        return loss(w)
    }

    /// The penalty of one weight tensor and its gradient.
    public func penalty(_ w: Tensor) -> (loss: Double, grad: Tensor) {
        switch kind {
        case .l2: return Penalty.l2(w, reg: strength)
        case .l1: return Penalty.l1(w, reg: strength)
        }
    }
}

import Foundation

/// How the learning rate changes over training, the lecture's three decays and none.
///
/// `t` counts epochs from 0 (the first epoch runs at the base rate `alpha0`):
/// - constant:    alpha = alpha0
/// - step:        alpha = alpha0 * decay^floor(t / every)   (the lecture: halve every few epochs)
/// - exponential: alpha = alpha0 * e^(-k t)
/// - inverse:     alpha = alpha0 / (1 + k t)                (the lecture's 1/t decay)
/// `decay` is the factor for step (0 < decay <= 1) and k for the other two (k >= 0).
public struct LearningRateSchedule: Sendable, Equatable, Codable {
    public enum Kind: String, CaseIterable, Sendable, Codable {
        case constant, step, exponential, inverse
    }

    public var kind: Kind
    public var base: Double
    public var decay: Double
    /// For `step`: how many epochs between decays.
    public var every: Int

    public init(_ kind: Kind = .constant, base: Double, decay: Double? = nil, every: Int = 1) throws {
        guard base.isFinite, base > 0 else { throw NumericsError.outOfRange("the learning rate must be a positive number, got \(base)") }
        guard every >= 1 else { throw NumericsError.outOfRange("a step schedule decays every 1 or more epochs, got \(every)") }
        let d = decay ?? Self.defaultDecay(kind)
        switch kind {
        case .constant: break
        case .step:
            guard d > 0, d <= 1 else { throw NumericsError.outOfRange("a step decay multiplies the rate by a factor in (0, 1], got \(d)") }
        case .exponential, .inverse:
            guard d.isFinite, d >= 0 else { throw NumericsError.outOfRange("the decay constant k must be 0 or more, got \(d)") }
        }
        self.kind = kind; self.base = base; self.decay = d; self.every = every
    }

    /// A constant rate of 0.1: a session's schedule before any is chosen.
    public static let constantDefault = LearningRateSchedule(unchecked: .constant, base: 0.1, decay: 1, every: 1)

    private init(unchecked kind: Kind, base: Double, decay: Double, every: Int) {
        self.kind = kind; self.base = base; self.decay = decay; self.every = every
    }

    /// The default `decay` of each kind: step halves (the lecture's example); k = 0.1 otherwise.
    public static func defaultDecay(_ kind: Kind) -> Double {
        switch kind {
        case .constant: 1
        case .step: 0.5
        case .exponential, .inverse: 0.1
        }
    }

    /// The learning rate during epoch `t` (0-based).
    public func rate(epoch t: Int) -> Double {
        let tt = Double(t)
        switch kind {
        case .constant: return base
        case .step: return base * pow(decay, Double(t / every))
        case .exponential: return base * exp(-decay * tt)
        case .inverse: return base / (1 + decay * tt)
        }
    }
}

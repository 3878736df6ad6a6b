/// The update rules `train` offers, by the word typed after `update=`. `makeRule` builds a fresh
/// rule (zero state) at a learning rate; `mu` is the momentum of momentum and nesterov (ignored by
/// the others).
public enum UpdateKind: String, CaseIterable, Sendable, Codable {
    case sgd, momentum, nesterov, adagrad, rmsprop, adam

    public func makeRule(learningRate lr: Double, mu: Double = 0.9) -> any TrainingRule {
        switch self {
        case .sgd: return SGD(learningRate: lr)
        case .momentum: return MomentumUpdate(learningRate: lr, mu: mu)
        case .nesterov: return NesterovUpdate(learningRate: lr, mu: mu)
        case .adagrad: return AdaGradUpdate(learningRate: lr)
        case .rmsprop: return RMSPropUpdate(learningRate: lr)
        case .adam: return AdamUpdate(learningRate: lr)
        }
    }

    /// Whether `mu=` means anything for this rule.
    public var usesMomentum: Bool {
        switch self {
        case .momentum, .nesterov: return true
        case .sgd, .adagrad, .rmsprop, .adam: return false
        }
    }
}

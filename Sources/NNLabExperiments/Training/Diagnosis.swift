import NNLabCore

/// What a run's cost history says about its learning rate, the lecture's three failure shapes:
/// - farTooHigh: within the first epoch the cost is nan or inf or passes 3x its first value (the
///   lecture's lr 1e6: nan at once; here the softmax is shifted by the row maximum, so the cost
///   saturates near -ln(2.2e-308) = 708 before it turns nan);
/// - tooHigh: the cost becomes nan/inf later, or climbs above 3x its first value (lr 3e-3 on
///   CIFAR-10: it falls a little, then explodes to inf after a few epochs);
/// - tooLow: the last epoch's cost is within 1% of the first batch's (lr 1e-6: barely moves);
/// - fine: none of these.
public enum LearningRateDiagnosis: String, Codable, Sendable, CaseIterable {
    case tooLow = "learning rate too low"
    case tooHigh = "learning rate too high"
    case farTooHigh = "learning rate far too high"
    case fine = "looks fine"

    /// The diagnosis of a run from its per-iteration costs and iterations per epoch.
    public static func of(_ losses: [Double], perEpoch: Int) -> LearningRateDiagnosis {
        guard let first = losses.first else { return .fine }
        let firstEpoch = losses.prefix(max(perEpoch, 1))
        if firstEpoch.contains(where: { !$0.isFinite || $0 > 3 * first }) { return .farTooHigh }
        if losses.contains(where: { !$0.isFinite || $0 > 3 * first }) { return .tooHigh }
        let lastEpoch = losses.suffix(max(perEpoch, 1))
        let last = lastEpoch.reduce(0, +) / Double(lastEpoch.count)
        if (first - last) / first < 0.01 { return .tooLow }
        return .fine
    }
}

import NNLabCore

/// What `ensemble n=` measured: n models of the session's blueprint, each drawn and trained with
/// its own generator, and the ensemble that averages their predicted probabilities,
/// p(x) = (1/n) sum_i softmax(f_i(x)), predicting argmax_c p_c(x).
///
/// Accuracies are fractions in [0, 1] on the data's validation part (which each member's
/// best-epoch rule also looked at) and on its test part (which nothing looked at). Gains are
/// differences of fractions (0.02 = the lecture's "2% extra").
public struct EnsembleReport: Codable, Sendable {
    public var options: TrainingOptions
    public var seed: UInt32
    public var members: [EnsembleMemberRecord]
    public var ensemble_val_acc: Double?
    public var ensemble_test_acc: Double?
    public var mean_val_acc: Double?
    public var mean_test_acc: Double?
    /// The member with the best validation accuracy (1-based; the first of equals) and its accuracies.
    public var best_member: Int?
    public var best_val_acc: Double?
    public var best_member_test_acc: Double?
    /// ensemble - mean and ensemble - best, on validation and on test.
    public var gain_over_mean: Double?
    public var gain_over_best: Double?
    public var test_gain_over_mean: Double?
    public var test_gain_over_best: Double?
    /// The lecture's figure: about 0.02 over a single model.
    public var lecture_gain: Double
    public var val_examples: Int
    public var test_examples: Int
    public var run: RunState
}

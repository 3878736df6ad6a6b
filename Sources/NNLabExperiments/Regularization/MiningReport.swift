import NNLabCore

/// What `mine` measured. Two runs start from the same initial weights and generator state:
/// the baseline trains on the training part as it is; the hardest `top` examples under the
/// baseline (highest loss) are then repeated so each appears 1 + `extra` times, and the second
/// run trains on that. Since train draws batches uniformly from its rows, each hard example is
/// drawn with probability (1 + extra) / (N + top x extra) per draw instead of 1 / N.
/// Accuracies are fractions of the validation part; losses are mean -ln p(label).
public struct MiningReport: Codable, Sendable {
    public var options: TrainingOptions
    public var top: Int
    public var extra: Int
    public var training_examples: Int
    /// Rows in the over-sampled training part: N + top x extra.
    public var oversampled_examples: Int
    /// Per-draw probability of one hard example before and after over-sampling.
    public var draw_probability_before: Double
    public var draw_probability_after: Double
    public var hard: [HardExample]
    /// How many of the hard examples the baseline (and the mined model) misclassify.
    public var hard_wrong_before: Int
    public var hard_wrong_after: Int?
    public var hard_loss_before: Double?
    public var hard_loss_after: Double?
    /// Mean loss of the other training examples under each model.
    public var rest_loss_before: Double?
    public var rest_loss_after: Double?
    public var val_acc_before: Double?
    public var val_acc_after: Double?
    public var val_change: Double?
    public var val_examples: Int
    public var run: RunState
}

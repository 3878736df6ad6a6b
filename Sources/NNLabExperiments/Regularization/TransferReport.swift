import NNLabCore

/// What `transfer` measured. The data's classes are split in two halves: the network is
/// pretrained on the first (digits 0-4), then each method learns the second (5-9, relabelled
/// 0-4) from `shots` labelled examples per class. Accuracies are fractions of the second half's
/// test digits (never trained on; each run keeps the epoch with the best accuracy on the second
/// half's validation digits, train's rule).
public struct TransferReport: Codable, Sendable {
    public var source_classes: [String]
    public var target_classes: [String]
    public var pretrain_options: TrainingOptions
    public var options: TrainingOptions
    /// The fine-tuning run's learning rate: options.learningRate x finetune_scale.
    public var finetune_lr: Double
    /// Test accuracy of the pretrained network on the first half's test digits.
    public var pretrain_test_acc: Double?
    /// Number of features the frozen network hands the new last layer.
    public var feature_count: Int
    public var rows: [TransferRow]
    public var test_examples: Int
    /// The method with the highest accuracy at the fewest and at the most shots measured
    /// (nil at a tie for first).
    public var best_at_fewest: TransferMethod?
    public var best_at_most: TransferMethod?
    public var crossings: [TransferCrossing]
    /// Whether the frozen layers' parameters were bit for bit the same after the features runs.
    public var frozen_unchanged: Bool
    public var run: RunState
}

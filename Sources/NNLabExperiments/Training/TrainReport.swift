import NNLabCore

/// What one `train` did: the log it printed, every iteration's loss, the accuracies per epoch,
/// the best validation accuracy and the epoch it came from (whose parameters the model keeps),
/// and how the run ended.
public struct TrainReport: Codable, Sendable {
    /// Why the run stopped before its planned epochs, if it did.
    public enum Stop: String, Codable, Sendable {
        /// Ran every planned epoch.
        case finished
        /// The 3x rule: a batch's cost exceeded 3 times the first batch's, or was not a number.
        case exploded
        /// Ctrl-C: stopped at the end of the batch running then.
        case interrupted
    }

    public var options: TrainingOptions
    public var training_examples: Int
    public var iterations_per_epoch: Int
    public var epochs: [EpochRecord]
    /// Every completed iteration's cost (data loss + penalty), in order.
    public var loss_history: [Double]
    public var train_acc_history: [Double]
    public var val_acc_history: [Double]
    /// How many examples the train accuracy is measured on: the first 1000 of the training part
    /// (or all when fewer), the same rows every epoch.
    public var train_acc_examples: Int
    /// The first batch's cost: near ln(C) for small weights and no penalty.
    public var initial_cost: Double?
    public var final_cost: Double?
    /// The best validation accuracy over completed epochs and the epoch (1-based, of this run)
    /// it was measured after; the model holds that epoch's parameters. Nil when no epoch finished.
    public var best_val_acc: Double?
    public var best_epoch: Int?
    public var stop: Stop
    /// The iteration (1-based) whose cost broke the 3x rule.
    public var exploded_at: Int?
    /// Epochs the model had been trained for before this run.
    public var epochs_before: Int
    /// Examples per second over the run's batches (forward, backward and update; not the accuracy checks).
    public var examples_per_second: Double
    public var seconds: Double
    public var run: RunState
}

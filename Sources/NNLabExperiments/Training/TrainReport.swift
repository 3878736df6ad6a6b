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
        /// Early stopping: validation accuracy had not improved for `patience` epochs.
        case patience
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

    /// Every completed iteration's penalty term (0 without reg); the data loss is
    /// loss_history[i] - penalty_history[i].
    public var penalty_history: [Double] = []
    /// The last batch's loss split: data loss and the penalty added to it.
    public var final_data_loss: Double?
    public var final_penalty: Double?
    /// Every completed iteration's global gradient norm sqrt(sum g^2) over all parameters, penalty
    /// included, measured before any clipping.
    public var grad_norm_history: [Double] = []
    /// Iterations whose gradient the clip changed (norm above c, a component above t; every one for sign).
    public var clipped_iterations: Int = 0
    /// The weights before the run and of the model kept after it.
    public var weights_before: WeightSummary?
    public var weights_after: WeightSummary?
    /// Train minus validation accuracy of the kept epoch, and that epoch.
    public var gap: Double?
    /// Per epoch, the mean data loss (softmax, test mode, no penalty) on the train-accuracy rows
    /// and on the validation part; `loss_gap` is val minus train loss of the kept epoch, which
    /// keeps measuring overfitting after train accuracy reaches 1.
    public var train_loss_history: [Double] = []
    public var val_loss_history: [Double] = []
    public var loss_gap: Double?
    /// The mean cost of the last completed epoch's batches, as trained (dropout's masks drawn,
    /// penalty included): beside train_loss_history's last value (the same kind of rows in test
    /// mode, no masks, no penalty) it shows how much harder the masks make fitting.
    public var last_epoch_mean_cost: Double?
    /// Train minus val accuracy averaged over the last min(5, epochs) completed epochs: the gap
    /// the run ended with, steadier than one epoch's.
    public var final_gap: Double?
    /// The epoch early stopping ended the run after (nil when it did not).
    public var stopped_at: Int?
    /// Training examples transformed by augment= over the run.
    public var augmented_examples: Int = 0
    /// The model's dropout keep probability (nil: no dropout) and whether it has batch norm.
    public var dropout_keep: Double?
    public var batch_norm: Bool = false
    /// What the augment command's judge found for each augment= transformation before the run.
    public var augment_checks: [AugmentCheck] = []
    /// With baseline=on: the same net trained without dropout from the same weights, compared.
    public var dropout_comparison: DropoutComparison?
}

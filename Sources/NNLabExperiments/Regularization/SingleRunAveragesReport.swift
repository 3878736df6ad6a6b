import NNLabCore

/// What one training run gives three ways at test time (accuracies are fractions on the
/// validation and test parts):
/// - the final parameters theta_T;
/// - the checkpoint ensemble: the mean of the predicted probabilities of the snapshots taken at
///   the ends of the last k epochs, (1/k) sum_e softmax(f(x; theta_e));
/// - the Polyak (exponential running) average of the parameters, updated after every iteration
///   t as theta_bar <- beta theta_bar + (1 - beta) theta_t from theta_bar = theta_0, used as one
///   network. Batch norm's running statistics, if any, stay those of the final network.
public struct SingleRunAveragesReport: Codable, Sendable {
    /// Which comparison the caller asked to lead with ("checkpoints" or "polyak"); the numbers are the same.
    public var mode: String = ""
    public var options: TrainingOptions
    public var snapshots_requested: Int
    /// The epochs whose snapshots were averaged (1-based).
    public var snapshot_epochs: [Int]
    public var beta: Double
    public var iterations: Int
    public var epochs: [AveragingEpochRecord]
    public var final_val_acc: Double?
    public var final_test_acc: Double?
    public var checkpoint_val_acc: Double?
    public var checkpoint_test_acc: Double?
    public var polyak_val_acc: Double?
    public var polyak_test_acc: Double?
    /// checkpoint - final and polyak - final, on validation and test.
    public var checkpoint_gain: Double?
    public var checkpoint_test_gain: Double?
    public var polyak_gain: Double?
    public var polyak_test_gain: Double?
    public var val_examples: Int
    public var test_examples: Int
    public var run: RunState
}

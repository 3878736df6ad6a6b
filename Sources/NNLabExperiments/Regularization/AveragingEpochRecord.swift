import NNLabCore

/// One epoch of the single run behind `ensemble checkpoints` and `ensemble polyak`, streamed at
/// its end: accuracy of the current parameters and of their running average.
public struct AveragingEpochRecord: StreamRecordCodable {
    public static let recordType = "epoch"
    public var epoch: Int
    public var epochs: Int
    public var cost: Double
    public var val_acc: Double
    public var polyak_val_acc: Double
    /// Whether this epoch's snapshot joins the checkpoint ensemble (one of the last k).
    public var snapshot: Bool
}

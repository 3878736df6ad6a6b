import NNLabCore

/// One member of an ensemble, streamed when it finishes: its validation and test accuracy alone.
public struct EnsembleMemberRecord: StreamRecordCodable {
    public static let recordType = "member"
    /// 1-based; member i was drawn and trained from numpy's `RandomState([seed, i - 1])`.
    public var member: Int
    public var members: Int
    public var val_acc: Double
    public var test_acc: Double
    /// The epoch whose weights `train`'s rule kept (best validation accuracy).
    public var best_epoch: Int?
}

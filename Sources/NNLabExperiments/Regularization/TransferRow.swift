import NNLabCore

/// One shot count's three runs, streamed as they finish: accuracy on the new classes' test digits.
public struct TransferRow: StreamRecordCodable {
    public static let recordType = "shots"
    /// Labelled examples per new class (the first `shots` of each class in the training part).
    public var shots: Int
    public var examples: Int
    public var features_acc: Double
    public var finetune_acc: Double
    public var scratch_acc: Double
}

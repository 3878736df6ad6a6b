/// One line of the training log, streamed at the end of each epoch: the cost of the epoch's last
/// batch (data loss + penalty), train accuracy (on the fixed subsample), validation accuracy, and
/// the learning rate the epoch ran at. Rendered exactly like the lecture's log:
/// `Finished epoch 1 / 10: cost 2.186654, train: 0.308000, val 0.306000, lr 3.000000e-03`.
public struct EpochRecord: StreamRecordCodable {
    public static let recordType = "epoch"
    public var epoch: Int
    public var epochs: Int
    public var cost: Double
    public var train_acc: Double
    public var val_acc: Double
    public var lr: Double

    /// C's `%f` and `%e` (inf and nan print as `inf`, `nan`, as the lecture's log shows them).
    public var line: String {
        "Finished epoch \(epoch) / \(epochs): cost \(CFormat.f(cost)), train: \(CFormat.f(train_acc)), val \(CFormat.f(val_acc)), lr \(CFormat.e(lr))"
    }
}

import NNLabCore

/// Where two methods' accuracy curves change order between consecutive shot counts.
public struct TransferCrossing: Codable, Sendable, Equatable {
    public var first: TransferMethod
    public var second: TransferMethod
    /// `first` was ahead at `from` shots and `second` is at least level at `to` (or the reverse:
    /// `leader_before` says which led first).
    public var from: Int
    public var to: Int
    public var leader_before: TransferMethod
}

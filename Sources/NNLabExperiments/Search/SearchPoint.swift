/// The setting one trial trains with.
public struct SearchPoint: Sendable, Codable, Equatable {
    /// 1...planned: also the trial's generator stream, `RandomState([seed, trial])`.
    public var trial: Int
    public var lr: Double
    public var reg: Double
    public init(trial: Int, lr: Double, reg: Double) { self.trial = trial; self.lr = lr; self.reg = reg }
}

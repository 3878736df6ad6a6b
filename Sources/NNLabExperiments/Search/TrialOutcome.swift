/// What training one setting for a few epochs gave (the runner `SearchExperiment` is handed).
public struct TrialOutcome: Sendable, Equatable {
    public var valAccuracy: Double
    public var trainAccuracy: Double
    public var epochs: Int
    /// Set when the 3x rule stopped the trial ("cost 7.21 exceeded 3x the first cost 2.30 at epoch 2").
    public var cut: String?
    /// True when Ctrl-C stopped the trial before it finished: such a trial is not counted.
    public var interrupted: Bool

    public init(valAccuracy: Double, trainAccuracy: Double, epochs: Int, cut: String? = nil, interrupted: Bool = false) {
        self.valAccuracy = valAccuracy; self.trainAccuracy = trainAccuracy; self.epochs = epochs
        self.cut = cut; self.interrupted = interrupted
    }
}

import NNLabCore

/// Whether an augmentation keeps the labels, measured before training with it: the classes of
/// `AugmentExperiment`'s table by verdict (kept, mostly kept, turned into other classes).
public struct AugmentCheck: Codable, Sendable {
    public var transformation: Augmentation
    public var keeps: [String]
    public var mostly_keeps: [String]
    public var changes: [String]
    /// True when the run used it although it changes labels (force=on).
    public var forced: Bool
    public init(transformation: Augmentation, keeps: [String], mostly_keeps: [String], changes: [String], forced: Bool) {
        self.transformation = transformation; self.keeps = keeps; self.mostly_keeps = mostly_keeps; self.changes = changes; self.forced = forced
    }
}

import NNLabCore

/// One of the hardest training examples: where it sits, what it is, what the baseline model
/// said, and its loss -ln p(label) under the baseline and under the model retrained with the
/// hard examples over-sampled.
public struct HardExample: Codable, Sendable {
    /// Row of the training part (0-based, as `data show i` counts).
    public var index: Int
    public var label: Int
    public var predicted_before: Int
    public var loss_before: Double
    public var predicted_after: Int?
    public var loss_after: Double?
}

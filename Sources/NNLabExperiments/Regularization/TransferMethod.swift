import NNLabCore

/// How a network meets new classes with few labelled examples.
public enum TransferMethod: String, Codable, Sendable, CaseIterable {
    /// The pretrained layers frozen: their outputs (the last hidden layer's activations) are the
    /// features of a new last layer, the only thing trained.
    case features
    /// Every layer trained from the pretrained weights (and a new last layer) at a small rate.
    case finetune
    /// A freshly drawn network trained on the few examples alone.
    case scratch
}

import NNLabCore

/// Lecture topics, in the order `help` lists them.
public enum Topic: String, CaseIterable, Sendable, Codable {
    case session = "Session"
    case convolution = "Convolution layers"
    case architectures = "CNN architectures"
    case backprop = "Backpropagation and activations"
    case setup = "Initialization, preprocessing, batch norm, dropout"
    case optimizers = "Optimizers"
    case training = "Training"
    case data = "Data sets and augmentation"

    public var title: String { rawValue }
}

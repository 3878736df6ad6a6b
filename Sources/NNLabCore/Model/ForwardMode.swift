/// Whether a forward pass is part of training or a prediction. Layers that behave differently
/// (dropout draws masks only in training; batch norm uses the batch's statistics in training and
/// its running averages in test) read it; the others ignore it.
public enum ForwardMode: String, CaseIterable, Sendable, Codable {
    case train, test
}

/// The classification loss at the top of a `Sequential` model, averaged over the batch (the
/// formulas and gradients are `Loss`'s).
public enum LossKind: String, CaseIterable, Sendable, Codable {
    /// Softmax cross-entropy, L = -(1/N) sum_i log softmax(s_i)[y_i].
    case softmax
    /// Multiclass SVM (hinge) with margin 1, L = (1/N) sum_i sum_{j != y_i} max(0, s_j - s_{y_i} + 1).
    case svm

    /// The loss alone: `evaluate(scores, y).loss` without building the gradient.
    public func value(_ scores: Tensor, _ y: [Int]) throws -> Double {
        switch self {
        case .softmax: return try Loss.softmaxLoss(scores, y)
        case .svm: return try Loss.svm(scores, y).loss
        }
    }

    /// The loss of scores (N, C) for labels y, and dL/dscores (N, C).
    public func evaluate(_ scores: Tensor, _ y: [Int]) throws -> (loss: Double, dscores: Tensor) {
        switch self {
        case .softmax: return try Loss.softmax(scores, y)
        case .svm: return try Loss.svm(scores, y)
        }
    }
}

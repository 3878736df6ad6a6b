import Foundation

/// Exercise softmax: the softmax (cross-entropy) loss and its gradient, averaged over the batch.
///
/// scores (N, C), labels N classes in 0..<C. With p_i = softmax(scores_i) (shift each row by its
/// maximum before exp so that it cannot overflow), L = -(1/N) sum_i log p_i[y_i] and
/// dL/dscores = (p - onehot(y)) / N, shape (N, C).
public func softmaxLoss(_ scores: ExArray, labels: [Int]) throws -> (loss: Double, dscores: ExArray) {
    // BEGIN SOLUTION
    let n = scores.rows, c = scores.columns
    guard scores.shape.count == 2, labels.count == n, n > 0, labels.allSatisfy({ (0..<c).contains($0) }) else {
        throw ExerciseError.shapeMismatch("scores \(scores.shape), \(labels.count) labels")
    }
    var d = ExArray(shape: [n, c])
    var loss = 0.0
    for i in 0..<n {
        var m = -Double.infinity
        for j in 0..<c { m = max(m, scores[i, j]) }
        var z = 0.0
        for j in 0..<c { d[i, j] = exp(scores[i, j] - m); z += d[i, j] }
        for j in 0..<c { d[i, j] /= z }
        loss -= scores[i, labels[i]] - m - log(z)   // log p_y without taking the log of an underflowed p
        d[i, labels[i]] -= 1
    }
    return (loss / Double(n), d.map { $0 / Double(n) })
    // END SOLUTION
}

/// Exercise svm: the multiclass SVM (hinge) loss with margin 1 and its gradient, batch-averaged.
///
/// scores (N, C), labels N classes. L = (1/N) sum_i sum_{j != y_i} max(0, s_ij - s_i,y_i + 1);
/// each positive margin adds 1/N to dL/ds_ij and subtracts 1/N from dL/ds_i,y_i. Shape (N, C).
public func svmLoss(_ scores: ExArray, labels: [Int]) throws -> (loss: Double, dscores: ExArray) {
    // BEGIN SOLUTION
    let n = scores.rows, c = scores.columns
    guard scores.shape.count == 2, labels.count == n, n > 0, labels.allSatisfy({ (0..<c).contains($0) }) else {
        throw ExerciseError.shapeMismatch("scores \(scores.shape), \(labels.count) labels")
    }
    var d = ExArray(shape: [n, c])
    var loss = 0.0
    for i in 0..<n {
        let y = labels[i]
        for j in 0..<c where j != y {
            let margin = scores[i, j] - scores[i, y] + 1
            if margin > 0 {
                loss += margin
                d[i, j] += 1
                d[i, y] -= 1
            }
        }
    }
    return (loss / Double(n), d.map { $0 / Double(n) })
    // END SOLUTION
}

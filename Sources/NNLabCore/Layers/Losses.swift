import Foundation

/// Classification losses on a batch of scores (N, C) with labels y (N values in 0..<C), averaged
/// over the batch. Each returns the loss and dL/dscores.
public enum Loss {
    static func check(_ scores: Tensor, _ y: [Int]) throws -> (Int, Int) {
        let (n, c) = try scores.matrixDimensions("loss")
        guard y.count == n else { throw NumericsError.invalidShape("\(n) rows of scores but \(y.count) labels") }
        guard n > 0 else { throw NumericsError.invalidShape("a loss needs at least one example") }
        for label in y where label < 0 || label >= c {
            throw NumericsError.outOfRange("label \(label) is not a class 0..<\(c)")
        }
        return (n, c)
    }

    /// Softmax cross-entropy: L = -(1/N) sum_i log p_i[y_i], p = softmax(scores). Scores are shifted
    /// by their row maximum first, which changes nothing mathematically but keeps exp from
    /// overflowing. dL/dscores = (p - onehot(y)) / N.
    public static func softmax(_ scores: Tensor, _ y: [Int]) throws -> (loss: Double, dscores: Tensor) {
        let (n, c) = try check(scores, y)
        var d = scores.data
        var loss = 0.0
        for i in 0..<n {
            let row = i * c
            var m = -Double.infinity
            for j in 0..<c { m = max(m, d[row + j]) }
            var z = 0.0
            for j in 0..<c { d[row + j] = Foundation.exp(d[row + j] - m); z += d[row + j] }
            for j in 0..<c { d[row + j] /= z }
            loss -= Foundation.log(max(d[row + y[i]], Double.leastNormalMagnitude))
            d[row + y[i]] -= 1
        }
        return (loss / Double(n), try Tensor(shape: [n, c], data: d.map { $0 / Double(n) }))
    }

    /// Multiclass SVM (hinge) loss with margin 1: L = (1/N) sum_i sum_{j != y_i} max(0, s_j - s_{y_i} + 1).
    public static func svm(_ scores: Tensor, _ y: [Int]) throws -> (loss: Double, dscores: Tensor) {
        let (n, c) = try check(scores, y)
        var d = [Double](repeating: 0, count: n * c)
        var loss = 0.0
        for i in 0..<n {
            let row = i * c, correct = scores.data[row + y[i]]
            for j in 0..<c where j != y[i] {
                let margin = scores.data[row + j] - correct + 1
                if margin > 0 {
                    loss += margin
                    d[row + j] += 1
                    d[row + y[i]] -= 1
                }
            }
        }
        return (loss / Double(n), try Tensor(shape: [n, c], data: d.map { $0 / Double(n) }))
    }
}

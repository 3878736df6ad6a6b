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
        let count = Double(n)
        d.withUnsafeMutableBufferPointer { buffer in
            guard let p = buffer.baseAddress else { return }
            for i in 0..<n {
                let row = p + i * c
                var m = -Double.infinity
                for j in 0..<c { m = max(m, row[j]) }
                var z = 0.0
                for j in 0..<c { row[j] = Foundation.exp(row[j] - m); z += row[j] }
                for j in 0..<c { row[j] /= z }
                loss -= Foundation.log(max(row[y[i]], Double.leastNormalMagnitude))
                row[y[i]] -= 1
                for j in 0..<c { row[j] /= count }  // dL/dscores = (p - onehot) / N, in place
            }
        }
        return (loss / count, try Tensor(shape: [n, c], data: d))
    }

    /// The softmax loss alone (a validation loss needs no gradient): the same numbers as
    /// `softmax(scores, y).loss`, each p[y_i] computed as there, without writing the scores' copy.
    public static func softmaxLoss(_ scores: Tensor, _ y: [Int]) throws -> Double {
        let (n, c) = try check(scores, y)
        var loss = 0.0
        scores.data.withUnsafeBufferPointer { buffer in
            guard let p = buffer.baseAddress else { return }
            for i in 0..<n {
                let row = p + i * c
                var m = -Double.infinity
                for j in 0..<c { m = max(m, row[j]) }
                var z = 0.0, ey = 0.0
                for j in 0..<c {
                    let e = Foundation.exp(row[j] - m)
                    z += e
                    if j == y[i] { ey = e }
                }
                loss -= Foundation.log(max(ey / z, Double.leastNormalMagnitude))
            }
        }
        return loss / Double(n)
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

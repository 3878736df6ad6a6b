import Foundation

/// Exercise batchnorm, forward (training mode): normalize each column over the batch.
///
/// x (N, D), gamma (D), beta (D). mu_j = (1/N) sum_i x_ij, var_j = (1/N) sum_i (x_ij - mu_j)^2,
/// xhat = (x - mu) / sqrt(var + eps), out = gamma * xhat + beta, shape (N, D).
public func batchnormForward(_ x: ExArray, gamma: ExArray, beta: ExArray, eps: Double = 1e-5) throws -> ExArray {
    // BEGIN SOLUTION
    let n = x.rows, d = x.columns
    guard x.shape.count == 2, n > 0, gamma.shape == [d], beta.shape == [d] else {
        throw ExerciseError.shapeMismatch("x \(x.shape), gamma \(gamma.shape), beta \(beta.shape)")
    }
    var out = x
    for j in 0..<d {
        var mu = 0.0
        for i in 0..<n { mu += x[i, j] }
        mu /= Double(n)
        var v = 0.0
        for i in 0..<n { v += (x[i, j] - mu) * (x[i, j] - mu) }
        v /= Double(n)
        for i in 0..<n { out[i, j] = gamma.values[j] * (x[i, j] - mu) / (v + eps).squareRoot() + beta.values[j] }
    }
    return out
    // END SOLUTION
}

/// Exercise batchnorm, backward: gradients of the training-mode forward above.
///
/// Given dout (N, D), x (N, D), gamma (D): dbeta = sum_i dout_ij, dgamma = sum_i dout_ij xhat_ij, and
/// dx = (gamma / (N sqrt(var + eps))) * (N dout - dbeta - xhat * dgamma), all per column j.
public func batchnormBackward(_ dout: ExArray, x: ExArray, gamma: ExArray, eps: Double = 1e-5) throws
    -> (dx: ExArray, dgamma: ExArray, dbeta: ExArray) {
    // BEGIN SOLUTION
    let n = x.rows, d = x.columns
    guard x.shape.count == 2, n > 0, gamma.shape == [d], dout.shape == x.shape else {
        throw ExerciseError.shapeMismatch("dout \(dout.shape), x \(x.shape), gamma \(gamma.shape)")
    }
    var dx = x, dgamma = ExArray(shape: [d]), dbeta = ExArray(shape: [d])
    for j in 0..<d {
        var mu = 0.0
        for i in 0..<n { mu += x[i, j] }
        mu /= Double(n)
        var v = 0.0
        for i in 0..<n { v += (x[i, j] - mu) * (x[i, j] - mu) }
        v /= Double(n)
        let inv = 1 / (v + eps).squareRoot()
        for i in 0..<n {
            dbeta.values[j] += dout[i, j]
            dgamma.values[j] += dout[i, j] * (x[i, j] - mu) * inv
        }
        for i in 0..<n {
            let xhat = (x[i, j] - mu) * inv
            dx[i, j] = gamma.values[j] * inv / Double(n)
                * (Double(n) * dout[i, j] - dbeta.values[j] - xhat * dgamma.values[j])
        }
    }
    return (dx, dgamma, dbeta)
    // END SOLUTION
}

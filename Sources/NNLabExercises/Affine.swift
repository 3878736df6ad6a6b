import Foundation

/// Exercise affine, forward: out = x w + b.
///
/// Shapes: x (N, D), w (D, M), b (M) -> out (N, M), out[i, j] = sum_k x[i, k] w[k, j] + b[j].
public func affineForward(_ x: ExArray, _ w: ExArray, _ b: ExArray) throws -> ExArray {
    // BEGIN SOLUTION
    let n = x.rows, d = x.columns, m = w.columns
    guard x.shape.count == 2, w.shape == [d, m], b.shape == [m] else {
        throw ExerciseError.shapeMismatch("x \(x.shape), w \(w.shape), b \(b.shape)")
    }
    var out = ExArray(shape: [n, m])
    for i in 0..<n {
        for j in 0..<m {
            var s = b.values[j]
            for k in 0..<d { s += x[i, k] * w[k, j] }
            out[i, j] = s
        }
    }
    return out
    // END SOLUTION
}

/// Exercise affine, backward: the gradients of out = x w + b.
///
/// Given dout (N, M), x (N, D) and w (D, M) return dx = dout w^T (N, D), dw = x^T dout (D, M) and
/// db = the column sums of dout (M).
public func affineBackward(_ dout: ExArray, x: ExArray, w: ExArray) throws -> (dx: ExArray, dw: ExArray, db: ExArray) {
    // BEGIN SOLUTION
    let n = x.rows, d = x.columns, m = w.columns
    guard x.shape.count == 2, w.shape == [d, m], dout.shape == [n, m] else {
        throw ExerciseError.shapeMismatch("dout \(dout.shape), x \(x.shape), w \(w.shape)")
    }
    var dx = ExArray(shape: [n, d]), dw = ExArray(shape: [d, m]), db = ExArray(shape: [m])
    for i in 0..<n {
        for j in 0..<m {
            let g = dout[i, j]
            db.values[j] += g
            for k in 0..<d {
                dx[i, k] += g * w[k, j]
                dw[k, j] += x[i, k] * g
            }
        }
    }
    return (dx, dw, db)
    // END SOLUTION
}

/// The fully connected (affine) layer: out = x W + b.
///
/// Shapes: x (N, D) (any x of shape (N, d1, d2, ...) is read as N rows of D = d1*d2*... numbers),
/// W (D, M), b (M), out (N, M).
public enum Affine {
    public static func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor) throws -> Tensor {
        var out = try rows(x).matmul(w)
        let (m, n) = try out.matrixDimensions("affine")
        guard b.count == n, b.shape == [n] || b.shape == [1, n] else {
            throw NumericsError.shapeMismatch(operation: "broadcast add", lhs: out.shape, rhs: b.shape)
        }
        out.addRowInPlace(b, m, n)  // the product's own array: no copy
        return out
    }

    /// dx = dout W^T (reshaped like x), dW = x^T dout, db = sum of dout over the batch.
    public static func backward(_ dout: Tensor, x: Tensor, w: Tensor) throws -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let dx = try dout.matmul(w, transposeA: false, transposeB: true).reshaped(x.shape)
        let (dw, db) = try parameterGradients(dout, x: x)
        return (dx, dw, db)
    }

    /// dW and db alone: what the first layer of a network needs (nobody reads its dx, and that
    /// product is a third of the layer's backward work).
    public static func parameterGradients(_ dout: Tensor, x: Tensor) throws -> (dw: Tensor, db: Tensor) {
        (try rows(x).matmul(dout, transposeA: true), try dout.sum(axis: 0))
    }

    /// x as a matrix of N rows.
    static func rows(_ x: Tensor) throws -> Tensor {
        guard let n = x.shape.first, n > 0 else { throw NumericsError.invalidShape("affine needs a batch of at least one row") }
        return try x.reshaped([n, x.count / n])
    }
}

/// The fully connected (affine) layer: out = x W + b.
///
/// Shapes: x (N, D) (any x of shape (N, d1, d2, ...) is read as N rows of D = d1*d2*... numbers),
/// W (D, M), b (M), out (N, M).
public enum Affine {
    public static func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor) throws -> Tensor {
        try rows(x).matmul(w).addingRow(b)
    }

    /// dx = dout W^T (reshaped like x), dW = x^T dout, db = sum of dout over the batch.
    public static func backward(_ dout: Tensor, x: Tensor, w: Tensor) throws -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let x2 = try rows(x)
        let dx = try dout.matmul(w, transposeA: false, transposeB: true).reshaped(x.shape)
        let dw = try x2.matmul(dout, transposeA: true)
        return (dx, dw, try dout.sum(axis: 0))
    }

    /// x as a matrix of N rows.
    static func rows(_ x: Tensor) throws -> Tensor {
        guard let n = x.shape.first, n > 0 else { throw NumericsError.invalidShape("affine needs a batch of at least one row") }
        return try x.reshaped([n, x.count / n])
    }
}

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

/// Maxout (Goodfellow et al. 2013) with two pieces: out = max(x W1 + b1, x W2 + b2), elementwise.
/// It generalizes relu (W2 = 0, b2 = 0) and leaky relu, never saturates, and doubles the parameters.
public enum Maxout {
    public static func forward(_ x: Tensor, _ w1: Tensor, _ b1: Tensor, _ w2: Tensor, _ b2: Tensor) throws -> Tensor {
        try Affine.forward(x, w1, b1).zip(Affine.forward(x, w2, b2), "maxout") { Swift.max($0, $1) }
    }

    /// The gradient flows only into the piece that won (the first on ties).
    public static func backward(_ dout: Tensor, x: Tensor, w1: Tensor, b1: Tensor, w2: Tensor, b2: Tensor) throws
        -> (dx: Tensor, dw1: Tensor, db1: Tensor, dw2: Tensor, db2: Tensor) {
        let z1 = try Affine.forward(x, w1, b1), z2 = try Affine.forward(x, w2, b2)
        let d1 = try dout.zip(try z1.zip(z2, "maxout") { $0 >= $1 ? 1 : 0 }, "maxout", *)
        let d2 = try dout - d1
        let g1 = try Affine.backward(d1, x: x, w: w1), g2 = try Affine.backward(d2, x: x, w: w2)
        return (try g1.dx + g2.dx, g1.dw, g1.db, g2.dw, g2.db)
    }
}

/// Flatten: (N, d1, d2, ...) to (N, d1*d2*...); backward reshapes back.
public enum Flatten {
    public static func forward(_ x: Tensor) throws -> Tensor { try Affine.rows(x) }
    public static func backward(_ dout: Tensor, inputShape: [Int]) throws -> Tensor { try dout.reshaped(inputShape) }
}

/// Weight penalties added to the loss. L2 is 0.5 * reg * sum(W^2) (the 0.5 makes the gradient
/// reg * W); L1 is reg * sum(|W|), gradient reg * sign(W) (0 at 0).
public enum Penalty {
    public static func l2(_ w: Tensor, reg: Double) -> (loss: Double, grad: Tensor) {
        (0.5 * reg * w.data.reduce(0) { $0 + $1 * $1 }, w * reg)
    }
    public static func l1(_ w: Tensor, reg: Double) -> (loss: Double, grad: Tensor) {
        (reg * w.data.reduce(0) { $0 + Swift.abs($1) }, w.map { $0 > 0 ? reg : ($0 < 0 ? -reg : 0) })
    }
}

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

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

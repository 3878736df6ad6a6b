/// An update rule that moves a point (a flat vector of parameters) one step downhill, given a way
/// to ask for the gradient. The gradient is a function, not a number, because Nesterov's look-ahead
/// and RMSProp with Nesterov momentum evaluate it at another point (theta + mu v) than the one they
/// update; plain rules call it once at `x`.
///
/// This is the point-sized face of the core's `UpdateRule` (which updates named parameter tensors from
/// gradients already computed): every rule here keeps its state (velocity, caches, step count) in
/// itself, so the same value carried from step to step is the whole optimizer.
public protocol GradientStepRule: Sendable {
    /// One step: reads the gradient (once, at `x` or at a look-ahead point) and updates `x` in place.
    mutating func step(_ x: inout [Double], gradient: ([Double]) throws -> [Double]) rethrows
    /// The last update's per-coordinate effective learning rate (lr / (sqrt(cache) + eps) for the
    /// adaptive rules, lr for the others), to watch AdaGrad's decay against RMSProp's.
    var effectiveStep: [Double] { get }
    /// The step size lr every rule scales its update by; a learning-rate schedule sets it before
    /// each step (so the momentum forms' equivalence, which assumes a constant lr, then breaks).
    var learningRate: Double { get set }
}

extension GradientStepRule {
    public var effectiveStep: [Double] { [] }
}

/// Sizes the state vectors of a rule on first use (a rule is made before it knows the dimension).
@inline(__always)
func sized(_ v: inout [Double], _ n: Int) {
    if v.count != n { v = [Double](repeating: 0, count: n) }
}

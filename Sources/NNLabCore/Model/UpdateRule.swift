/// How parameters move after a backward pass: one step on each named tensor, from its gradient.
///
/// A rule is a value that carries its own state (velocities, caches, step counts) keyed by the
/// parameter's name, so the same rule value carried from step to step is the whole optimizer, and
/// one rule can drive a model (`Sequential.update(using:)`, names `layer1.w`...) or a bare point (a
/// `ParameterSet` of one parameter of two numbers). It never sees layers.
///
/// Conformances: `SGD`. A rule that needs the gradient somewhere else than at the current value
/// (Nesterov's look-ahead form) does not fit here: it needs the loss, not one gradient.
public protocol UpdateRule: Sendable {
    /// Moves `value` one step using `gradient` (same shape), in place. `name` is stable from step
    /// to step and keys whatever state the rule keeps for this parameter.
    mutating func update(_ name: String, value: inout Tensor, gradient: Tensor) throws
}

extension UpdateRule {
    /// One step on every parameter of `parameters`, in order.
    public mutating func step(_ parameters: inout ParameterSet) throws {
        try parameters.updateValues { name, value, gradient in try update(name, value: &value, gradient: gradient) }
    }
}

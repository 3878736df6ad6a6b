import NNLabCore
import NNLabExperiments

/// The session's settings with their defaults. `Setting.all` describes each for `set`, `show`
/// and completion.
public struct Settings: Sendable, Equatable {
    /// The initialization scheme `init` (without a scheme) and `model` (without init=) use.
    public var initScheme: InitExperiment.SchemeName = .xavier
    /// The hidden layers' activation function (`init`, `model`).
    public var act: ActivationKind = .tanh
    /// The probability of keeping a unit (1: no dropout): `dropout` without P (1/2 while this is
    /// 1), `model` without dropout=, `net`'s dropout layer without P.
    public var dropout: Double = 1
    /// Whether parameter counts include the biases (`conv`, `arch`, `net`).
    public var bias = true
    /// The learning-rate schedule `schedule` last showed (or `set schedule` chose), for `train` and
    /// for `descend ... schedule=` (which takes its k and every when the kinds match).
    public var schedule = LearningRateSchedule.constantDefault

    public init() {}
}

import NNLabCore
import NNLabExperiments

/// The state a session keeps between commands: the random generator and the settings that later
/// commands read. A value type: the interpreter owns one, tests make their own.
public struct Session: Sendable {
    public private(set) var seed: UInt32
    public var rng: NumpyRandom
    /// The settings, typed: `set` parses into them, commands read them directly.
    public var settings = Settings()
    /// The network `net` is building, if any.
    public var network: NetworkDraft?
    /// The last figure an experiment drew, for `save`.
    public var lastFigure: Figure?
    /// The data set `data NAME` loaded, which `model`, `train`, `evaluate` and `search` use.
    public var data: Dataset?
    /// The last `search`'s trials, which `search refine` narrows around.
    public var lastSearch: SearchReport?
    /// The network `model` built (or `model load` read) and `train` fits, with its training history.
    public var model: TrainedModel?

    public static let defaultSeed: UInt32 = 0

    public init(seed: UInt32 = Session.defaultSeed) {
        self.seed = seed
        self.rng = NumpyRandom(seed: seed)
    }

    /// `np.random.seed(n)`: restarts the generator.
    public mutating func reseed(_ n: UInt32) {
        seed = n
        rng = NumpyRandom(seed: n)
    }
}

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

/// A session setting: `set KEY VALUE` validates against `kind` and stores through `assign`, `show`
/// lists `read`, completion offers the kind's choices.
public struct Setting: Sendable {
    public var key: String
    public var kind: ValueKind
    public var help: String
    /// The commands that read the setting (and how), for `set`, `show` and the commands' help.
    public var readers: String
    /// Stores a parsed value; the value has already been checked against `kind`.
    let assign: @Sendable (inout Settings, ArgValue) -> Void
    /// The current value as it would be typed.
    public let read: @Sendable (Settings) -> String

    public var defaultValue: String { read(Settings()) }

    public static let all: [Setting] = [
        Setting(key: "init", kind: .choice(InitExperiment.SchemeName.names),
                help: "weight initialization scheme", readers: "init without a SCHEME, model without init=",
                assign: { s, v in if let n = InitExperiment.SchemeName.from(v) { s.initScheme = n } },
                read: { $0.initScheme.rawValue }),
        Setting(key: "act", kind: .choice(ActivationKind.names), help: "activation function of hidden layers",
                readers: "init without act=, model without act=",
                assign: { s, v in if let a = ActivationKind.from(v) { s.act = a } },
                read: { $0.act.rawValue }),
        Setting(key: "dropout", kind: .real(0...1, exclusiveLower: true),
                help: "probability of keeping a unit (1 keeps all: no dropout)",
                readers: "dropout without P and net's dropout layer without P (both 1/2 while this is 1), model without dropout=",
                assign: { s, v in if let x = Double.from(v) { s.dropout = x } },
                read: { Format.number($0.dropout) }),
        Setting(key: "bias", kind: .choice(Switch.names), help: "whether parameter counts include the biases",
                readers: "conv, arch and net without bias=",
                assign: { s, v in if let b = Bool.from(v) { s.bias = b } },
                read: { $0.bias ? "on" : "off" }),
        Setting(key: "schedule", kind: .choice(LearningRateSchedule.Kind.names),
                help: "lr decay over epochs (`schedule` sets lr0, k, every)",
                readers: "descend and race with schedule= of the same kind (its k and every); not train, which takes schedule=",
                assign: { s, v in
                    if let k = LearningRateSchedule.Kind.from(v),
                       let new = try? LearningRateSchedule(k, base: s.schedule.base, every: s.schedule.every) { s.schedule = new }
                },
                read: { $0.schedule.kind.rawValue }),
    ]

    public static func named(_ key: String) -> Setting? { all.first { $0.key == key.lowercased() } }

    /// Every setting's current value as typed, for `show` and its JSON.
    public static func values(_ s: Settings) -> [String: String] {
        Dictionary(uniqueKeysWithValues: all.map { ($0.key, $0.read(s)) })
    }
}

extension ActivationKind: Choice {}
extension InitExperiment.SchemeName: Choice {}
extension LearningRateSchedule.Kind: Choice {}
extension OptimizerKind: Choice {}
extension DescentLandscape: Choice {}

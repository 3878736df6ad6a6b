import NNLabCore
import NNLabExperiments

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

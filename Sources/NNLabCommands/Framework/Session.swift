import NNLabCore
import NNLabExperiments

/// The state a session keeps between commands: the random generator and the settings that later
/// commands read. A value type: the interpreter owns one, tests make their own.
public struct Session: Sendable {
    public private(set) var seed: UInt32
    public var rng: NumpyRandom
    public private(set) var settings: [String: String]
    /// The network `net` is building, if any.
    public var network: NetworkDraft?
    /// The last figure an experiment drew, for `save`.
    public var lastFigure: Figure?

    public static let defaultSeed: UInt32 = 0

    public init(seed: UInt32 = Session.defaultSeed) {
        self.seed = seed
        self.rng = NumpyRandom(seed: seed)
        self.settings = Dictionary(uniqueKeysWithValues: Setting.all.map { ($0.key, $0.defaultValue) })
    }

    /// `np.random.seed(n)`: restarts the generator.
    public mutating func reseed(_ n: UInt32) {
        seed = n
        rng = NumpyRandom(seed: n)
    }

    public mutating func set(_ key: String, _ value: String) { settings[key] = value }

    public func value(_ key: String) -> String? { settings[key] }
}

/// A session setting: `set KEY VALUE` validates against it, `show` lists it, completion offers it.
public struct Setting: Sendable {
    public var key: String
    public var kind: ValueKind
    public var defaultValue: String
    public var help: String

    public static let all: [Setting] = [
        Setting(key: "init", kind: .choice(["zero", "small", "big", "xavier", "he"]), defaultValue: "xavier",
                help: "weight initialization scheme that `init` and training use"),
        Setting(key: "act", kind: .choice(["sigmoid", "tanh", "relu", "leaky", "elu"]), defaultValue: "tanh",
                help: "activation function of hidden layers"),
        Setting(key: "dropout", kind: .real(0...1, exclusiveLower: true), defaultValue: "1",
                help: "probability of keeping a unit (1 keeps all: no dropout)"),
        Setting(key: "bias", kind: .choice(["on", "off"]), defaultValue: "on",
                help: "whether parameter counts include the biases"),
    ]

    public static func named(_ key: String) -> Setting? { all.first { $0.key == key.lowercased() } }
}

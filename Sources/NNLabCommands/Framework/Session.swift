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

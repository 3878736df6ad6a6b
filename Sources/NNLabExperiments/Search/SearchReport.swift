import NNLabCore

/// What a search found: every finished trial in trial order, the best, and how much of the plan ran.
public struct SearchReport: Sendable, Codable {
    public var strategy: SearchStrategy
    public var ranges: [SearchRange]
    public var epochs: Int
    /// Finished trials in trial order (with Ctrl-C, only those that finished; gaps are possible
    /// when trials ran in parallel).
    public var trials: [SearchTrial]
    /// The finished trial with the highest validation accuracy (the first such), nil when none finished.
    public var best: SearchTrial?
    /// Trials the 3x rule cut.
    public var cutCount: Int
    /// Trials run at once (one per core).
    public var workers: Int
    public var run: RunState

    enum CodingKeys: String, CodingKey {
        case strategy, ranges, epochs, trials, best, workers, run
        case cutCount = "cut_count"
    }

    /// The ranges `search refine` moves to: around the best fifth of the finished, uncut trials
    /// (at least 3), each range narrowed with `SearchRange.narrowed`.
    public func refinedRanges() -> [SearchRange] {
        let good = trials.filter { $0.cut == nil }.sorted { $0.valAccuracy > $1.valAccuracy }
        let top = Array(good.prefix(max(3, good.count / 5)))
        guard !top.isEmpty else { return ranges }
        return ranges.map { r in
            switch r.name {
            case "lr": r.narrowed(around: top.map(\.lr))
            case "reg": r.narrowed(around: top.map(\.reg))
            default: r
            }
        }
    }

    /// How many different values of lr the finished trials tried (the grid's weakness).
    public var distinctLearningRates: Int { Set(trials.map(\.lr)).count }
}

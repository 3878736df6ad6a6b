import NNLabCore

/// `reset`: a fresh session, saying what the old one held.
public struct ResetCommand: Command {
    public static let spec = CommandSpec(
        name: "reset", topic: .session,
        summary: "start a fresh session: default settings, seed 0, and no network, figure, data, model or search; says what was dropped",
        discussion: """
            Lists what the session held and is now gone: each setting that differed from its default (with \
            both values), the seed and how far the generator had run, the network `net` was building, the \
            figure `save` would write, the data set, the model and its training, and the last search's trials.
            """,
        fields: [FieldDoc("message", "one line: what was reset"),
                 FieldDoc("reset", "one entry per thing reset: what, was (its value before), now")],
        examples: [Example("reset", "back to defaults after trying things", after: "set act relu; net new 32x32x3 conv 10 5 1 2")])

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        let old = context.session
        var items: [ResetOutput.Item] = []
        let defaults = Settings()
        for s in Setting.all where s.read(old.settings) != s.read(defaults) {
            items.append(.init(what: "setting \(s.key)", was: s.read(old.settings), now: s.read(defaults)))
        }
        let untouched = Self.sameStream(old.rng, NumpyRandom(seed: old.seed))
        if old.seed != Session.defaultSeed || !untouched {
            items.append(.init(what: "seed", was: "\(old.seed) (\(untouched ? "nothing drawn since" : "numbers drawn since"))",
                               now: "\(Session.defaultSeed), restarted"))
        }
        if let n = old.network {
            items.append(.init(what: "network (net)", was: "on \(n.input), \(n.layers.count) layer\(n.layers.count == 1 ? "" : "s")", now: "none"))
        }
        if let f = old.lastFigure { items.append(.init(what: "figure (save)", was: f.title, now: "none")) }
        if let d = old.data {
            items.append(.init(what: "data", was: "\(d.name): \(d.train.count) training, \(d.val.count) validation, \(d.test.count) test", now: "none"))
        }
        if let m = old.model {
            let sizes = m.blueprint.layers.map(\.text).joined(separator: ", ")
            items.append(.init(what: "model", was: "\(sizes)\(m.epochsTrained > 0 ? "; trained \(m.epochsTrained) epoch\(m.epochsTrained == 1 ? "" : "s")" : "; untrained")", now: "none"))
        }
        if let s = old.lastSearch { items.append(.init(what: "search", was: "\(s.trials.count) trial\(s.trials.count == 1 ? "" : "s") (\(s.strategy.rawValue))", now: "none")) }
        context.session = Session()
        let message = items.isEmpty ? "nothing to reset: the session was already fresh (default settings, seed 0, nothing built or loaded)"
                                    : "reset " + items.map(\.what).joined(separator: ", ")
        return ResetOutput(message: message, reset: items)
    }

    /// Whether two generators are at the same place in their stream, judged by their next draws
    /// (normals first, so a cached second normal counts too): different positions agree on four
    /// 53-bit draws with probability about 2^-200.
    static func sameStream(_ a: NumpyRandom, _ b: NumpyRandom) -> Bool {
        var a = a, b = b
        for _ in 0..<4 where a.randn() != b.randn() { return false }
        return true
    }
}

public struct ResetOutput: CommandOutput {
    public struct Item: Codable, Sendable, Equatable {
        public var what: String, was: String, now: String
    }
    public var message: String
    public var reset: [Item]

    public func renderText(_ style: TextStyle) -> String {
        guard !reset.isEmpty else { return message.fitted(style) }
        var t = Table(["reset", "was", "now"])
        for i in reset { t.add([i.what, i.was, i.now]) }
        return (style.bold("reset: a fresh session") + "\n" + t.render(style, indent: "  ")).fitted(style)
    }
}

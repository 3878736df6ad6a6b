import NNLabCore
import NNLabExperiments

/// `net new|add|show|undo|clear ...`: build a network in the session and size it like `arch`.
public struct NetCommand: Command {
    enum Action: String, Choice { case new, add, show, undo, clear }
    static let action = Arg<Action>(.positional("ACTION", .choice(Action.names), help: "what to do"))
    static let layer = Arg<[String]>.words("LAYER", help: "for new: the input volume then layers; for add: one layer")
    static let bias = Arg.choice("bias", Switch.self, help: "count biases in params (default: the session's `bias` setting)")
    static let layerKinds = ["conv", "pool", "avgpool", "gap", "fc", "relu", "tanh", "sigmoid", "leaky", "elu",
                             "norm", "bn", "dropout", "softmax", "flatten"]
    static let layerHelp = "conv K F [S] [P|same] [floor|ceil], pool F [S], avgpool F [S], gap, fc N, relu, tanh, sigmoid, leaky, elu, norm, bn, dropout [P], softmax, flatten"

    /// The keep probability of a dropout layer typed without P: the session's dropout setting when
    /// below 1, else the lecture's 1/2.
    static func defaultKeep(_ settings: Settings) -> Double { settings.dropout < 1 ? settings.dropout : 0.5 }

    public static let spec = CommandSpec(
        name: "net", topic: .architectures,
        summary: "build your own network layer by layer and get its arch table",
        discussion: """
            `net new INPUT` starts a network on an input volume (e.g. 32x32x3), optionally followed by \
            layers separated by commas; `net add LAYER` appends one; `net undo` removes the last; `net show` \
            prints the table; `net clear` forgets the network. Layers: \(layerHelp). conv takes the number of \
            filters first: conv 10 5 1 2 is ten 5x5 filters at stride 1, pad 2. A layer that does not fit is \
            refused with the formula, and the network is left as it was; floor or ceil after a conv or pool \
            rounds the size the way frameworks do instead. dropout without P keeps the session's dropout setting \
            (`set dropout 0.3`) when it is below 1, else 1/2. `save FILE.svg` then draws the memory and \
            parameters of each layer as bars.
            """,
        arguments: [action.spec, layer.spec, bias.spec],
        fields: ArchCommand.spec.fields.filter { $0.name != "networks" } + [FieldDoc("message", "for net clear")],
        examples: [
            Example("net new 32x32x3", "start a network on a CIFAR-sized image"),
            Example("net new 32x32x3 conv 10 5 1 2, relu, pool 2 2, fc 10", "a whole small net in one line"),
            Example("net clear", "forget the network", after: "net new 32x32x3 conv 10 5 1 2"),
            Example("net new 6x6x16 pool 3 2", "refused: (6 - 3)/2 + 1 = 2.5 does not fit", fails: true),
        ],
        complete: { previous, _ in
            if previous.isEmpty { return Action.names }
            if previous.first == "add", previous.count == 1 { return layerKinds }
            if previous.first == "new", let last = previous.last, last.hasSuffix(",") { return layerKinds }
            return nil
        })

    /// The most layers a `net` network holds: far more than any network in the lectures (VGG-16
    /// written out layer by layer is under 50), and few enough that reprinting the whole table
    /// after each `net add` stays well under a second.
    public static let maxLayers = 500

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        let bias = args[Self.bias].map { $0 == .on } ?? context.session.settings.bias
        let words = args[layer] ?? []
        let keep = defaultKeep(context.session.settings)
        let report: ArchitectureReport
        switch try args.value(action) {
        case .new:
            guard let first = words.first else {
                throw CommandError("net new needs an input volume, e.g. net new 32x32x3")
            }
            guard case let .volume(v) = try Arguments.parse(first, as: .positional("INPUT", .volume(maxExtent: ConvCommand.maxExtent), help: "input"), spec: spec),
                  v.depth != nil else {
                throw CommandError("the input needs a depth, as in 32x32x3; got '\(first)'")
            }
            let rest = words.dropFirst().joined(separator: " ")
            let layers = rest.trimmingWhitespace().isEmpty ? []
                : try rest.split(separator: ",", omittingEmptySubsequences: false).map { try LayerSyntax.parse(String($0), defaultKeep: keep) }
            guard layers.count <= maxLayers else {
                throw CommandError("net new got \(layers.count) layers; a network holds at most \(maxLayers) (each net command reprints them all); e.g. net new 32x32x3 conv 10 5 1 2, relu, pool 2 2")
            }
            let draft = NetworkDraft(input: v, layers: layers)
            report = try draft.build(countBiases: bias)
            context.session.network = draft
        case .add:
            guard var draft = context.session.network else { throw CommandError("no network yet; start one with net new 32x32x3") }
            guard !words.isEmpty else { throw CommandError("net add needs a layer, e.g. net add conv 10 5 1 2; layers: \(layerHelp)") }
            guard draft.layers.count < maxLayers else {
                throw CommandError("the network already has \(draft.layers.count) layers, the most it holds (each net command reprints them all); remove one with net undo, or start again with net new 32x32x3")
            }
            draft.layers.append(try LayerSyntax.parse(words.joined(separator: " "), defaultKeep: keep))
            report = try draft.build(countBiases: bias)
            context.session.network = draft
        case .undo:
            guard var draft = context.session.network else { throw CommandError("no network yet; start one with net new 32x32x3") }
            guard !draft.layers.isEmpty else { throw CommandError("the network has no layers to undo") }
            draft.layers.removeLast()
            context.session.network = draft
            report = try draft.build(countBiases: bias)
        case .show:
            guard let draft = context.session.network else { throw CommandError("no network yet; start one with net new 32x32x3") }
            report = try draft.build(countBiases: bias)
        case .clear:
            context.session.network = nil
            return MessageOutput(message: "network cleared")
        }
        context.session.lastFigure = report.figure()
        return report
    }
}

/// The text form of one layer, shared by `net add` and `net new`'s one-line description.
public enum LayerSyntax {
    /// One layer as typed; `dropout` without P keeps `defaultKeep`.
    public static func parse(_ text: String, defaultKeep: Double = 0.5) throws -> LayerSpec {
        let w = text.split(whereSeparator: { $0.isWhitespace }).map { String($0).lowercased() }
        guard let head = w.first else { throw CommandError("an empty layer (two commas in a row?); layers: \(NetCommand.layerHelp)") }
        guard NetCommand.layerKinds.contains(head) || ["maxpool", "lrn", "batchnorm"].contains(head) else {
            var msg = "unknown layer '\(head)'"
            if let s = Suggest.closest(head, in: NetCommand.layerKinds) { msg += " (did you mean \(s)?)" }
            throw CommandError(msg + "; layers: \(NetCommand.layerHelp)")
        }
        var rest = Array(w.dropFirst())
        var rounding = Rounding.exact
        if let last = rest.last, let r = Rounding(rawValue: last), r != .exact { rounding = r; rest.removeLast() }
        func number(_ i: Int, _ name: String, _ range: ClosedRange<Int>, default d: Int? = nil) throws -> Int {
            guard i < rest.count else {
                if let d { return d }
                throw CommandError("\(head) needs \(name); layers: \(NetCommand.layerHelp)")
            }
            guard case let .value(v) = NumberParsing.integer(rest[i]), range.contains(v) else {
                throw CommandError("\(head): \(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), got '\(rest[i])'")
            }
            return v
        }
        func noMore(_ n: Int) throws {
            if rest.count > n { throw CommandError("\(head) takes \(n == 0 ? "no numbers" : "at most \(n) numbers"), got '\(rest.joined(separator: " "))'; layers: \(NetCommand.layerHelp)") }
        }
        switch head {
        case "conv":
            try noMore(4)
            let k = try number(0, "the number of filters K", 1...1_000_000), f = try number(1, "the filter size F", 1...100_000)
            let s = try number(2, "the stride", 1...100_000, default: 1)
            var pad: Int? = 0
            if rest.count > 3 { pad = rest[3] == "same" ? nil : try number(3, "the padding (or same)", 0...100_000) }
            return .conv(filters: k, size: f, stride: s, pad: pad, rounding: rounding)
        case "pool", "maxpool", "avgpool":
            try noMore(2)
            let f = try number(0, "the window size F", 1...100_000)
            return .pool(size: f, stride: try number(1, "the stride", 1...100_000, default: f), kind: head == "avgpool" ? .avg : .max, rounding: rounding)
        case "fc":
            try noMore(1)
            return .fc(units: try number(0, "the number of units", 1...1_000_000))
        case "dropout":
            try noMore(1)
            guard rest.count == 1 else { return .dropout(keep: defaultKeep) }
            guard let p = NumberParsing.real(rest[0]), p > 0, p <= 1 else {
                throw CommandError("dropout: the keep probability must be in (0, 1], got '\(rest[0])'")
            }
            return .dropout(keep: p)
        default:
            try noMore(0)
            switch head {
            case "relu", "tanh", "sigmoid", "leaky", "elu": return .activation(head)
            case "gap": return .globalAveragePool
            case "norm", "lrn": return .norm
            case "bn", "batchnorm": return .batchNorm
            case "softmax": return .softmax
            default: return .flatten
            }
        }
    }
}

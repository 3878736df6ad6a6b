import Foundation
import NNLabCore
import NNLabExperiments

/// `model 64-100-10 | hidden=... | conv | show | reset | save FILE | load FILE`: the network
/// `train` fits, built for the session's data.
public struct ModelCommand: Command {
    enum Action: String, CaseIterable { case conv, show, reset, save, load }

    static let what = Arg<String>.text("SPEC", positional: true, help: "sizes D-H...-C (64-100-10), or conv, show, reset, save, load")
    static let file = Arg<String>.text("FILE", positional: true, help: "for save and load: the model file")
    static let act = Arg.choice("act", ActivationKind.self, help: "hidden layers' activation (default: the session's act setting)")
    static let initialization = Arg<String>.text("init", help: "xavier, he, small, big, zero or a standard deviation like 1e-4 (default: the session's init setting)")
    static let dropout = Arg.real("dropout", 0...1, exclusiveLower: true, help: "probability of keeping a hidden unit (inverted dropout after each hidden activation; 1: none; default: the session's dropout setting, 1)")
    static let bn = Arg<Bool>.flag("bn", help: "batch norm after each hidden fc or conv layer")
    static let hidden = Arg<String>.text("hidden", help: "hidden layer sizes, comma-separated: hidden=100,50 (input and output sizes come from the data)")
    static let filters = Arg.integer("filters", 1...256, default: 8, help: "for conv: filters of the first conv layer (doubling per block)")

    public static let spec = CommandSpec(
        name: "model", topic: .training,
        summary: "build the network train fits (fully connected or a small convnet), show, reset, save and load it",
        discussion: """
            `model 64-100-10` builds a fully connected net: 64 inputs, a hidden layer of 100, 10 class scores. \
            The first and last sizes must be the loaded data's features and classes; `model hidden=100,50` takes \
            them from the data. Each hidden layer is fc, then batch norm with bn=on, the activation (act=), then \
            inverted dropout when dropout= keeps less than 1. `model conv` builds blocks of 3x3 conv (pad 1) - \
            activation - 2x2 max pool for image data while the image halves evenly, then fc 64 - activation - fc. \
            Weights are drawn from the session's generator as numpy's randn(fan_in, fan_out) times the scheme's \
            scale (init=: xavier 1/sqrt(fan_in), he sqrt(2/fan_in), small 0.01, or a number), biases 0. \
            `model show` prints the layers with their output sizes and parameters; `model reset` draws fresh \
            weights for the same structure; `model save FILE` writes the structure, the parameters and batch \
            norm's running averages exactly (JSON with each double's 64-bit pattern in hex, format nnlab-model \
            version 2); `model load FILE` reads one back (version 1 files too), predicting exactly as before. At most 50 million parameters.
            """,
        arguments: [what.spec, file.spec, act.spec, initialization.spec, dropout.spec, bn.spec, hidden.spec, filters.spec],
        fields: [
            FieldDoc("action", "built, shown, reset, saved or loaded"),
            FieldDoc("layers", "each layer: name, layer (as typed), output (its volume), params"),
            FieldDoc("parameters", "numbers the model learns"),
            FieldDoc("input, classes", "the example shape it takes and the scores it gives"),
            FieldDoc("initialization", "the weight scheme"),
            FieldDoc("epochs_trained", "epochs of training the weights have had"),
            FieldDoc("file", "for save and load: the path"),
            FieldDoc("notes", "what the numbers imply"),
        ],
        examples: [
            Example("model 64-100-10 act=relu", "the lecture's two-layer net on the digits", after: "data digits"),
            Example("model hidden=100,50 dropout=0.5", "two hidden layers, keeping half the units in training", after: "data digits"),
            Example("model conv", "conv-relu-pool twice, then fc layers, for the 8x8 digit images", after: "data digits"),
            Example("model show", "the current model's table", after: "data digits; model 64-100-10"),
            Example("model 64-100-9", "refused: the digits have 10 classes", fails: true, after: "data digits"),
        ],
        complete: { previous, _ in previous.isEmpty ? ["64-100-10", "conv", "show", "reset", "save", "load"] : nil })

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        let word = args[what]
        let action = word.flatMap { Action(rawValue: $0.lowercased()) }
        let structural = [act.name, initialization.name, dropout.name, bn.name, hidden.name, filters.name].filter { args.wasGiven($0) }
        if let a = action, a != .conv, let first = structural.first {
            throw CommandError("model \(a.rawValue) takes no \(first)=: options describe a new model; e.g. model 64-100-10 \(first)=...")
        }
        if action == .conv, args.wasGiven(dropout.name) {
            throw CommandError("model conv has no dropout; use a fully connected model for it, e.g. model hidden=100 dropout=0.5")
        }
        switch action {
        case .show?:
            guard let m = context.session.model else { throw noModel }
            return ModelReport(action: "shown", model: m, file: nil)
        case .reset?:
            guard let m = context.session.model else { throw noModel }
            let fresh = try TrainedModel.build(m.blueprint, rng: &context.session.rng)
            context.session.model = fresh
            return ModelReport(action: "reset", model: fresh, file: nil)
        case .save?:
            guard let m = context.session.model else { throw noModel }
            guard let path = args[file], !path.isEmpty else { throw CommandError("model save needs a file name, e.g. model save digits.model") }
            let bytes: Data
            do { bytes = try ModelFile.encode(m) } catch { throw CommandError("\(error)") }
            do { try SafeFileWriter.write(bytes, to: path) } catch { throw CommandError("\(error.description); e.g. model save digits.model") }
            return ModelReport(action: "saved", model: m, file: path)
        case .load?:
            guard let path = args[file], !path.isEmpty else { throw CommandError("model load needs a file name, e.g. model load digits.model") }
            let m = try load(path)
            if let d = context.session.data, d.featureCount != m.blueprint.inputShape.reduce(1, *) || d.classes != m.blueprint.classes {
                throw CommandError("'\(path)' holds a model for \(Tensor.describe(m.blueprint.inputShape)) inputs and \(m.blueprint.classes) classes, but the loaded data (\(d.name)) has \(Tensor.describe(d.inputShape)) and \(d.classes)")
            }
            context.session.model = m
            return ModelReport(action: "loaded", model: m, file: path)
        case .conv?, nil:
            guard let data = context.session.data else { throw noData }
            if args[file] != nil { throw CommandError("model takes one description, got a second word '\(args[file] ?? "")'; e.g. model 64-100-10") }
            let a = args[act] ?? context.session.settings.act
            let initName = args[initialization] ?? context.session.settings.initScheme.rawValue
            guard InitExperiment.Scheme(initName) != nil else {
                throw CommandError("init must be one of \(InitExperiment.Scheme.names.joined(separator: ", ")) or a standard deviation like 1e-4, got '\(initName)'; e.g. model 64-100-10 init=he")
            }
            let keep = args[dropout] ?? (action == .conv ? 1 : context.session.settings.dropout)
            let bnOn = args[bn] ?? false
            let blueprint: ModelBlueprint
            if action == .conv {
                if args[hidden] != nil { throw CommandError("hidden= is for fully connected models; model conv chooses its layers; e.g. model conv filters=16") }
                do {
                    blueprint = try ModelBlueprint.convnet(inputShape: data.inputShape, classes: data.classes, activation: a,
                                                           filters: try args.value(filters), batchNorm: bnOn, initialization: initName)
                } catch { throw CommandError("\(error)") }
            } else {
                if args.wasGiven(filters) { throw CommandError("filters= is for model conv; e.g. model conv filters=16") }
                let sizes = try hiddenSizes(word: word, hidden: args[hidden], data: data)
                blueprint = .mlp(inputShape: data.inputShape, hidden: sizes, classes: data.classes, activation: a,
                                 keep: keep, batchNorm: bnOn, initialization: initName)
            }
            let m = try TrainedModel.build(blueprint, rng: &context.session.rng)
            context.session.model = m
            return ModelReport(action: "built", model: m, file: nil)
        }
    }

    static let noData = CommandError("no data loaded: try `data digits`")
    static let noModel = CommandError("no model yet: build one with model 64-100-10 (after data digits)")

    /// The hidden sizes from `D-H1-...-C` (checked against the data) or from `hidden=H1,H2`.
    static func hiddenSizes(word: String?, hidden: String?, data: Dataset) throws -> [Int] {
        let example = "e.g. model \(data.featureCount)-100-\(data.classes) or model hidden=100,50"
        func number(_ s: Substring) throws -> Int {
            guard let v = Int(s), (1...100_000).contains(v) else {
                throw CommandError("a layer size must be a whole number from 1 to 100000, got '\(s)'; \(example)")
            }
            return v
        }
        switch (word, hidden) {
        case (nil, nil): throw CommandError("model needs its sizes; \(example), or model conv")
        case (_?, _?): throw CommandError("give the sizes once, as D-H-C or as hidden=; \(example)")
        case let (nil, h?):
            let parts = h.split(separator: ",", omittingEmptySubsequences: false)
            guard !parts.isEmpty else { throw CommandError("hidden= needs sizes; \(example)") }
            return try parts.map(number)
        case let (w?, nil):
            let parts = w.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count >= 2 else {
                throw CommandError("'\(w)' is not a model: give sizes joined by '-', or one of conv, show, reset, save, load; \(example)")
            }
            let sizes = try parts.map(number)
            guard sizes.first == data.featureCount, sizes.last == data.classes else {
                throw CommandError("the \(data.name) data has \(data.featureCount) features and \(data.classes) classes, so the sizes must start with \(data.featureCount) and end with \(data.classes), got \(w); \(example)")
            }
            return Array(sizes.dropFirst().dropLast())
        }
    }

    /// Reads a model file: a regular file of at most 1 GB, then `ModelFile.decode`.
    static func load(_ typed: String) throws -> TrainedModel {
        let path = SafeFileWriter.expandingTilde(typed)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { throw CommandError("cannot read '\(typed)': no such file") }
        guard !isDir.boolValue else { throw CommandError("cannot read '\(typed)': it is a folder; give a model file, e.g. model load digits.model") }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard (attributes?[.type] as? FileAttributeType) == .typeRegular else { throw CommandError("cannot read '\(typed)': not a regular file") }
        if let size = attributes?[.size] as? Int, size > 1 << 30 { throw CommandError("cannot read '\(typed)': \(size) bytes is more than a model file of at most 50 million parameters holds") }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch { throw CommandError("cannot read '\(typed)': \(error.localizedDescription)") }
        do { return try ModelFile.decode(data) } catch { throw CommandError("'\(typed)': \(error)") }
    }
}

/// What `model` reports: the structure row by row, like an `arch` table.
public struct ModelReport: CommandOutput {
    public struct Row: Codable, Sendable { public var name: String; public var layer: String; public var output: String; public var params: Int }
    public var action: String
    public var layers: [Row]
    public var parameters: Int
    public var input: [Int]
    public var classes: Int
    public var initialization: String
    public var epochs_trained: Int
    public var file: String?
    public var notes: [String]

    init(action: String, model: TrainedModel, file: String?) {
        self.action = action; self.file = file
        let bp = model.blueprint
        var rows: [Row] = []
        var shape = bp.inputShape
        var k = 0
        let net = model.network
        for (name, l) in zip(bp.layerNames, bp.layers) {
            let layer = net.layers[k]
            k += 1
            shape = (try? layer.outputShape(for: shape)) ?? shape
            rows.append(Row(name: name, layer: l.text, output: shape.count == 3 ? "\(shape[2])x\(shape[1])x\(shape[0])" : Tensor.describe(shape),
                            params: layer.parameters.scalarCount))
        }
        layers = rows
        parameters = net.parameterCount
        input = bp.inputShape; classes = bp.classes; initialization = bp.initialization
        epochs_trained = model.epochsTrained
        var n: [String] = []
        if let top = rows.max(by: { $0.params < $1.params }), parameters > 0 {
            n.append("\(top.name) holds \(Int((Double(top.params) / Double(parameters) * 100).rounded()))% of the parameters")
        }
        notes = n
    }

    public func renderText(_ style: TextStyle) -> String {
        let inputText = input.count == 3 ? "\(input[2])x\(input[1])x\(input[0])" : Tensor.describe(input)
        var head: String
        switch action {
        case "saved": head = "model saved to \(file ?? "")"
        case "loaded": head = "model loaded from \(file ?? "") (\(epochs_trained) epochs trained)"
        case "reset": head = "model re-initialized: fresh weights (\(initialization)), same structure"
        case "built": head = "model built: fresh weights (\(initialization))"
        default: head = "model (\(epochs_trained) epochs trained)"
        }
        // A file's path can be longer than the screen: wrap it (cut where it has no spaces).
        var out = DataCommand.wrap(head, width: style.width, hanging: "  ").map { style.bold($0) }
        var t = Table(["layer", "", "output", "params"], align: [.left, .left, .right, .right])
        t.add(["input", "", inputText, "0"])
        for r in layers { t.add([r.name, r.layer, r.output, Format.grouped(r.params)]) }
        t.rule()
        t.add(["total", "", "\(classes) scores", Format.grouped(parameters)])
        out.append(t.render(style, indent: "  "))
        for n in notes { out.append("  " + n) }
        return out.joined(separator: "\n")
    }
}

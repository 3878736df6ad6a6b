import NNLabCore
import NNLabExperiments

/// `arch NAME... [compare=on] [bias=on|off]`: the layer-by-layer table of a famous network, or
/// one row per network.
public struct ArchCommand: Command {
    static let allNames = ArchitectureZoo.names + ArchitectureZoo.families.keys.sorted()
    static let names = Arg<[String]>(.variadic("NAME", .choice(allNames), help: "network(s): " + allNames.joined(separator: ", ")))
    static let compare = Arg<Bool>.flag("compare", help: "one row per network instead of the layer table")
    static let bias = Arg.choice("bias", Switch.self, help: "count biases in params (default: the session's `bias` setting, on)")

    public static let spec = CommandSpec(
        name: "arch", topic: .architectures,
        summary: "layer-by-layer table of LeNet-5, AlexNet, VGG, GoogLeNet or ResNet: volumes, memory, parameters, multiply-adds",
        discussion: """
            Prints one row per layer: output volume, activations (and bytes at 4 per number), weights, biases, \
            parameters, multiply-adds and fan-in, then the totals: parameters, activation memory for one image \
            forward (about twice that to train, since backward keeps a gradient per activation), multiply-adds and \
            depth in weight layers. Notes say where memory and parameters sit. Where the lecture prints a \
            number, it is set beside the computed one; when they differ, the table keeps the computed value \
            and the note says why. Every row can be checked by hand with `conv` and `pool`. Two or more \
            names, a family (vgg, resnet) or compare=on give one row per network instead. `save FILE.svg` then \
            draws the memory and the parameters of each layer (or each network) as bars.
            """,
        arguments: [names.spec, compare.spec, bias.spec],
        fields: [
            FieldDoc("name, title, input", "the network"),
            FieldDoc("layers", "one entry per row: name, type, detail, output, out_w, out_h, out_d, activations, bytes, weights, biases, params, macs, fan_in, depth, note"),
            FieldDoc("weights, biases, params", "totals (params = weights + biases, or weights alone with bias=off)"),
            FieldDoc("biases_counted", "whether params include biases"),
            FieldDoc("activations, memory_bytes, memory_bytes_train", "numbers output per image, their bytes forward, and about 2x for forward and backward"),
            FieldDoc("macs", "multiply-adds per image"),
            FieldDoc("depth", "weight layers (conv and fully connected)"),
            FieldDoc("notes", "where memory and parameters concentrate, conventions"),
            FieldDoc("lecture", "the lecture's printed figures: what, printed, computed, agrees, explanation"),
            FieldDoc("networks", "with compare=on: one entry per network (name, depth, params, memory_bytes, macs, fc_params)"),
        ],
        examples: [
            Example("arch alexnet", "the lecture's AlexNet: CONV1 55x55x96 with 34,848 weights, POOL1 27x27x96 with 0"),
            Example("arch vgg16 bias=off", "VGG-16 as the lecture lists it: 138M weights, most of them in the first FC layer"),
            Example("arch googlenet", "inception modules from their 1x1 / 3x3 / 5x5 / pool columns"),
            Example("arch resnet50", "per-stage rows and 3.86 G multiply-adds (the lecture: 3.8 x 10^9)"),
            Example("arch vgg compare=on", "parameters of configurations A to E (the paper's Table 2)"),
            Example("arch alexnet vgg16 googlenet resnet50", "one row per network"),
        ])

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        let countBiases = args[bias].map { $0 == .on } ?? context.session.settings.bias
        var list: [String] = []
        for n in args[names] ?? [] { list += ArchitectureZoo.families[n] ?? [n] }
        let reports = try list.map { try ArchitectureZoo.build($0, countBiases: countBiases) }
        if reports.count == 1, args[compare] != true, let r = reports.first {
            context.session.lastFigure = r.figure()
            return r
        }
        let comparison = ArchComparison(networks: reports.map(ArchComparison.Entry.init), biases_counted: countBiases)
        context.session.lastFigure = comparison.figure()
        return comparison
    }
}

/// One row per network.
public struct ArchComparison: CommandOutput {
    public struct Entry: Codable, Sendable {
        public var name: String, depth: Int, params: Int, memory_bytes: Int, macs: Int, fc_params: Int
        public var lecture_params: String?

        init(_ r: ArchitectureReport) {
            name = r.name; depth = r.depth; params = r.params; memory_bytes = r.memory_bytes; macs = r.macs
            fc_params = r.layers.filter { $0.type == "fc" }.reduce(0) { $0 + $1.params }
            lecture_params = r.lecture.first { $0.what.hasPrefix("parameters of configuration") }?.printed
        }
    }
    public var networks: [Entry]
    public var biases_counted: Bool

    public func renderText(_ style: TextStyle) -> String {
        let showLecture = networks.contains { $0.lecture_params != nil }
        var t = Table(["network", "depth", "params", "params (M)"] + (showLecture ? ["lecture (M)"] : []) + ["in FC layers", "memory/image", "multiply-adds"],
                      align: [.left, .right, .right, .right] + (showLecture ? [.right] : []) + [.right, .right, .right])
        // Too narrow: the exact count goes first (params (M) stays), then the depth, then the FC share.
        let base = showLecture ? 1 : 0
        t.dropOrder = [2, 1, 4 + base]
        for n in networks {
            let fc = n.params > 0 ? "\(Int((Double(n.fc_params) / Double(n.params) * 100).rounded()))%" : "-"
            t.add([n.name, "\(n.depth)", Format.grouped(n.params), String(format: "%.1f", Double(n.params) / 1e6)]
                  + (showLecture ? [n.lecture_params ?? ""] : [])
                  + [fc, Format.bytes(n.memory_bytes), Format.macs(n.macs)])
        }
        return style.fit(t.render(style) + "\n" + style.dim("params \(biases_counted ? "include" : "exclude") biases; memory is activations for one image, forward, 4 bytes each"))
    }
}

extension ArchComparison {
    /// Memory per image and parameters, one bar per network.
    func figure() -> Figure {
        let c = self
        return Figure.lazy(title: "networks compared") {
            let w = max(640, 60.0 * Double(c.networks.count) + 140)
            var b = SVGBuilder(width: w, height: 620, title: "memory and parameters per network")
            b.bars(c.networks.map { ($0.name, Double($0.memory_bytes)) }, box: (80, 60, w - 120, 200),
                   title: "activation memory per image, forward (bytes)", unit: "B")
            b.bars(c.networks.map { ($0.name, Double($0.params)) }, box: (80, 360, w - 120, 200),
                   title: "parameters" + (c.biases_counted ? "" : " (weights only)"), unit: "", color: "#e67e22")
            return b.figure(title: "networks compared")
        }
    }
}

extension ArchitectureReport {
    /// Memory and parameters per layer, as bars: where memory sits (early) against where the
    /// parameters sit (late).
    func figure() -> Figure {
        let r = self
        return Figure.lazy(title: "\(r.name): memory and parameters per layer") {
            let w = max(640, 22.0 * Double(r.layers.count) + 140)
            var b = SVGBuilder(width: w, height: 640, title: r.title)
            b.bars(r.layers.map { ($0.name, Double($0.bytes)) }, box: (80, 60, w - 120, 200),
                   title: "activation memory per layer, forward, one image (bytes; total \(Format.bytes(r.memory_bytes)))", unit: "B")
            b.bars(r.layers.map { ($0.name, Double($0.params)) }, box: (80, 370, w - 120, 200),
                   title: "parameters per layer (total \(Format.grouped(r.params))\(r.biases_counted ? "" : ", weights only"))", unit: "",
                   color: "#e67e22")
            return b.figure(title: "\(r.name) memory and parameters")
        }
    }
}

extension ArchitectureReport: CommandOutput {
    public func renderText(_ style: TextStyle) -> String {
        var out = [style.bold(title)]
        var t = Table(["layer", "detail", "output", "activations", "memory", "weights", "biases", "params", "mult-adds", "fan-in"],
                      align: [.left, .left, .left, .right, .right, .right, .right, .right, .right, .right])
        // Too narrow: fan-in goes first, then the split of params into weights and biases, then the
        // activation count (memory shows it in bytes), the multiply-adds, and the layer's detail.
        t.dropOrder = [9, 6, 5, 3, 8, 1]
        var rowNotes: [String] = []
        for r in layers {
            var name = r.name
            if let n = r.note { rowNotes.append("\(r.name): \(n)"); name += " *" }
            t.add([name, r.detail, r.output, Format.grouped(r.activations), Format.bytes(r.bytes),
                   Format.grouped(r.weights), Format.grouped(r.biases), Format.grouped(r.params),
                   Format.grouped(r.macs), r.fan_in.map(Format.grouped) ?? ""])
        }
        t.rule()
        t.add(["total", "\(depth) weight layers", "", Format.grouped(activations), Format.bytes(memory_bytes),
               Format.grouped(weights), Format.grouped(biases), Format.grouped(params), Format.grouped(macs), ""])
        out.append(t.render(style))
        out.append("  parameters \(Format.grouped(params)) (\(Format.short(params)))\(biases_counted ? "" : ", biases not counted")" +
                   "; memory per image \(Format.bytes(memory_bytes)) forward, about \(Format.bytes(memory_bytes_train)) with backward" +
                   "; \(Format.macs(macs)) multiply-adds")
        for n in rowNotes { out.append("  " + style.dim("* " + n)) }
        for n in notes { out.append("  " + style.dim("note: ") + n) }
        if !lecture.isEmpty {
            out.append(style.bold("Lecture figures"))
            for f in lecture {
                if f.agrees {
                    out.append("  " + style.good("agrees") + "  \(f.what): printed \(f.printed); computed \(f.computed)")
                } else {
                    out.append("  " + style.bad("differs") + " \(f.what): printed \(f.printed); computed \(f.computed). \(f.explanation)")
                }
            }
        }
        return style.fit(out.joined(separator: "\n"), hang: 4)
    }
}

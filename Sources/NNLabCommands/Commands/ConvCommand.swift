import NNLabCore
import NNLabExperiments

/// `conv INPUT F [S] [P] [K] [repeat=N]`: the output size and parameter count of a conv layer.
public struct ConvCommand: Command {
    static let maxExtent = 1_000_000
    static let input = Arg.volume("INPUT", maxExtent: maxExtent, words: ["same"],
                                  help: "input width N (square) or volume WxHxD; `same` asks for the size-preserving padding")
    static let f = Arg.required("F", 1...100_000, help: "filter size (FxF)")
    static let s = Arg.integer("S", 1...100_000, default: 1, positional: true, help: "stride")
    static let p = Arg.integerOrWord("P", 0...100_000, words: ["same"], default: "0", positional: true, help: "zero padding on each border, or same")
    static let k = Arg.integer("K", 1...1_000_000, positional: true, help: "number of filters (output depth)")
    static let repeatCount = Arg.integer("repeat", 1...1000, default: 1, help: "apply the same layer N times and list the sizes")
    static let bias = Arg.choice("bias", Switch.self, help: "count biases in params (default: the session's `bias` setting, on)").except(["same"])

    /// The fields of a conv or pool result (`ConvArithmetic.Report`).
    static let windowFields: [FieldDoc] = [
            FieldDoc("fits", "true when (W - F + 2P)/S + 1 is a whole number in both directions"),
            FieldDoc("out", "output width W2 (null when it does not fit)"),
            FieldDoc("out_h", "output height H2"),
            FieldDoc("out_exact, out_h_exact", "(W - F + 2P)/S + 1 and (H - F + 2P)/S + 1 as real numbers, e.g. 2.333"),
            FieldDoc("volume", "output volume W2xH2xK as text, e.g. \"32x32x10\""),
            FieldDoc("formula", "the formula with the numbers put in"),
            FieldDoc("weights_per_filter", "F*F*D"),
            FieldDoc("params_per_filter", "F*F*D + 1 (with the bias)"),
            FieldDoc("weights", "F*F*D*K"), FieldDoc("biases", "K"),
            FieldDoc("params", "(F*F*D + 1)*K"),
            FieldDoc("macs", "multiply-adds per image: W2*H2*K*F*F*D"),
            FieldDoc("same_padding", "the padding that keeps the width at this stride (null if none)"),
            FieldDoc("suggest_padding", "paddings that would fit when it does not"),
            FieldDoc("suggest_stride", "strides that would fit when it does not"),
            FieldDoc("sizes", "widths after each of `repeat` layers, starting with the input"),
            FieldDoc("kind, f, s, p, k, in_w, in_h, in_d, input", "the query as understood (kind is conv or pool)"),
            FieldDoc("notes", "remarks: why it does not fit, 1x1 filters, shrinking"),
            FieldDoc("biases_counted", "whether params and params_per_filter include the biases (the bias setting, or bias=)"),
        ]

    public static let spec = CommandSpec(
        name: "conv", topic: .convolution,
        summary: "output size and parameter count of a convolution layer: (N - F + 2P)/S + 1",
        discussion: """
            K filters of size FxF slide over a WxHxD input with stride S after P zeros are added on \
            each border. Each output side is (W - F + 2P)/S + 1, and it must be a whole number: \
            otherwise the filter does not fit and nnlab says which paddings or strides would. Each \
            filter has F*F*D weights and one bias, so the layer has (F*F*D + 1)*K parameters and an \
            output volume of W2xH2xK. `conv same F` gives the padding that keeps the size, (F - 1)/2 \
            at stride 1; P=same does the same inside a full query. With bias off (`set bias off` or \
            bias=off) params count the weights only, as arch and net do.
            """,
        arguments: [input.spec, f.spec, s.spec, p.spec, k.spec, repeatCount.spec, bias.spec],
        fields: windowFields + [
            FieldDoc("padding, twice_p", "for `conv same F`: the padding (null when none exists), and 2P"),
        ],
        examples: [
            Example("conv 32 5 1 2", "32x32 input, 5x5 filter, stride 1, pad 2: (32 - 5 + 4)/1 + 1 = 32"),
            Example("conv 32x32x3 5 1 2 10", "ten 5x5 filters on 32x32x3: 32x32x10 and (5*5*3 + 1)*10 = 760 parameters"),
            Example("conv 7 3 3 0", "stride 3 does not fit a 7x7 input: (7 - 3)/3 + 1 = 2.33"),
            Example("conv 227x227x3 11 4 0 96", "AlexNet CONV1: 55x55x96"),
            Example("conv same 5", "the padding that keeps the size for a 5x5 filter: (5 - 1)/2 = 2"),
            Example("conv 32 5 repeat=5", "unpadded 5x5 convs shrink 32 -> 28 -> 24 -> ..."),
            Example("conv 56x56x64 1 1 0 32", "a 1x1 conv: each filter is a 64-dimensional dot product"),
            Example("conv 32x32x3 5 1 2 10 bias=off", "weights only: 5*5*3*10 = 750"),
        ])

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        let fv = try args.value(f), sv = try args.value(s)
        let given = [s.name: args.wasGiven(s), p.name: args.wasGiven(p), k.name: args.wasGiven(k),
                     repeatCount.name: args.wasGiven(repeatCount)]
        let volume: Volume
        switch try args.value(input) {
        case .word:
            // `conv same F [S]` has no input, so P, K, repeat and bias mean nothing: say so, never drop them.
            let ignored = [p.name, k.name, repeatCount.name].filter { given[$0] == true }
            guard ignored.isEmpty else {
                throw CommandError("conv same F [S] takes only the filter size and stride, not \(ignored.joined(separator: ", ")); to apply the padding give the input, e.g. conv 32 \(fv) \(sv) same\(ignored.contains("K") ? " 10" : "")")
            }
            return try SamePaddingOutput(filter: fv, stride: sv)
        case let .volume(v):
            volume = v
        }
        var padding: Int?
        if case let .int(pv)? = args[p] { padding = pv }
        var report = try ConvArithmetic.run(.init(kind: .conv, input: volume, filter: fv, stride: sv, padding: padding,
                                                  filters: args[k], repeatCount: try args.value(repeatCount)))
        let countBiases = args[bias].map { $0 == .on } ?? context.session.settings.bias
        if !countBiases {
            report.biases_counted = false
            report.params_per_filter = report.weights_per_filter
            report.params = report.weights
        }
        return report
    }
}

/// `conv same F [S]`: the padding (F - 1)/2 that keeps the size at stride 1.
public struct SamePaddingOutput: CommandOutput {
    public var f: Int, s: Int
    public var padding: Int?
    public var twice_p: Int
    public var formula: String
    public var notes: [String]

    init(filter f: Int, stride s: Int) throws {
        self.f = f; self.s = s
        notes = []
        if s != 1 {
            twice_p = 0; padding = nil
            formula = "P = ((W - 1)S - W + F)/2 depends on the input width W at stride \(s)"
            notes.append("give the input as well, e.g. conv 32 \(f) \(s) same")
            return
        }
        let r = try ConvGeometry.samePadding(filter: f, stride: 1)
        twice_p = r.twiceP; padding = r.padding
        if let p = r.padding {
            formula = "P = (F - 1)/2 = (\(f) - 1)/2 = \(p)"
            notes.append("at stride 1, padding \(p) keeps any input size: (N - \(f) + 2*\(p))/1 + 1 = N")
        } else {
            formula = "P = (F - 1)/2 = (\(f) - 1)/2 = \(f - 1)/2, not a whole number"
            notes.append("no padding keeps the size for an even filter: pad \((f - 1) / 2) loses 1 pixel, pad \((f + 1) / 2) gains 1; odd filters (3, 5, 7) are the custom for this reason")
        }
    }

    public func renderText(_ style: TextStyle) -> String {
        ([style.bold("same padding for a \(f)x\(f) filter at stride \(s)"), "  " + formula] + notes.map { "  " + $0 })
            .joined(separator: "\n").fitted(style)
    }
}

extension ConvArithmetic.Report: CommandOutput {
    public func renderText(_ style: TextStyle) -> String {
        var lines: [String] = []
        switch kind {
        case .conv:
            let filters = k.map { "\($0) filter\($0 == 1 ? "" : "s") " } ?? "filter "
            lines.append(style.bold("conv on \(input): \(filters)\(f)x\(f), stride \(s), pad \(p ?? 0)"))
        case .pool:
            lines.append(style.bold("pool on \(input): \(f)x\(f) window, stride \(s)\((p ?? 0) > 0 ? ", pad \(p ?? 0)" : "")"))
        }
        var rows: [(String, String)] = []
        let label = in_w == in_h ? "output size" : "output width"
        rows.append((label, "(W - F + 2P)/S + 1 = " + formula))
        if in_w != in_h {
            let hf = ConvArithmetic.formula(for: in_h, f, s, p ?? 0)
            rows.append(("output height", "(H - F + 2P)/S + 1 = " + hf))
        }
        if let v = volume { rows.append(("output volume", v)) }
        if fits, kind == .conv {
            if let wpf = weights_per_filter, let d = in_d, !biases_counted {
                var par = "\(f)*\(f)*\(d) = \(wpf) weights per filter"
                if let kk = k, let total = params { par += ", x \(kk) = \(Format.grouped(total))" }
                rows.append(("parameters", par + " (biases not counted: bias off)"))
            } else if let wpf = weights_per_filter, let d = in_d {
                var par = "\(f)*\(f)*\(d) = \(wpf) weights + 1 bias = \(wpf + 1) per filter"
                if let kk = k, let total = params { par += ", x \(kk) = \(Format.grouped(total))" }
                rows.append(("parameters", par))
                if let w = weights, let kk = k { rows.append(("  weights", "\(wpf)*\(kk) = \(Format.grouped(w)), biases \(kk)")) }
            } else if in_d == nil {
                rows.append(("parameters", "give the depth (e.g. \(in_w)x\(in_h)x3) and K to count them"))
            }
            if let m = macs, let o = out, let oh = out_h, let kk = k, let wpf = weights_per_filter {
                rows.append(("multiply-adds", "\(o)*\(oh)*\(kk)*\(wpf) = \(Format.grouped(m)) per image"))
            }
        } else if kind == .pool {
            rows.append(("parameters", "0"))
        }
        if sizes.count > 1 { rows.append(("sizes", sizes.map(String.init).joined(separator: " -> "))) }
        if !fits {
            if !suggest_padding.isEmpty {
                rows.append(("fits with", "pad " + suggest_padding.map(String.init).joined(separator: " or ") + " at stride \(s)"))
            }
            if !suggest_stride.isEmpty {
                rows.append(("or with", "stride " + suggest_stride.map(String.init).joined(separator: " or ") + " at pad \(p ?? 0)"))
            }
        }
        let w = rows.map { $0.0.count }.max() ?? 0
        for (k, v) in rows { lines.append("  " + k.padding(toLength: w + 2, withPad: " ", startingAt: 0) + v) }
        for n in notes { lines.append("  " + (fits ? style.dim("note: ") : style.bad("note: ")) + n) }
        return lines.joined(separator: "\n").fitted(style)
    }
}

import Foundation
import NNLabCore
import NNLabExperiments

/// `init SCHEME [act=] [layers=] [width=] [batch=] [bn=] [plot=FILE.svg]`: the lecture's
/// activation-statistics experiment; `init variance`: the variance argument behind Xavier and He.
public struct InitCommand: Command {
    static let scheme = Arg<String>.text("SCHEME", positional: true, help: "zero, small, big, xavier, he, a std like 0.05, or variance (default: the session's init)")
    static let act = Arg.choice("act", ActivationKind.self, help: "nonlinearity (default: the session's act setting)").except(["variance"])
    static let layers = Arg.integer("layers", 1...100, default: 10, help: "hidden layers").except(["variance"])
    static let width = Arg.integer("width", 1...4096, default: 500, help: "units per layer").except(["variance"])
    static let batch = Arg.integer("batch", 1...100_000, default: 1000, help: "examples in the batch").except(["variance"])
    static let bn = Arg<Bool>.flag("bn", help: "batch normalization before each nonlinearity").except(["variance"])
    static let grad = Arg<Bool>.flag("grad", help: "also run the backward pass: the std of each weight gradient and of the gradient passed back").except(["variance"])
    static let plot = Arg<String>.text("plot", help: "also write the figures to this .svg file").except(["variance"])
    public static let spec = CommandSpec(
        name: "init", topic: .setup,
        summary: "weight initialization: activation statistics through a deep net, layer by layer",
        discussion: """
            Runs the lecture's experiment: unit Gaussian data randn(batch, width), then for each layer \
            W = randn(fan_in, fan_out) * scale and H = act(X W); prints each layer's mean and std, a sparkline of \
            both against depth, a histogram per layer in 30 bins (tanh over [-1, 1], sigmoid [0, 1], a rectifier from 0 to a value \
            at least 99.9% of the layer's activations do not exceed, the rest counted as outside; counts drawn on a log scale, and \
            marked log, where one bin holds over half of them), and a verdict. grad=on adds the \
            backward pass: the std of each weight gradient and of the gradient passed back, for an all-ones \
            gradient at the top, so "basically no updates" and "gradients all zero" show as numbers. Schemes: zero, small (0.01 randn), big (1.0 randn), xavier (randn / sqrt(fan_in)), \
            he (randn / sqrt(fan_in/2)), or a number (the std). With the same seed its numbers equal the \
            lecture's numpy code run after np.random.seed(seed), to rounding: seed 0; init xavier is \
            np.random.seed(0) then the lecture's loop. bn=on puts batch normalization before each \
            nonlinearity. A named scheme becomes the session's `init` setting. `init zero` also trains a small \
            net from all-zero and all-equal weights and counts the hidden units that stay identical; \
            `init variance` measures Var(y)/Var(x) against n Var(w) (linear) and n/2 Var(w) (after a ReLU). \
            The verdict is the first of these rules that holds, and names the number it rests on: overflow \
            (a layer overflowed); collapse (the last layer's std is below 0.001 or 1% of layer 1's); saturate \
            (tanh, sigmoid: over half the last layer's units have a local derivative below a tenth of its \
            largest, 1 - h^2 < 0.1 or h(1 - h) < 0.025); explode (std above 100x layer 1's or above 1000); \
            shrink (below a quarter of layer 1's); dead (rectifiers: over half the units are 0 for every \
            example); with grad=on, vanishing-gradient or exploding-gradient (the gradient passed back to \
            layer 1 is below 1/100 or above 100x the one at the top); healthy otherwise.
            """,
        arguments: [scheme.spec, act.spec, layers.spec, width.spec, batch.spec, bn.spec, grad.spec, plot.spec],
        fields: [
            FieldDoc("scheme, formula, act, layers_count, width, batch, bn", "the experiment"),
            FieldDoc("input_mean, input_std", "the data's statistics"),
            FieldDoc("layers", "per hidden layer: layer, mean, std, saturated (|h| > 0.99), zeros, flat (tanh, sigmoid: local derivative below a tenth of its largest), dead (rectifiers: units 0 for every example), histogram (30 bins over histogram_range), histogram_range ([lo, hi]), histogram_outside (values outside it), histogram_log (one bin holds over half: drawn log-scale), grad_w_std, grad_x_std"),
            FieldDoc("verdict", "overflow (numbers stopped being finite), collapse, saturate, explode, shrink, dead, vanishing-gradient, exploding-gradient or healthy (decided in that order, see help's discussion); interrupted when Ctrl-C stopped it"),
            FieldDoc("overflow_layer", "the first layer whose activations or gradients were not finite (null when all were)"),
            FieldDoc("run", "completed and planned layers, and interrupted"),
            FieldDoc("verdict_text", "the verdict in words"),
            FieldDoc("lecture_note", "the lecture's Xavier/tanh setting: where the lecture's printout differs from what its code computes (null otherwise)"),
            FieldDoc("symmetry", "init zero: hidden_units, steps, distinct_from_zero, distinct_from_equal, distinct_from_random"),
            FieldDoc("n, rows, conv", "init variance: Var(y)/Var(x) measured against predicted; fan-in and stds of conv layers"),
            FieldDoc("plot", "the .svg file written, if any"),
        ],
        examples: [
            Example("init xavier", "10 tanh layers of 500: the activations keep their scale"),
            Example("init small grad=on", "0.01 * randn: the activations collapse to zero, and so does the gradient passed back"),
            Example("init big grad=on", "1.0 * randn: tanh units saturate at -1 and 1, yet the gradient passed back grows (the big weights)"),
            Example("init xavier act=relu", "Xavier with ReLU: the variance halves layer by layer (the std shrinks by 1/sqrt(2))"),
            Example("init he act=relu", "He's 2/n keeps ReLU layers healthy"),
            Example("init small bn=on", "batch norm rescues a bad initialization"),
            Example("init zero", "the symmetry problem: all units stay identical"),
            Example("init variance", "Var(y) = n Var(w) Var(x), measured"),
        ],
        complete: { previous, _ in previous.isEmpty ? InitExperiment.Scheme.names + ["variance"] : nil })

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        let raw = args[Self.scheme] ?? context.session.settings.initScheme.rawValue
        if raw.lowercased() == "variance" {
            return try InitExperiment.variance(rng: &context.session.rng)
        }
        // A number is the std: decimal only (never hex like 0x10), finite, 0 to 1e6.
        let lowered = raw.lowercased()
        if NumberParsing.looksNumeric(raw) || ["inf", "infinity", "nan"].contains(lowered.filter { $0 != "+" && $0 != "-" }) {
            guard let v = NumberParsing.real(raw) else {
                throw CommandError("the standard deviation '\(raw)' is not a decimal number; allowed: a finite number from 0 to 1e6 like 0.05 or 1e-2 (never hex, inf or nan); e.g. init 0.05")
            }
            guard v.isFinite, v >= 0, v <= 1e6 else {
                throw CommandError("a standard deviation of \(raw) is \(v.isFinite ? "outside the range" : "not a finite number"); allowed: a finite number from 0 to 1e6; e.g. init 0.05")
            }
        }
        guard let scheme = InitExperiment.Scheme(lowered) else {
            var msg = "unknown scheme '\(raw)'"
            if let s = Suggest.closest(raw, in: InitExperiment.Scheme.names + ["variance"]) { msg += " (did you mean \(s)?)" }
            throw CommandError(msg + "; allowed: zero, small, big, xavier, he, a standard deviation like 0.05, or variance; e.g. init xavier")
        }
        if case let .std(v) = scheme, v > 1e6 { throw CommandError("a standard deviation of \(raw) is too large; allowed: 0 to 1e6") }
        let act = (args[Self.act] ?? context.session.settings.act).activation()
        let options = InitExperiment.Options(scheme: scheme, act: act, layers: try args.value(Self.layers), width: try args.value(Self.width),
                                             batch: try args.value(Self.batch), batchNorm: args[Self.bn] ?? false,
                                             gradients: args[Self.grad] ?? false)
        var report = InitOutput(report: try InitExperiment.run(options, rng: &context.session.rng, interrupt: context.interrupt))
        let drawn = report
        let figure = Figure.lazy(title: "init \(report.report.scheme)") { drawn.figure() }
        if let path = args[Self.plot] {
            try figure.write(to: path)
            report.plot = path
        }
        context.session.lastFigure = figure
        if let named = InitExperiment.SchemeName(rawValue: raw.lowercased()) { context.session.settings.initScheme = named }
        return report
    }
}

/// The init report with where its figure went.
public struct InitOutput: CommandOutput {
    public var report: InitExperiment.Report
    public var plot: String?

    public func encode(to encoder: Encoder) throws {
        try report.encode(to: encoder)
        var c = encoder.container(keyedBy: Key.self)
        try c.encodeIfPresent(plot, forKey: .plot)
    }
    enum Key: String, CodingKey { case plot }

    public func renderText(_ style: TextStyle) -> String {
        let r = report
        // The lecture prints %f; past a million that is a wall of digits, so switch to %.6g.
        func f(_ x: Double) -> String { abs(x) < 1e6 ? String(format: "%f", x) : String(format: "%.6g", x) }
        var out = DescendCommand.wrap("init \(r.scheme): \(r.formula), \(r.act)\(r.bn ? " with batch norm" : ""), \(r.layers_count) layers of \(r.width), batch \(r.batch)",
                                      width: style.width, indent: "").map { style.bold($0) }
        out.append("input layer had mean \(f(r.input_mean)) and std \(f(r.input_std))")
        for l in r.layers { out.append("hidden layer \(l.layer) had mean \(f(l.mean)) and std \(f(l.std))") }
        out.append("")
        out.append("  layer  " + r.layers.map { String($0.layer % 10) }.joined())
        out.append("  mean   " + Sparkline.render(r.layers.map(\.mean)) + "   (largest |mean| \(String(format: "%.3g", r.layers.map { abs($0.mean) }.max() ?? 0)))")
        out.append("  std    " + Sparkline.render(r.layers.map(\.std)) + "   (\(String(format: "%.3g", r.layers.first?.std ?? 0)) -> \(String(format: "%.3g", r.layers.last?.std ?? 0)))")
        out.append("")
        out += histogramLines(style)
        out.append("")
        if r.layers.first?.grad_w_std != nil {
            out.append(style.bold("backward") + " from an all-ones gradient at layer \(r.layers_count):")
            var t = Table(["layer", "std of dW", "std of dX (passed back)"], align: [.right, .right, .right])
            for l in r.layers.reversed() { t.add(["\(l.layer)", l.grad_w_std.map(Format.sci3) ?? "-", l.grad_x_std.map(Format.sci3) ?? "-"]) }
            out.append(t.render(style, indent: "  "))
        }
        let label = "verdict: \(r.verdict)"
        // The verdict's prose wraps at words to the width; the label keeps its colour.
        var verdictLines = DescendCommand.wrap(label + " - " + r.verdict_text, width: style.width, indent: "")
        if let first = verdictLines.first, first.hasPrefix(label) {
            verdictLines[0] = (r.verdict == "healthy" ? style.good(label) : style.bad(label)) + first.dropFirst(label.count)
        }
        out += verdictLines
        if let s = r.symmetry {
            out.append(style.bold("symmetry") + " - a 4-\(s.hidden_units)-3 \(r.act) net trained \(s.steps) SGD steps; distinct hidden units at the end:")
            out.append("  from all-zero weights: \(s.distinct_from_zero) of \(s.hidden_units); from all-equal weights (0.1): \(s.distinct_from_equal) of \(s.hidden_units); from small random weights: \(s.distinct_from_random) of \(s.hidden_units)")
            out.append(style.dim("  identical units get identical gradients and stay identical: random initialization breaks the symmetry"))
        }
        if let note = r.lecture_note { out += DescendCommand.wrap("note: " + note, width: style.width, indent: "  ").map { style.dim($0) } }
        if let p = plot { out.append(style.dim("figures written to \(p)")) }
        return out.joined(separator: "\n").fitted(style)
    }

    /// One sparkline per layer over its histogram's range: a shared range is named in the header
    /// and drawn under the bars; per-layer ranges (rectifiers) follow each bar, with "log" where
    /// the counts are drawn as log(1 + count) and how many values fell outside.
    func histogramLines(_ style: TextStyle) -> [String] {
        let r = report
        func g(_ x: Double) -> String { Format.short6(x) }
        let shared = Set(r.layers.map(\.histogram_range)).count == 1 ? r.layers.first?.histogram_range : nil
        let anyLog = r.layers.contains { $0.histogram_log }
        let over = shared.map { "over [\(g($0[0])), \(g($0[1]))]" }
            ?? "over its own range (from min(0, smallest) to a value at least \(Format.short6(InitExperiment.rectifierCoverage * 100))% of the layer's activations do not exceed)"
        let scale = anyLog ? "scaled per layer; log: counts drawn as log(1 + count), one bin holding over half of them" : "scaled per layer"
        // One line: the report's `fitted` wraps it at words when it is wider than the screen.
        var out = [style.bold("histograms") + " of each layer's activations \(over), \(InitExperiment.histogramBins) bins (\(scale)):"]
        for l in r.layers {
            let bars = l.histogram_log ? Sparkline.render(l.histogram.map { Foundation.log1p(Double($0)) }) : Sparkline.render(l.histogram)
            var line = String(format: "  %2d  |", l.layer) + bars + "|"
            if shared == nil, l.histogram_range.count == 2 { line += "  [\(g(l.histogram_range[0])), \(g(l.histogram_range[1]))]" }
            if l.histogram_log { line += " log" }
            if l.histogram_outside > 0 { line += "; \(Format.grouped(l.histogram_outside)) outside" }
            out.append(line)
        }
        if let range = shared, range.count == 2 {
            let lo = g(range[0]), hi = g(range[1])
            // Labels under the bars' first and last columns (7 and 36).
            out.append(String(repeating: " ", count: 7) + lo + String(repeating: " ", count: max(1, 30 - lo.count - hi.count)) + hi)
        }
        return out
    }

    /// Mean and std against depth, and one histogram per layer (the lecture's figures).
    func figure() -> Figure {
        let r = report
        let cols = min(r.layers.count, 10), rowsOfHist = (r.layers.count + 9) / 10
        let width = 980.0, height = 330.0 + Double(rowsOfHist) * 130
        var svg = SVGBuilder(width: width, height: height, title: "init \(r.scheme), \(r.act)\(r.bn ? ", batch norm" : ""): \(r.layers_count) layers of \(r.width)")
        svg.linePlot(r.layers.map { (Double($0.layer), $0.mean) }, box: (70, 60, 400, 220), title: "layer mean", color: "#1f5fbf")
        svg.linePlot(r.layers.map { (Double($0.layer), $0.std) }, box: (550, 60, 400, 220), title: "layer std", color: "#c0392b")
        let hw = (width - 100) / Double(max(cols, 1))
        for (i, l) in r.layers.enumerated() {
            let x = 50 + Double(i % 10) * hw, y = 330 + Double(i / 10) * 130
            svg.histogram(l.histogram, box: (x, y, hw - 12, 90), title: "layer \(l.layer)", range: (l.histogram_range.first ?? -1, l.histogram_range.last ?? 1))
        }
        return svg.figure(title: "init \(r.scheme)")
    }
}

extension InitExperiment.VarianceReport: CommandOutput {
    public func renderText(_ style: TextStyle) -> String {
        var t = Table(["case", "Var(w)", "measured Var(y)/Var(x)", "predicted"], align: [.left, .right, .right, .right])
        for r in rows { t.add([r.case_, Format.sci3(r.var_w), String(format: "%.4f", r.measured), String(format: "%.4f", r.predicted)]) }
        var c = Table(["layer", "fan-in F*F*C", "xavier std 1/sqrt(n)", "he std sqrt(2/n)"], align: [.left, .right, .right, .right])
        for r in conv { c.add([r.layer, "\(r.fan_in)", String(format: "%.4f", r.xavier_std), String(format: "%.4f", r.he_std)]) }
        return [style.bold("the variance argument: y = w1 x1 + ... + wn xn, n = \(n), batch \(batch)"),
                "  Var(y) = n Var(w) Var(x) for independent zero-mean w and x; after a ReLU only half survives: n/2 Var(w)",
                t.render(style, indent: "  "),
                "  so Var(w) = 1/n keeps a linear layer's scale (Xavier) and 2/n a ReLU layer's (He)",
                style.bold("fan-in of conv layers") + ": each output sees F*F*C inputs",
                c.render(style, indent: "  ")].joined(separator: "\n").fitted(style)
    }
}

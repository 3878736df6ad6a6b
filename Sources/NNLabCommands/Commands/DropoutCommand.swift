import Foundation
import NNLabCore
import NNLabExperiments

/// `dropout P`: the expected output under dropout, exactly and by Monte Carlo.
public struct DropoutCommand: Command {
    enum Mode: String, Choice { case vanilla, inverted }
    static let p = Arg<String>.text("P", positional: true, help: "probability of keeping a unit: 0.5, 0.25, 1/3 ... (default: the session's dropout setting when below 1, else the lecture's 1/2)")
    static let drop = Arg<String>.text("drop", help: "probability of dropping a unit instead (keep = 1 - drop)")
    static let n = Arg.integer("n", 1...10, default: 2, help: "inputs of the neuron (2^n masks); the exact fractions need p's denominator^(2n) at most 9.2e18")
    static let mode = Arg.choice("mode", Mode.self, default: .vanilla, help: "scale at test time, or divide by p in training")

    public static let spec = CommandSpec(
        name: "dropout", topic: .setup,
        summary: "dropout's expectation: every mask written out, E[a] = p * (test-time output), then measured",
        discussion: """
            nnlab's convention: P is the probability of KEEPING a unit, as in the lecture's code \
            (U = np.random.rand(*H.shape) < p); some lecture notes use p for the probability of dropping \
            instead, and drop=0.2 takes that form (keep 0.8). Without P or drop=, p is the session's dropout \
            setting (`set dropout 0.3`) when it is below 1, and the lecture's 1/2 while it is 1 (no dropout). \
            For one neuron \
            a = w0 x + w1 y (n=2), every mask is listed with its probability p^k (1-p)^(n-k) and its term, and \
            the sum is done in exact fractions: E[a] = p (w0 x + w1 y). Then numbers: a Monte Carlo average over \
            more and more masks converging to p a_test; vanilla dropout scaling by p at test time; inverted \
            dropout dividing by p during training; and the lecture's 3-layer network, predict() against the \
            average of many train_step() passes (close but not equal: the ReLUs in between are not linear). \
            Sets the session's dropout setting to p, which `model` and net's dropout layer then use. `save FILE.svg` then draws the Monte Carlo \
            averages against the number of masks, with the expectation as a dashed line.
            """,
        arguments: [p.spec, drop.spec, n.spec, mode.spec],
        fields: [
            FieldDoc("p, p_value, n, mode", "the setup (p, the keep probability, as a fraction and as a number)"),
            FieldDoc("p_from", "where p came from: argument, drop=, setting (set dropout) or default (the lecture's 1/2)"),
            FieldDoc("masks", "each mask: mask (1 kept, 0 dropped), probability, term"),
            FieldDoc("coefficients", "the exact coefficient of each w_i x_i in E[a]"),
            FieldDoc("proof", "the sum written out"),
            FieldDoc("weights, inputs, a_test, expected_train", "the numeric example"),
            FieldDoc("monte_carlo", "samples, average, error against the expectation"),
            FieldDoc("vanilla_test, inverted_expected_train, inverted_test", "test-time outputs of both schemes"),
            FieldDoc("network_predict, network_train_average, network_max_relative_difference, first_layer_max_error", "the 3-layer example"),
            FieldDoc("network_trials", "masked passes the network average is over (20000 unless interrupted)"),
            FieldDoc("interrupted", "true when Ctrl-C stopped the Monte Carlo part: every average is over the samples actually drawn"),
        ],
        examples: [
            Example("dropout 0.5", "the lecture's proof: E[a] = 1/2 (w0*x + w1*y)"),
            Example("dropout 0.25 n=3", "eight masks, E[a] = 1/4 (...)"),
            Example("dropout drop=0.2 mode=inverted", "keep 0.8, inverted dropout"),
            Example("dropout", "p = 3/10 from the session's setting", after: "set dropout 0.3"),
        ],
        complete: { previous, _ in previous.isEmpty ? ["0.5", "0.25", "0.75"] : nil })

    /// The largest n (0 to 10) with denominator^(2n) <= Int.max.
    static func mostInputs(denominator d: Int) -> Int {
        var power = 1
        for n in 1...10 {
            let (a, o1) = power.multipliedReportingOverflow(by: d)
            let (b, o2) = a.multipliedReportingOverflow(by: d)
            if o1 || o2 { return n - 1 }
            power = b
            _ = a
        }
        return 10
    }

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        let keep: Fraction
        let from: String
        let typed: String
        if let d = args[drop] {
            if args[p] != nil { throw CommandError("give the keep probability P or drop=, not both; e.g. dropout 0.5 or dropout drop=0.5") }
            guard let f = Fraction.parse(d), f.numerator >= 0, f.numerator < f.denominator else {
                throw CommandError("drop must be a probability in [0, 1) like 0.2 or 1/5, got '\(d)'; e.g. dropout drop=0.2")
            }
            keep = try Fraction(1) - f
            from = "drop="; typed = "drop=\(d)"
        } else if let text = args[p] {
            guard let f = Fraction.parse(text), f.numerator > 0, f.numerator <= f.denominator else {
                throw CommandError("P is the probability of keeping a unit, a number in (0, 1] like 0.5 or 1/3, got '\(text)'; e.g. dropout 0.5")
            }
            keep = f
            from = "argument"; typed = text
        } else if context.session.settings.dropout < 1, let f = Fraction.parse(Format.number(context.session.settings.dropout)) {
            keep = f
            from = "setting"; typed = Format.number(context.session.settings.dropout)
        } else {
            keep = try Fraction(1, 2)
            from = "default"; typed = "1/2"
        }
        let inputs = try args.value(n)
        // The exact sums add fractions whose denominators are up to d^n, cross-multiplied: d^(2n)
        // must fit a 64-bit integer. Say so up front rather than "too large to represent".
        let most = Self.mostInputs(denominator: keep.denominator)
        guard inputs <= most else {
            let example = most >= 1 ? "dropout \(typed) n=\(most)" : "dropout 1/3 n=\(inputs)"
            throw CommandError("the exact proof for p = \(keep) with n = \(inputs) needs fractions with denominators up to \(keep.denominator)^\(2 * inputs), beyond 64-bit integers (9.2e18); allowed: denominator^(2n) at most 9.2e18, so n up to \(most) for this p (a fraction with a smaller denominator allows more); e.g. \(example)")
        }
        let m: Dropout.Mode = try args.value(mode) == .inverted ? .inverted : .vanilla
        var report = try DropoutExperiment.run(keep: keep, n: inputs, mode: m, rng: &context.session.rng, interrupt: context.interrupt)
        report.p_from = from
        context.session.settings.dropout = keep.value
        if !report.monte_carlo.isEmpty { context.session.lastFigure = report.figure() }
        return report
    }
}

extension DropoutExperiment.Report {
    /// The Monte Carlo averages against the number of masks (log scale), the expectation dashed.
    func figure() -> Figure {
        let r = self
        return Figure.lazy(title: "dropout Monte Carlo, p = \(p)") {
            var b = SVGBuilder(width: 640, height: 360, title: "dropout, keep probability p = \(r.p) (\(r.mode)): Monte Carlo averages")
            let expected = r.mode == "inverted" ? r.a_test : r.p_value * r.a_test
            b.series(r.monte_carlo.map { (Double($0.samples), $0.average) }, box: (70, 50, 540, 260),
                     title: "average a over the masks drawn (log scale of masks)", logX: true,
                     xLabels: ("\(r.monte_carlo.first?.samples ?? 0) masks", "\(r.monte_carlo.last?.samples ?? 0) masks"),
                     reference: (expected, (r.mode == "inverted" ? "a_test = " : "p * a_test = ") + Format.short6(expected)))
            return b.figure(title: "dropout Monte Carlo")
        }
    }
}

extension DropoutExperiment.Report: CommandOutput {
    public func renderText(_ style: TextStyle) -> String {
        let xs = n == 2 ? ["x", "y"] : (0..<n).map { "x\($0)" }
        let neuron = (0..<n).map { "w\($0)*\(xs[$0])" }.joined(separator: " + ")
        let source = ["setting": "the session's dropout setting, ", "default": "the lecture's, ", "drop=": "1 - drop, "][p_from] ?? ""
        var out = [style.bold("dropout, keep probability p = \(p)") + " (\(source)\(mode)); one neuron a = \(neuron)"]
        var t = Table(["mask", "P(mask)", "a under the mask"], align: [.left, .right, .left])
        for m in masks.prefix(16) { t.add([m.mask.map(String.init).joined(), m.probability, m.term]) }
        out.append(t.render(style, indent: "  "))
        if masks.count > 16 { out.append("  ... \(1 << n) masks in all") }
        // The proof one mask per line: E[a] = P(m1) (a(m1)) + P(m2) (a(m2)) ... = the result.
        if n <= 3, let result = proof.range(of: ") = ", options: .backwards) {
            for (k, m) in masks.enumerated() { out.append((k == 0 ? "  E[a] = " : "       + ") + "\(m.probability) (\(m.term))") }
            out.append("       = " + proof[result.upperBound...])
        } else {
            out.append("  " + proof)
        }
        if mode == "inverted" {
            out.append("  each w_i x_i appears, divided by p, in the masks that keep input i; their probabilities add up to p = \(p), so its coefficient is p * (1/p) = \(coefficients.first ?? "")")
        } else {
            out.append("  each w_i x_i appears in the masks that keep input i; their probabilities add up to \(coefficients.first ?? "") = p")
        }
        func g(_ x: Double) -> String { Format.short6(x) }
        out.append(style.bold("numbers") + ": w = (\(weights.map(g).joined(separator: ", "))), \(xs.joined(separator: ", ")) = (\(inputs.map(g).joined(separator: ", "))), test-time a = \(g(a_test))")
        var m = Table(["masks averaged", "average a", "error against \(mode == "inverted" ? "a_test" : "p * a_test")"], align: [.right, .right, .right])
        for r in monte_carlo { m.add(["\(r.samples)", g(r.average), Format.sci3(r.error)]) }
        out.append(m.render(style, indent: "  "))
        out.append("  vanilla: training output averages p * a = \(g(p_value * a_test)); at test time multiply by p: \(g(vanilla_test)) (equal)")
        out.append("  inverted: training divides by p, so it averages a = \(g(inverted_expected_train)); test time leaves a alone: \(g(inverted_test)) (equal)")
        out.append(style.bold("3-layer network") + " (H1 = relu(W1 x + b1) with mask U1, H2 likewise with U2, out = W3 H2 + b3):")
        out.append("  predict():                      (\(network_predict.map(g).joined(separator: ", ")))")
        guard network_trials > 0 else {
            out.append(style.bad("  interrupted before any masked pass of the network: no average to compare"))
            return out.joined(separator: "\n").fitted(style)
        }
        out.append("  average of \(network_trials) train_step()s: (\(network_train_average.map(g).joined(separator: ", ")))")
        out.append("  first layer: the average of U1 * H1 over the masks is p * H1 to \(Format.sci3(first_layer_max_error)) (exact in expectation)")
        out.append("  whole network: they differ by \(String(format: "%.1f", network_max_relative_difference * 100))% of the largest output: the scaled pass is exact for one linear step, but a ReLU of an average is not the average of ReLUs, so through several layers it is only an approximation of the ensemble")
        out.append(style.dim("  note: p is the probability of keeping a unit, as in the lecture's code; some notes use p for dropping (drop= takes that form)"))
        if interrupted {
            out.append(style.bad("  interrupted: the Monte Carlo rows stop at \(monte_carlo.last?.samples ?? 0) samples and the network average covers \(network_trials) of 20000 passes"))
        }
        return out.joined(separator: "\n").fitted(style)
    }
}

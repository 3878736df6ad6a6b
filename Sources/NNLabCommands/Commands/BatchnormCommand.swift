import Foundation
import NNLabCore
import NNLabExperiments

/// `batchnorm`: four features of very different scales through batch norm.
public struct BatchnormCommand: Command {
    static let n = Arg.integer("n", 2...100_000, default: 200, help: "examples in the first batch")
    static let batch = Arg.integer("batch", 2...10_000, default: 32, help: "size of the later mini-batches")
    static let batches = Arg.integer("batches", 1...10_000, default: 100, help: "mini-batches for the running averages (batch x batches at most 10^7)")
    static let momentum = Arg.real("momentum", 0...1, default: 0.9, help: "running-average momentum")

    public static let spec = CommandSpec(
        name: "batchnorm", topic: .setup,
        summary: "batch normalization on features of very different scales: before and after, the identity, running averages, gradients",
        discussion: """
            Four features drawn with scales 1, 10, 100 and 0.01 and means 5, -20, 300 and 0.5 go through a \
            batch norm layer: each comes out with mean 0 and variance 1 (slightly less: var/(var + eps)). \
            Setting gamma = sqrt(var + eps) and beta = mean gives the input back, so the layer can learn to \
            undo itself. Test mode uses running averages, moved towards each batch's statistics by \
            running = momentum * running + (1 - momentum) * batch; the table shows them converging. Last, \
            the backward pass (the lecture's formulas) against numeric gradients. `save FILE.svg` then draws \
            each feature's variance before and after (bars) and the running averages' errors against the \
            number of mini-batches.
            """,
        arguments: [n.spec, batch.spec, batches.spec, momentum.spec],
        fields: [
            FieldDoc("n, batch, momentum", "the setup"),
            FieldDoc("features", "per feature: feature, mean_before, var_before, mean_after, var_after"),
            FieldDoc("identity_max_error", "largest |y - x| with gamma = sqrt(var + eps), beta = mean"),
            FieldDoc("running", "after some batches: batches, mean_error (in stds), var_error (relative)"),
            FieldDoc("test_vs_train_max_diff", "largest difference between test-mode and train-mode outputs on a fresh batch"),
            FieldDoc("gradcheck_error", "relative error of the backward pass against numeric gradients (null if interrupted)"),
            FieldDoc("run", "completed and planned mini-batches of the running averages, and interrupted"),
        ],
        examples: [Example("batchnorm", "normalize four very different features and watch the running averages converge")])

    /// The most rows the running averages may draw (batch x batches): 10^7, about a second on two
    /// cores (10^8 took 13 s). Ctrl-C is read between mini-batches.
    public static let maxRows = 10_000_000

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        let size = try args.value(batch), count = try args.value(batches)
        guard size * count <= maxRows else {
            throw CommandError("batch=\(size) batches=\(count) draws \(size * count) rows for the running averages; at most \(maxRows) (about 1.5 s on two cores); e.g. batchnorm batch=1000 batches=1000")
        }
        let report = try BatchNormExperiment.run(rng: &context.session.rng, n: try args.value(n), batch: size,
                                                 batches: count, momentum: try args.value(momentum),
                                                 interrupt: context.interrupt)
        context.session.lastFigure = report.figure()
        return report
    }
}

extension BatchNormExperiment.Report {
    /// Each feature's variance before and after (bars), and the running averages' errors per batch count.
    func figure() -> Figure {
        let r = self
        return Figure.lazy(title: "batch normalization") {
            var b = SVGBuilder(width: 900, height: 640, title: "batch normalization of \(r.n) examples, 4 features")
            b.bars(r.features.map { ("feature \($0.feature) before", $0.var_before) }, box: (70, 60, 360, 220),
                   title: "variance before", unit: "")
            b.bars(r.features.map { ("feature \($0.feature) after", $0.var_after) }, box: (500, 60, 360, 220),
                   title: "variance after (1, or var/(var + eps))", unit: "")
            let first = "\(r.running.first?.batches ?? 0) batches", last = "\(r.running.last?.batches ?? 0) batches"
            b.series(r.running.map { (Double($0.batches), $0.mean_error) }, box: (70, 370, 360, 220),
                     title: "running mean error (stds)", logX: true, xLabels: (first, last))
            b.series(r.running.map { (Double($0.batches), $0.var_error) }, box: (500, 370, 360, 220),
                     title: "running variance error (relative)", logX: true, xLabels: (first, last), color: "#c0392b")
            return b.figure(title: "batch normalization")
        }
    }
}

extension BatchNormExperiment.Report: CommandOutput {
    public func renderText(_ style: TextStyle) -> String {
        func g(_ x: Double) -> String { Format.sci3(x) }
        var t = Table(["feature", "mean before", "var before", "mean after", "var after"], align: [.right, .right, .right, .right, .right])
        for f in features { t.add(["\(f.feature)", g(f.mean_before), g(f.var_before), g(f.mean_after), g(f.var_after)]) }
        var r = Table(["batches", "running mean error (stds)", "running var error"], align: [.right, .right, .right])
        for x in running { r.add(["\(x.batches)", g(x.mean_error), g(x.var_error)]) }
        return [style.bold("batch normalization of \(n) examples, 4 features"),
                t.render(style, indent: "  "),
                "  a feature whose variance is near eps = 1e-5 comes out with variance var/(var + eps) < 1 (feature 3 here)",
                "  identity: with gamma = sqrt(var + eps) and beta = mean the output equals the input to \(Format.sci(identity_max_error))",
                style.bold("test mode") + ": running averages with momentum \(Format.number(momentum)), batches of \(batch)",
                r.render(style, indent: "  "),
                "  test-mode output against train-mode output on a fresh batch: largest difference \(g(test_vs_train_max_diff))",
                gradcheck_error.map { "  backward pass against numeric gradients: relative error \(Format.sci($0)) (\(GradientCheck.verdict($0)))" }
                    ?? style.bad("  backward pass: not checked (interrupted)"),
                run.interrupted ? style.bad("  interrupted after \(run.completed) of \(run.planned) mini-batches: the running rows stop there") : nil,
        ].compactMap { $0 }.joined(separator: "\n").fitted(style)
    }
}

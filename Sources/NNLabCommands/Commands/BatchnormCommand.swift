import Foundation
import NNLabCore
import NNLabExperiments

/// `batchnorm`: four features of very different scales through batch norm.
public struct BatchnormCommand: Command {
    public static let spec = CommandSpec(
        name: "batchnorm", topic: .setup,
        summary: "batch normalization on features of very different scales: before and after, the identity, running averages, gradients",
        discussion: """
            Four features drawn with scales 1, 10, 100 and 0.01 and means 5, -20, 300 and 0.5 go through a \
            batch norm layer: each comes out with mean 0 and variance 1 (slightly less: var/(var + eps)). \
            Setting gamma = sqrt(var + eps) and beta = mean gives the input back, so the layer can learn to \
            undo itself. Test mode uses running averages, moved towards each batch's statistics by \
            running = momentum * running + (1 - momentum) * batch; the table shows them converging. Last, \
            the backward pass (the lecture's formulas) against numeric gradients.
            """,
        arguments: [
            .keyword("n", .integer(2...100_000), default: "200", help: "examples in the first batch"),
            .keyword("batch", .integer(2...10_000), default: "32", help: "size of the later mini-batches"),
            .keyword("batches", .integer(1...10_000), default: "100", help: "mini-batches for the running averages (batch x batches at most 10^7)"),
            .keyword("momentum", .real(0...1, exclusiveLower: false), default: "0.9", help: "running-average momentum"),
        ],
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
        let batch = try args.int("batch"), batches = try args.int("batches")
        guard batch * batches <= maxRows else {
            throw CommandError("batch=\(batch) batches=\(batches) draws \(batch * batches) rows for the running averages; at most \(maxRows) (about 1.5 s on two cores); e.g. batchnorm batch=1000 batches=1000")
        }
        return try BatchNormExperiment.run(rng: &context.session.rng, n: try args.int("n"), batch: try args.int("batch"),
                                    batches: try args.int("batches"), momentum: try args.real("momentum"),
                                    interrupt: context.interrupt)
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

import Foundation
import NNLabCore
import NNLabExperiments

/// `schedule KIND [lr0=] [k=] [every=] [epochs=]`: a learning-rate decay over epochs as a table and a
/// plot; the session keeps it for `train` and for `descend ... schedule=KIND`.
public struct ScheduleCommand: Command {
    static let kind = Arg<LearningRateSchedule.Kind>(.positional("KIND", .choice(LearningRateSchedule.Kind.names),
                                                                 help: "constant, step, exponential or inverse (1/t)"))
    static let lr0 = Arg.real("lr0", 0...1e6, exclusiveLower: true, default: 0.1, help: "the rate of epoch 0")
    static let k = Arg.real("k", 0...1e6, help: "step: the factor applied every `every` epochs (default 0.5, in (0, 1]); exponential and inverse: k (default 0.1)")
    static let every = Arg.integer("every", 1...10_000, default: 5, help: "step: epochs between decays")
    static let epochs = Arg.integer("epochs", 1...ScheduleExperiment.maxEpochs, default: 30, help: "epochs to list and plot")

    public static let spec = CommandSpec(
        name: "schedule", topic: .optimizers,
        summary: "learning-rate decay over epochs (step, exponential, 1/t): table, plot, and when the rate halves",
        discussion: """
            The lecture's three decays, t counting epochs from 0: step multiplies the rate by k every `every` \
            epochs (k = 0.5 halves it, the lecture's example), exponential is lr0 e^(-k t), inverse is the 1/t \
            decay lr0 / (1 + k t). The table lists up to 16 epochs spread over the run (all of them in the \
            JSON's rates), the plot all of them. The half-life line gives the first epoch whose rate is at most \
            lr0/2, found in the rates, beside the same epoch from the closed form (ln 2 / k for exponential, \
            1/k for inverse, every * ceil(ln(1/2) / ln k) for step). The schedule becomes the session's (show \
            lists its kind; set schedule KIND changes only the kind): descend and race with schedule=KIND \
            use its k and every, with the rule's lr as lr0.
            """,
        arguments: [kind.spec, lr0.spec, k.spec, every.spec, epochs.spec],
        fields: [
            FieldDoc("schedule", "kind, base (lr0), decay (k) and every"),
            FieldDoc("formula, epochs, rates, final_rate", "the rate of every epoch"),
            FieldDoc("half_epoch", "first epoch with rate <= lr0/2, from the rates; null if none"),
            FieldDoc("half_epoch_formula, half_time", "the same from the closed form, and the real-valued crossing"),
        ],
        examples: [
            Example("schedule step", "halve every 5 epochs: 0.1, 0.05 from epoch 5, 0.025 from epoch 10"),
            Example("schedule exponential k=0.1", "0.1 e^(-0.1 t): e^-1 = 0.368 of lr0 at epoch 10"),
            Example("schedule inverse k=0.1 epochs=100", "0.1 / (1 + 0.1 t): half at epoch 10, a tenth at epoch 90"),
        ],
        complete: { previous, _ in previous.isEmpty ? LearningRateSchedule.Kind.names : nil })

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        let kind = try args.value(Self.kind)
        let schedule: LearningRateSchedule
        do {
            schedule = try LearningRateSchedule(kind, base: try args.value(Self.lr0), decay: args[Self.k], every: try args.value(Self.every))
        } catch let NumericsError.outOfRange(msg) {
            throw CommandError(msg + "; e.g. schedule step k=0.5 every=5")
        }
        let report: ScheduleExperiment.Report
        do { report = try ScheduleExperiment.run(schedule, epochs: try args.value(Self.epochs)) } catch let e as DescentExperiment.Failure {
            throw CommandError(e.description)
        }
        context.session.settings.schedule = schedule
        return report
    }
}

extension ScheduleExperiment.Report: CommandOutput {
    public func renderText(_ style: TextStyle) -> String {
        func n(_ x: Double) -> String { Format.short6(x) }
        let s = schedule
        var head = "lr0 = \(n(s.base))"
        switch s.kind {
        case .constant: break
        case .step: head += ", k = \(n(s.decay)), every = \(s.every) epochs"
        case .exponential, .inverse: head += ", k = \(n(s.decay))"
        }
        var out = DescendCommand.wrap("\(s.kind.rawValue) schedule: \(formula)", width: style.width, indent: "")
        out[0] = style.bold(out[0])
        out += DescendCommand.wrap(head, width: style.width, indent: "  ")
        // At most 16 rows, spread evenly over the epochs, always with the first and the last.
        let shown = epochs <= 16 ? Array(0..<epochs) : Array(Set((0..<16).map { $0 * (epochs - 1) / 15 })).sorted()
        var t = Table(["epoch", "lr", "lr / lr0"], align: [.right, .right, .right])
        for e in shown { t.add([String(e), n(rates[e]), n(rates[e] / s.base)]) }
        out.append(t.render(style, indent: "  "))
        if epochs > 16 { out.append(style.dim("  (\(shown.count) of \(epochs) epochs; the JSON's rates has every one)")) }
        var line = ""
        switch (half_epoch, half_epoch_formula) {
        case let (m?, f?):
            line = "halves (lr <= \(n(s.base / 2))) first at epoch \(m); the closed form gives epoch \(f)"
                + (half_time.map { " (crossing at t = \(n($0)))" } ?? "") + (m == f ? "" : ": they differ by rounding at the boundary")
        case let (m?, nil): line = "halves first at epoch \(m)"
        case let (nil, f?):
            line = "does not halve within \(epochs) epochs; the closed form puts it at epoch \(f)"
        case (nil, nil): line = "never halves (" + (s.kind == .constant ? "a constant rate" : "no decay") + ")"
        }
        out += DescendCommand.wrap(line, width: style.width, indent: "  ")
        out.append("  after \(epochs) epochs: \(n(final_rate)), \(n(final_rate / s.base)) of lr0")
        var plot = Plot(width: max(20, style.width - 14), height: 12)
        plot.add("*", "lr against epoch", rates.enumerated().map { (Double($0.offset), $0.element) })
        out += plot.render(style).split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        return out.joined(separator: "\n")
    }
}

import Foundation
import NNLabCore
import NNLabExperiments

/// `mine [top=] [extra=] [show=] [epochs=] [lr=] [update=] [batch=]`: hard-sample mining on the
/// session's data and model structure.
public struct MineCommand: Command {
    static let top = Arg.integer("top", 1...500, default: 20, help: "how many of the highest-loss training examples count as hard")
    static let extra = Arg.integer("extra", 1...50, default: 4, help: "extra copies of each hard example in the retraining set (each appears 1 + extra times)")
    static let show = Arg.integer("show", 0...12, default: 4, help: "hard examples drawn in the terminal (as many as fit side by side)")
    static let epochs = Arg.integer("epochs", 1...200, default: 10, help: "epochs of each run")
    static let lr = Arg.real("lr", 0...1e6, exclusiveLower: true, default: 0.1, help: "learning rate (0.1 suits sgd on the standardized digits)")
    static let update = Arg.choice("update", UpdateKind.self, default: .sgd, help: "update rule")
    static let batch = Arg.integer("batch", 1...10_000, default: 100, help: "examples per mini-batch, drawn with replacement")

    /// The largest run accepted: 2 x 10^11 multiply-adds over both runs, the limit `train` has.
    static let budget = 2e11
    /// Hard examples listed in the table unless --wide.
    static let listed = 10

    public static let spec = CommandSpec(
        name: "mine", topic: .training,
        summary: "rank training examples by loss, draw the hardest, retrain with them over-sampled and compare",
        discussion: """
            Draws one fresh copy of the session's model structure and trains it on the loaded data (the baseline, \
            train's loop and best-epoch rule). Each training example's loss -ln p(label) under the baseline ranks \
            them; the top ones are the hard examples, listed and drawn. A second run starts from the same initial \
            weights and generator state and trains on the training set with each hard example repeated 1 + extra \
            times, so a batch draws each with probability (1 + extra)/(N + top x extra) instead of 1/N. The \
            comparison: validation accuracy, how many hard examples are still misclassified, their mean loss and \
            the mean loss of the other examples, before and after. The verdict says whether mining helped \
            validation accuracy by at least one point, hurt it by one, or neither. The session's model is not \
            changed. Refused when the runs would exceed about 2 x 10^11 multiply-adds.
            """,
        arguments: [top.spec, extra.spec, show.spec, epochs.spec, lr.spec, update.spec, batch.spec],
        fields: [
            FieldDoc("options", "the training options of both runs"),
            FieldDoc("top, extra", "hard examples and extra copies of each"),
            FieldDoc("training_examples, oversampled_examples", "N and N + top x extra"),
            FieldDoc("draw_probability_before, draw_probability_after", "the chance one draw picks a given hard example: 1/N and (1 + extra)/(N + top x extra)"),
            FieldDoc("hard", "the hard examples, hardest first: index, label, predicted_before, loss_before, predicted_after, loss_after"),
            FieldDoc("hard_wrong_before, hard_wrong_after", "hard examples misclassified by the baseline and by the mined model"),
            FieldDoc("hard_loss_before, hard_loss_after", "their mean loss"),
            FieldDoc("rest_loss_before, rest_loss_after", "the other training examples' mean loss"),
            FieldDoc("val_acc_before, val_acc_after, val_change", "validation accuracy of the two models and the difference"),
            FieldDoc("val_examples", "size of the validation part"),
            FieldDoc("run", "completed and planned runs (2), interrupted"),
        ],
        examples: [
            Example("mine top=20 epochs=5", "the 20 hardest digits after 5 epochs, then retrained with them x5", after: "data digits; model 64-100-10 act=relu"),
            Example("mine top=50 extra=9", "fifty hard digits, each ten times", after: "data digits; model 64-100-10 act=relu"),
            Example("mine top=0", "refused: top= counts examples from 1", fails: true, after: "data digits; model 64-100-10"),
        ])

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        guard let data = context.session.data else { throw ModelCommand.noData }
        guard let model = context.session.model else { throw ModelCommand.noModel }
        let k = try args.value(top), n = data.train.count
        guard k < n else {
            throw CommandError("top=\(k) would mark every one of the \(n) training examples hard; take fewer, e.g. mine top=20")
        }
        let options = try TrainingOptions(epochs: try args.value(epochs), learningRate: try args.value(lr),
                                          update: try args.value(update), batch: try args.value(batch))
        let x = try args.value(extra)
        let checked = min(1000, n) + data.val.count
        let work = TrainingWork.multiplyAdds(model.blueprint, examples: n, checked: checked, options: options)
            + TrainingWork.multiplyAdds(model.blueprint, examples: n + k * x, checked: checked, options: options)
            + 2 * model.blueprint.multiplyAdds * Double(n + data.val.count)
        guard work <= budget else {
            throw CommandError("this would take about \(Format.sci(work)) multiply-adds, more than the \(Format.sci(budget)) mine accepts; use fewer epochs or a smaller model")
        }
        let r = try MiningExperiment.run(data: data, blueprint: model.blueprint, options: options, top: k, extra: x,
                                         rng: &context.session.rng, monitor: context.monitor)
        // The shipped digits are drawn from their unscaled pixels (the same rows in the same fixed
        // split), which read as ink; other data on each image's own range.
        let unit = data.name == "digits" ? (try? Dataset.digits(scaling: .unit)).flatMap { $0.train.y == data.train.y ? $0.train : nil } : nil
        let source = unit ?? data.train
        let drawn = r.hard.prefix(try args.value(show)).compactMap { h -> MineOutput.Picture? in
            guard let row = try? source.x.row(h.index) else { return nil }
            return MineOutput.Picture(index: h.index, label: data.classNames[h.label], predicted: data.classNames[h.predicted_before],
                                      loss: h.loss_before, pixels: row.data)
        }
        return MineOutput(report: r, pictures: drawn, unscaled: unit != nil, shape: data.inputShape, classNames: data.classNames)
    }
}

/// `mine`'s result: the experiment's report (what --json prints) and the hard examples' pixels to draw.
struct MineOutput: CommandOutput {
    struct Picture: Sendable {
        var index: Int
        var label: String
        var predicted: String
        var loss: Double
        var pixels: [Double]
    }

    var report: MiningReport
    var pictures: [Picture]
    /// Whether the pictures are the digits' unscaled pixels (pixel/16) rather than the session's features.
    var unscaled: Bool
    var shape: [Int]
    var classNames: [String]

    func encode(to encoder: any Encoder) throws { try report.encode(to: encoder) }

    func name(_ c: Int?) -> String { c.flatMap { $0 >= 0 && $0 < classNames.count ? classNames[$0] : nil } ?? "-" }
    func loss(_ x: Double?) -> String { x.map { String(format: "%.3f", $0) } ?? "-" }

    func renderText(_ style: TextStyle) -> String {
        let r = report
        var out: [String] = []
        func say(_ s: String) { out += TextWrap.lines(s, width: style.width) }
        out += TextWrap.lines("hard-sample mining: the \(r.top) highest-loss of \(r.training_examples) training examples, each over-sampled x\(1 + r.extra)", width: style.width).map(style.bold)
        if r.hard.isEmpty {
            say(r.run.describe("runs") + "; the baseline did not finish, so nothing was ranked")
            return out.joined(separator: "\n")
        }
        // The hardest digits side by side: each picture 2 characters per pixel, 3 spaces apart.
        if !pictures.isEmpty {
            let drawn = pictures.map { DataCommand.picture($0.pixels, shape: shape, maxWidth: style.width) }
            let cell = max(14, drawn.map { $0.lines.map(\.count).max() ?? 0 }.max() ?? 0)
            let perRow = max(1, (style.width + 3) / (cell + 3))
            for start in stride(from: 0, to: pictures.count, by: perRow) {
                let group = Array(start..<min(start + perRow, pictures.count))
                func pad(_ s: String) -> String { s.count >= cell ? String(s.prefix(cell)) : s + String(repeating: " ", count: cell - s.count) }
                var lines = [group.map { pad("#\(pictures[$0].index) is \(pictures[$0].label)") }.joined(separator: "   ")]
                lines.append(group.map { pad("said \(pictures[$0].predicted), L \(String(format: "%.2f", pictures[$0].loss))") }.joined(separator: "   "))
                let height = group.map { drawn[$0].lines.count }.max() ?? 0
                for h in 0..<height {
                    lines.append(group.map { pad(h < drawn[$0].lines.count ? drawn[$0].lines[h] : "") }.joined(separator: "   "))
                }
                out += lines.map { l in var s = l; while s.last == " " { s.removeLast() }; return s }
            }
            say(unscaled ? "(drawn from the unscaled pixels, shades ' .:-=+*#%@' for ink 0 to 16; L is the baseline's loss -ln p(label))"
                         : "(each drawn on its own range of values; L is the baseline's loss -ln p(label))")
        }
        var t = Table(["rank", "row", "label", "said", "loss", "said after", "loss after"], align: [.right, .right, .right, .right, .right, .right, .right])
        let rows = style.wide ? r.hard[...] : r.hard.prefix(MineCommand.listed)
        for (i, h) in rows.enumerated() {
            t.add(["\(i + 1)", "\(h.index)", name(h.label), name(h.predicted_before), loss(h.loss_before), name(h.predicted_after), loss(h.loss_after)])
        }
        out.append(t.render(style, indent: "  "))
        if rows.count < r.hard.count { out.append("  (\(rows.count) of \(r.hard.count) listed; --wide lists all, --json gives all)") }
        say("Over-sampling: \(r.oversampled_examples) rows; a draw picks a given hard example with probability \(String(format: "%.5f", r.draw_probability_after)) instead of \(String(format: "%.5f", r.draw_probability_before)) (x\(String(format: "%.2f", r.draw_probability_after / r.draw_probability_before))).")
        var c = Table(["", "baseline", "mined"], align: [.left, .right, .right])
        c.add(["val accuracy", EnsembleCommand.acc(r.val_acc_before), EnsembleCommand.acc(r.val_acc_after)])
        c.add(["hard examples wrong", "\(r.hard_wrong_before) of \(r.top)", r.hard_wrong_after.map { "\($0) of \(r.top)" } ?? "-"])
        c.add(["hard examples' mean loss", loss(r.hard_loss_before), loss(r.hard_loss_after)])
        c.add(["other examples' mean loss", loss(r.rest_loss_before), loss(r.rest_loss_after)])
        out.append(c.render(style, indent: "  "))
        if r.run.interrupted {
            say(r.run.describe("runs") + "; no comparison")
            return out.joined(separator: "\n")
        }
        guard let dv = r.val_change, let hb = r.hard_loss_before, let ha = r.hard_loss_after else { return out.joined(separator: "\n") }
        let digits = Int((dv * Double(r.val_examples)).rounded())
        let hardText = ha < hb ? "The hard examples' loss fell from \(loss(hb)) to \(loss(ha))" : "The hard examples' loss did not fall (\(loss(hb)) -> \(loss(ha)))"
        let restText: String
        if let rb = r.rest_loss_before, let ra = r.rest_loss_after {
            restText = ra > rb ? ", while the other examples' rose from \(loss(rb)) to \(loss(ra))" : ", and the other examples' went from \(loss(rb)) to \(loss(ra))"
        } else { restText = "" }
        say(hardText + restText + ".")
        let verdict: String
        if dv >= 0.01 { verdict = "Mining helped: validation accuracy rose by \(EnsembleCommand.points(dv)) points (\(digits) of \(r.val_examples) digits)." }
        else if dv <= -0.01 { verdict = "Mining hurt: validation accuracy fell by \(EnsembleCommand.points(dv).dropFirst()) points (\(-digits) of \(r.val_examples) digits)." }
        else { verdict = "Mining did not help here: validation accuracy changed by \(EnsembleCommand.points(dv)) points (\(digits) of \(r.val_examples) digits), less than one point either way." }
        say(verdict)
        return out.joined(separator: "\n")
    }
}

import Foundation
import NNLabCore
import NNLabExperiments

/// `transfer [shots=1,5,10,50] [pretrain=] [epochs=] [lr=] [ft=] [update=] [batch=]`: pretrain on
/// the first half of the classes, then learn the second half from a few labelled examples three ways.
public struct TransferCommand: Command {
    static let shots = Arg.text("shots", help: "labelled examples per new class, a comma list rising from 1 (default 1,5,10,50)")
    static let pretrain = Arg.integer("pretrain", 1...100, default: 10, help: "epochs of pretraining on the first half of the classes")
    static let epochs = Arg.integer("epochs", 1...500, default: 100, help: "epochs of each few-shot run (with few examples an epoch is one batch)")
    static let lr = Arg.real("lr", 0...1e6, exclusiveLower: true, default: 0.1, help: "learning rate of the pretraining, the new last layer and the scratch net")
    static let ft = Arg.real("ft", 0...1, exclusiveLower: true, default: 0.5, help: "fine-tuning's learning rate as a fraction of lr")
    static let update = Arg.choice("update", UpdateKind.self, default: .sgd, help: "update rule of every run")
    static let batch = Arg.integer("batch", 1...10_000, default: 100, help: "examples per mini-batch, drawn with replacement")

    static let defaultShots = [1, 5, 10, 50]
    static let maxCounts = 12
    /// The largest run accepted: 2 x 10^11 multiply-adds, the limit `train` has.
    static let budget = 2e11

    public static let spec = CommandSpec(
        name: "transfer", topic: .training,
        summary: "pretrain on digits 0-4, then learn 5-9 from a few labelled examples: frozen features + new last layer, fine-tuning, or from scratch",
        discussion: """
            Splits the loaded data's classes in two halves (the digits: 0-4 and 5-9). A fresh copy of the session's \
            model, its last layer resized to five classes, is pretrained on 0-4. Then for each shot count s it takes \
            the first s training examples of each of 5-9 and compares three ways to learn them: (a) features: the \
            pretrained layers are frozen and their last hidden activations feed a new last layer, the only thing \
            trained; (b) fine-tune: the pretrained layers and the same new last layer all trained, at ft x lr; \
            (c) scratch: a fresh network trained on the s x 5 examples alone. Each run keeps its epoch with the best \
            accuracy on the validation digits of 5-9 (train's rule); the accuracy printed is on the test digits of \
            5-9, which no run saw. The table and the plot give accuracy against s; the verdict names the method \
            ahead at the fewest and the most shots and where two curves change order. The session's model is not \
            changed. Refused when the runs would exceed about 2 x 10^11 multiply-adds.
            """,
        arguments: [shots.spec, pretrain.spec, epochs.spec, lr.spec, ft.spec, update.spec, batch.spec],
        fields: [
            FieldDoc("source_classes, target_classes", "the class names of the two halves"),
            FieldDoc("pretrain_options, options, finetune_lr", "train's options for the pretraining and the few-shot runs; fine-tuning's rate"),
            FieldDoc("pretrain_test_acc", "the pretrained net's test accuracy on its own classes"),
            FieldDoc("feature_count", "the features the frozen layers hand the new last layer"),
            FieldDoc("rows", "per shot count: shots, examples, features_acc, finetune_acc, scratch_acc (test accuracy on the new classes)"),
            FieldDoc("test_examples", "test digits of the new classes"),
            FieldDoc("best_at_fewest, best_at_most", "the method ahead at the fewest and the most shots (null at a tie)"),
            FieldDoc("crossings", "where two methods change order: first, second, from, to, leader_before"),
            FieldDoc("frozen_unchanged", "whether the frozen layers' parameters were bit for bit the same afterwards"),
            FieldDoc("run", "completed and planned shot counts, interrupted"),
        ],
        examples: [
            Example("transfer shots=1,10 epochs=10 pretrain=5", "a quick look: one and ten examples per class", after: "data digits; model 64-100-10 act=relu"),
            Example("transfer", "the default: 1, 5, 10 and 50 examples per class", after: "data digits; model 64-100-10 act=relu"),
            Example("transfer shots=10,5", "refused: shot counts must rise", fails: true, after: "data digits; model 64-100-10"),
        ])

    /// The shot counts of `shots=`: whole numbers from 1 to `max`, rising, at most `maxCounts`.
    static func parseShots(_ text: String?, max: Int) throws -> [Int] {
        guard let text else { return defaultShots.filter { $0 <= max } }
        let example = "e.g. transfer shots=1,5,10,50"
        let words = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var out: [Int] = []
        for w in words {
            guard let v = Int(w), v >= 1, v <= max else {
                throw CommandError("shots=: '\(Escape.visible(w))' is not a whole number from 1 to \(max) (the fewest training examples a new class has); \(example)")
            }
            if let last = out.last, v <= last { throw CommandError("shots=: the counts must rise, got \(last) then \(v); \(example)") }
            out.append(v)
        }
        guard out.count <= maxCounts else { throw CommandError("shots=: at most \(maxCounts) counts, got \(out.count); \(example)") }
        return out
    }

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        guard let data = context.session.data else { throw ModelCommand.noData }
        guard let model = context.session.model else { throw ModelCommand.noModel }
        let halves: (source: Dataset, target: Dataset)
        do { halves = try TransferExperiment.split(data) } catch { throw CommandError("\(error); e.g. data digits, then transfer") }
        do { _ = try TransferExperiment.retarget(model.blueprint, classes: 2) } catch { throw CommandError("\(error); e.g. model 64-100-10, then transfer") }
        let most = TransferExperiment.maxShots(halves.target.train, classes: halves.target.classes)
        let counts = try parseShots(args[shots], max: max(most, 1))
        guard !counts.isEmpty, most >= 1 else { throw CommandError("the new classes have too few training examples for any shot count; e.g. data digits, then transfer") }
        let pre = try TrainingOptions(epochs: try args.value(pretrain), learningRate: try args.value(lr), update: try args.value(update), batch: try args.value(batch))
        let opts = try TrainingOptions(epochs: try args.value(epochs), learningRate: try args.value(lr), update: try args.value(update), batch: try args.value(batch))
        let checked = { (n: Int) in min(1000, n) + halves.target.val.count }
        var work = TrainingWork.multiplyAdds(model.blueprint, examples: halves.source.train.count, checked: checked(halves.source.train.count), options: pre)
        for s in counts { work += 3 * TrainingWork.multiplyAdds(model.blueprint, examples: s * halves.target.classes, checked: checked(s * halves.target.classes), options: opts) }
        guard work <= budget else {
            throw CommandError("this would take about \(Format.sci(work)) multiply-adds, more than the \(Format.sci(budget)) transfer accepts; use fewer or smaller shot counts, fewer epochs or a smaller model")
        }
        return try TransferExperiment.run(data: data, blueprint: model.blueprint, shots: counts, pretrain: pre, options: opts,
                                          finetuneScale: try args.value(ft), rng: &context.session.rng, monitor: context.monitor)
    }

    static func name(_ m: TransferMethod) -> String {
        switch m {
        case .features: "frozen features + new last layer"
        case .finetune: "fine-tuning"
        case .scratch: "training from scratch"
        }
    }
}

extension TransferRow: TextRecord {
    public func renderLine(_ style: TextStyle) -> String {
        "\(shots) per class (\(examples) examples): features \(EnsembleCommand.acc(features_acc)), fine-tune \(EnsembleCommand.acc(finetune_acc)), scratch \(EnsembleCommand.acc(scratch_acc))"
    }
}

extension TransferReport: CommandOutput {
    public func renderText(_ style: TextStyle) -> String {
        var out: [String] = []
        func say(_ s: String) { out += TextWrap.lines(s, width: style.width) }
        let src = source_classes.joined(separator: ","), dst = target_classes.joined(separator: ",")
        out += TextWrap.lines("transfer: pretrained on classes \(src), learning \(dst) from a few examples", width: style.width).map(style.bold)
        if let p = pretrain_test_acc {
            say("pretraining: \(pretrain_options.epochs) epochs, test accuracy \(EnsembleCommand.acc(p)) on \(src); the frozen layers hand \(feature_count) features to the new last layer")
        }
        var t = Table(["per class", "examples", "(a) features", "(b) fine-tune", "(c) scratch"], align: [.right, .right, .right, .right, .right])
        for r in rows { t.add(["\(r.shots)", "\(r.examples)", EnsembleCommand.acc(r.features_acc), EnsembleCommand.acc(r.finetune_acc), EnsembleCommand.acc(r.scratch_acc)]) }
        say("test accuracy on the \(test_examples) test digits of \(dst) (lr \(Format.number(options.learningRate)), fine-tuning at \(String(format: "%g", finetune_lr)), \(options.epochs) epochs each):")
        out.append(t.render(style, indent: "  "))
        if rows.count >= 2 {
            var plot = Plot(width: max(20, min(61, style.width - 12)), height: 10)
            plot.add("a", "features", rows.map { (log10(Double($0.shots)), $0.features_acc) })
            plot.add("b", "fine-tune", rows.map { (log10(Double($0.shots)), $0.finetune_acc) })
            plot.add("c", "scratch", rows.map { (log10(Double($0.shots)), $0.scratch_acc) })
            say("test accuracy against log10(examples per class); a later mark covers an earlier one on the same cell:")
            out.append(plot.render(style))
        }
        if run.interrupted {
            say(run.describe("shot counts") + "; no verdict")
            return out.joined(separator: "\n")
        }
        say(frozen_unchanged ? "The frozen layers' parameters were bit for bit the same after every features run." :
                               "Warning: the frozen layers' parameters changed, so (a) was not a frozen feature extractor.")
        guard let first = rows.first, let last = rows.last else { return out.joined(separator: "\n") }
        func lead(_ m: TransferMethod?, _ row: TransferRow) -> String {
            guard let m else { return "at \(row.shots) per class two methods tie for first" }
            return "at \(row.shots) per class \(TransferCommand.name(m)) is ahead"
        }
        let opening = lead(best_at_fewest, first)
        say(opening.prefix(1).uppercased() + opening.dropFirst() + (rows.count > 1 ? "; " + lead(best_at_most, last) + "." : "."))
        if rows.count > 1, first.shots <= 5 {
            let transfer = Swift.max(first.features_acc, first.finetune_acc)
            say(transfer > first.scratch_acc
                ? "As the lecture expects, a pretrained network beat training from scratch at \(first.shots) per class (\(EnsembleCommand.acc(transfer)) against \(EnsembleCommand.acc(first.scratch_acc)))."
                : "Unlike the lecture's expectation, neither pretrained method beat training from scratch at \(first.shots) per class (best \(EnsembleCommand.acc(transfer)) against \(EnsembleCommand.acc(first.scratch_acc))).")
        }
        if rows.count > 1 {
            if crossings.isEmpty {
                say("No two curves change order between the shot counts measured.")
            } else {
                for c in crossings {
                    let other = c.leader_before == c.first ? c.second : c.first
                    say("\(TransferCommand.name(other).prefix(1).uppercased() + TransferCommand.name(other).dropFirst()) overtakes \(TransferCommand.name(c.leader_before)) between \(c.from) and \(c.to) per class.")
                }
            }
        }
        return out.joined(separator: "\n")
    }
}

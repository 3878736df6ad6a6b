import Foundation
import NNLabCore
import NNLabExperiments

/// `ensemble [models|checkpoints|polyak] [n=] [k=] [beta=] [epochs=] [lr=] [update=] [batch=]`:
/// the lecture's three ways of averaging at test time, measured on the session's data and model.
public struct EnsembleCommand: Command {
    enum Mode: String, Choice { case models, checkpoints, polyak }

    static let mode = Arg.choice("mode", Mode.self, default: .models, positional: true,
                                 help: "models (n independent models), checkpoints (one run's last k epochs), polyak (a running average of one run's parameters)")
    static let n = Arg.integer("n", 2...20, default: 5, help: "models: how many independent models, each with its own seed stream")
    static let k = Arg.integer("k", 2...100, default: 5, help: "checkpoints, polyak: snapshots averaged, those after the last k epochs")
    static let beta = Arg.real("beta", 0...0.9999, default: 0.95, help: "checkpoints, polyak: the running average's decay per iteration, avg = beta avg + (1 - beta) theta")
    static let epochs = Arg.integer("epochs", 1...200, default: 10, help: "epochs each run trains")
    static let lr = Arg.real("lr", 0...1e6, exclusiveLower: true, default: 0.1, help: "learning rate (0.1 suits sgd on the standardized digits)")
    static let update = Arg.choice("update", UpdateKind.self, default: .sgd, help: "update rule")
    static let batch = Arg.integer("batch", 1...10_000, default: 100, help: "examples per mini-batch, drawn with replacement")

    /// The largest run accepted: 2 x 10^11 multiply-adds over all runs, the limit `train` has.
    static let budget = 2e11

    public static let spec = CommandSpec(
        name: "ensemble", topic: .training,
        summary: "average several models' predicted probabilities, one run's last checkpoints, or a running average of its parameters, against single models",
        discussion: """
            ensemble (or ensemble models) trains n fresh copies of the session's model structure on the loaded data, \
            model i drawing its initial weights and its batches from numpy's RandomState([seed, i - 1]); each keeps its \
            best-validation epoch, as train does. At test time the ensemble averages the n softmax outputs, \
            p(x) = (1/n) sum_i p_i(x), and predicts the class with the largest mean probability. It prints each model's \
            validation and test accuracy, their mean, the best model (chosen on validation) and the ensemble, and \
            compares the gain with the lecture's "about 2%". Validation digits helped pick each model's epoch; the test \
            digits were never looked at. ensemble checkpoints and ensemble polyak train one model (keeping its last \
            parameters, not the best epoch's) and compare at test time: the final parameters; the average of the \
            probabilities of the snapshots after the last k epochs; and the network whose parameters are the running \
            average avg = beta avg + (1 - beta) theta, updated after every iteration. The session's model is not \
            changed. Refused when the runs would exceed about 2 x 10^11 multiply-adds.
            """,
        arguments: [mode.spec, n.only(Mode.models).spec, k.only(Mode.checkpoints, .polyak).spec, beta.only(Mode.checkpoints, .polyak).spec, epochs.spec, lr.spec, update.spec, batch.spec],
        fields: [
            FieldDoc("options", "the training options every run used"),
            FieldDoc("seed", "models: the seed whose streams [seed, i] the models drew from"),
            FieldDoc("members", "models: each model's member, members, val_acc, test_acc, best_epoch"),
            FieldDoc("ensemble_val_acc, ensemble_test_acc", "models: the averaged probabilities' accuracy"),
            FieldDoc("mean_val_acc, mean_test_acc", "models: the mean single-model accuracy"),
            FieldDoc("best_member, best_val_acc, best_member_test_acc", "models: the model with the best validation accuracy"),
            FieldDoc("gain_over_mean, gain_over_best, test_gain_over_mean, test_gain_over_best", "models: ensemble minus mean and minus best (fractions: 0.02 is 2 points)"),
            FieldDoc("lecture_gain", "models: the lecture's figure, 0.02"),
            FieldDoc("val_examples, test_examples", "sizes of the validation and test parts"),
            FieldDoc("mode", "models, checkpoints or polyak"),
            FieldDoc("snapshots_requested, snapshot_epochs", "checkpoints, polyak: k and the epochs whose snapshots were averaged"),
            FieldDoc("beta, iterations", "checkpoints, polyak: the running average's decay and the iterations it averaged over"),
            FieldDoc("epochs", "checkpoints, polyak: per epoch: epoch, epochs, cost, val_acc, polyak_val_acc, snapshot"),
            FieldDoc("final_val_acc, final_test_acc", "checkpoints, polyak: the last parameters' accuracy"),
            FieldDoc("checkpoint_val_acc, checkpoint_test_acc, checkpoint_gain, checkpoint_test_gain", "checkpoints, polyak: the snapshot average and its gain over the final parameters"),
            FieldDoc("polyak_val_acc, polyak_test_acc, polyak_gain, polyak_test_gain", "checkpoints, polyak: the averaged parameters and their gain over the final ones"),
            FieldDoc("run", "completed and planned models (or epochs), interrupted"),
        ],
        examples: [
            Example("ensemble n=3 epochs=5", "three independent 64-100-10 nets and their average", after: "data digits; model 64-100-10 act=relu"),
            Example("ensemble checkpoints epochs=10 k=5", "the last five epochs' snapshots of one run", after: "data digits; model 64-100-10 act=relu"),
            Example("ensemble polyak epochs=10 beta=0.9", "a running average of the parameters against the final ones", after: "data digits; model 64-100-10 act=relu"),
            Example("ensemble checkpoints n=3", "refused: n= counts independent models", fails: true, after: "data digits; model 64-100-10"),
        ])

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        guard let data = context.session.data else { throw ModelCommand.noData }
        guard let model = context.session.model else { throw ModelCommand.noModel }
        let m = try args.value(mode)
        let options = try TrainingOptions(epochs: try args.value(epochs), learningRate: try args.value(lr),
                                          update: try args.value(update), batch: try args.value(batch))
        let one = TrainingWork.multiplyAdds(model.blueprint, examples: data.train.count,
                                            checked: min(1000, data.train.count) + 2 * data.val.count + data.test.count, options: options)
        switch m {
        case .models:
            let count = try args.value(n)
            try check(Double(count) * one)
            return try EnsembleExperiment.independent(data: data, blueprint: model.blueprint, n: count, options: options,
                                                      seed: context.session.seed, monitor: context.monitor)
        case .checkpoints, .polyak:
            let snapshots = try args.value(k)
            guard snapshots <= options.epochs else {
                throw CommandError("k=\(snapshots) snapshots need at least \(snapshots) epochs, got epochs=\(options.epochs); e.g. ensemble checkpoints epochs=10 k=5")
            }
            try check(one * 2)
            let r = try SingleRunAverages.run(data: data, blueprint: model.blueprint, options: options, snapshots: snapshots,
                                              beta: try args.value(beta), rng: &context.session.rng, monitor: context.monitor)
            var out = r
            out.mode = m.rawValue
            return out
        }
    }

    static func check(_ work: Double) throws {
        guard work <= budget else {
            throw CommandError("this would take about \(Format.sci(work)) multiply-adds, more than the \(Format.sci(budget)) ensemble accepts; use fewer models or epochs, or a smaller model")
        }
    }

    /// Points: a fraction as percentage points with a sign, "+1.4".
    static func points(_ x: Double) -> String { String(format: "%+.1f", 100 * x) }
    static func acc(_ x: Double?) -> String { x.map { String(format: "%.4f", $0) } ?? "-" }
}

/// `ensemble checkpoints` and `ensemble polyak`: the single run's report, leading with the mode asked for.
extension SingleRunAveragesReport: CommandOutput {
    public func renderText(_ style: TextStyle) -> String {
        let r = self
        var out: [String] = []
        func say(_ s: String) { out += TextWrap.lines(s, width: style.width) }
        out += TextWrap.lines("one run of \(r.options.epochs) epochs (\(r.options.update.rawValue), lr \(Format.number(r.options.learningRate))), three ways at test time", width: style.width).map(style.bold)
        var t = Table(["test-time parameters", "val acc", "test acc"], align: [.left, .right, .right])
        t.add(["final (epoch \(r.epochs.last?.epoch ?? 0))", EnsembleCommand.acc(r.final_val_acc), EnsembleCommand.acc(r.final_test_acc)])
        let epochsText = r.snapshot_epochs.isEmpty ? "none" : (r.snapshot_epochs.count == 1 ? "\(r.snapshot_epochs[0])" : "\(r.snapshot_epochs[0])-\(r.snapshot_epochs[r.snapshot_epochs.count - 1])")
        t.add(["checkpoints (epochs \(epochsText))", EnsembleCommand.acc(r.checkpoint_val_acc), EnsembleCommand.acc(r.checkpoint_test_acc)])
        t.add(["polyak (beta \(Format.number(r.beta)))", EnsembleCommand.acc(r.polyak_val_acc), EnsembleCommand.acc(r.polyak_test_acc)])
        out.append(t.render(style, indent: "  "))
        if r.run.interrupted {
            say(r.run.describe("epochs") + "; no verdict")
            return out.joined(separator: "\n")
        }
        let nv = r.val_examples, nt = r.test_examples
        func verdict(_ name: String, _ g: Double?, _ gt: Double?) -> String {
            guard let g, let gt else { return "\(name): not measured" }
            let dv = Int((g * Double(nv)).rounded()), dt = Int((gt * Double(nt)).rounded())
            func words(_ d: Int, _ of: Int, _ part: String) -> String {
                d == 0 ? "the same number of the \(of) \(part) digits right" : "\(abs(d)) \(d > 0 ? "more" : "fewer") of the \(of) \(part) digits right"
            }
            let sense: String
            if g > 0, gt > 0 { sense = "a small boost on both parts" } else if g < 0, gt < 0 { sense = "worse on both parts" } else if g == 0, gt == 0 { sense = "no difference" } else { sense = "no consistent effect (the two parts disagree)" }
            return "Against the final parameters, \(name) got \(words(dv, nv, "validation")) (\(EnsembleCommand.points(g)) points) and \(words(dt, nt, "test")) (\(EnsembleCommand.points(gt))): \(sense)."
        }
        let c = verdict("the checkpoint ensemble", r.checkpoint_gain, r.checkpoint_test_gain)
        let p = verdict("the Polyak average", r.polyak_gain, r.polyak_test_gain)
        for s in mode == "polyak" ? [p, c] : [c, p] { say(s) }
        say("The lecture promises \"a small boost\" from both tricks; the lines above say whether this run saw one. Batch norm's running averages, if the model has them, are the final network's in all three.")
        return out.joined(separator: "\n")
    }
}

extension EnsembleMemberRecord: TextRecord {
    public func renderLine(_ style: TextStyle) -> String {
        "model \(member) / \(members): val acc \(EnsembleCommand.acc(val_acc)), test acc \(EnsembleCommand.acc(test_acc))" + (best_epoch.map { " (epoch \($0) kept)" } ?? "")
    }
}

extension AveragingEpochRecord: TextRecord {
    public func renderLine(_ style: TextStyle) -> String {
        "epoch \(epoch) / \(epochs): cost \(CFormat.f(cost)), val \(EnsembleCommand.acc(val_acc)), polyak val \(EnsembleCommand.acc(polyak_val_acc))" + (snapshot ? ", snapshot kept" : "")
    }
}

extension EnsembleReport: CommandOutput {
    public func renderText(_ style: TextStyle) -> String {
        var out: [String] = []
        func say(_ s: String) { out += TextWrap.lines(s, width: style.width) }
        out += TextWrap.lines("\(run.planned) independent models (\(options.epochs) epochs, \(options.update.rawValue), lr \(Format.number(options.learningRate))), probabilities averaged", width: style.width).map(style.bold)
        var t = Table(["model", "val acc", "test acc"], align: [.left, .right, .right])
        for m in members { t.add(["\(m.member)", EnsembleCommand.acc(m.val_acc), EnsembleCommand.acc(m.test_acc)]) }
        if !members.isEmpty { t.rule() }
        t.add(["mean of \(members.count)", EnsembleCommand.acc(mean_val_acc), EnsembleCommand.acc(mean_test_acc)])
        t.add(["best (model \(best_member.map(String.init) ?? "-"), by val)", EnsembleCommand.acc(best_val_acc), EnsembleCommand.acc(best_member_test_acc)])
        t.add(["ensemble of \(members.count)", EnsembleCommand.acc(ensemble_val_acc), EnsembleCommand.acc(ensemble_test_acc)])
        out.append(t.render(style, indent: "  "))
        if run.interrupted {
            say(run.describe("models") + "; no verdict" + (members.isEmpty ? "" : ", and the figures are for an ensemble of \(members.count)"))
            return out.joined(separator: "\n")
        }
        guard let gm = gain_over_mean, let gb = gain_over_best, let tm = test_gain_over_mean, let tb = test_gain_over_best,
              let mean = mean_val_acc else { return out.joined(separator: "\n") }
        let digits = Int((gm * Double(val_examples)).rounded())
        say("Gain over the mean model: \(EnsembleCommand.points(gm)) points on validation (\(digits) of \(val_examples) digits), \(EnsembleCommand.points(tm)) on test; over the best model: \(EnsembleCommand.points(gb)) on validation, \(EnsembleCommand.points(tb)) on test.")
        let lecture = EnsembleCommand.points(lecture_gain)
        let compare: String
        if gm >= lecture_gain { compare = "as large as the lecture's \"about 2%\" (\(lecture) points) or larger" }
        else if gm > 0 { compare = "a gain, but smaller than the lecture's \"about 2%\" (\(lecture) points)" }
        else if gm == 0 { compare = "no gain, against the lecture's \"about 2%\"" }
        else { compare = "a loss: the ensemble did worse than its average model, against the lecture's \"about 2%\" gain" }
        say("Against the mean model this run measured \(compare).")
        if gm < lecture_gain, 1 - mean < 2 * lecture_gain {
            say("The single models already reach \(EnsembleCommand.acc(mean)) on validation: only \(EnsembleCommand.points(1 - mean).dropFirst()) points of error are left to remove, so a 2-point gain is hard to find here.")
        }
        return out.joined(separator: "\n")
    }
}

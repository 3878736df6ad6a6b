import Foundation
import NNLabCore
import NNLabExperiments

extension UpdateKind: Choice {}

/// `train [epochs=] [lr=] [reg=] [update=] [batch=] [mu=] [schedule=] [decay=] [every=] [stop=] [log=]`:
/// fits the session's model to the session's data, printing the lecture's epoch log.
public struct TrainCommand: Command {
    enum StopRule: String, Choice { case threeX = "3x", off }
    enum Log: String, Choice { case epoch, iter }

    static let epochs = Arg.integer("epochs", 1...1000, default: 10, help: "passes over the training data")
    static let lr = Arg.real("lr", 0...1e9, exclusiveLower: true, default: 1e-3, help: "learning rate (the first epoch's, under a schedule)")
    static let reg = Arg.real("reg", 0...1e9, default: 0, help: "L2 strength: the loss gains 0.5 * reg * sum(W^2) over the weights")
    static let update = Arg.choice("update", UpdateKind.self, default: .sgd, help: "update rule")
    static let batch = Arg.integer("batch", 1...10_000, default: 100, help: "examples per mini-batch, drawn with replacement")
    static let mu = Arg.real("mu", 0...0.999, default: 0.9, help: "momentum of momentum and nesterov")
    static let schedule = Arg.choice("schedule", LearningRateSchedule.Kind.self, default: .constant,
                                     help: "learning rate decay per epoch: step (times decay every `every` epochs), exponential e^(-k t), inverse 1/(1 + k t)")
    static let decay = Arg.real("decay", 0...1e6, help: "step: the factor (default 0.5); exponential, inverse: k (default 0.1)")
    static let every = Arg.integer("every", 1...1000, default: 1, help: "step schedule: epochs between decays")
    static let stop = Arg.choice("stop", StopRule.self, default: .off, help: "3x: stop when a batch's cost exceeds 3 times the first batch's")
    static let log = Arg.choice("log", Log.self, default: .epoch, help: "iter also prints every iteration's loss")

    /// The largest run accepted: 2 x 10^11 multiply-adds (forward and backward over every batch,
    /// plus the accuracy checks), about a minute on one core here.
    static let budget = 2e11

    public static let spec = CommandSpec(
        name: "train", topic: .training,
        summary: "fit the model to the data with mini-batch SGD (or momentum, nesterov, adagrad, rmsprop, adam), printing the lecture's epoch log",
        discussion: """
            Continues from the model's current weights. Each epoch runs max(N / batch, 1) iterations; each draws \
            its batch as numpy's np.random.choice(N, batch) from the session's generator, so a numpy loop after \
            the same seed draws the same batches. After every epoch it prints the cost of the epoch's last batch, \
            the train accuracy (on the first 1000 training examples), the validation accuracy and the learning \
            rate, in the lecture's format; costs that overflow print as inf or nan. The model keeps the weights \
            of the epoch with the best validation accuracy. Ctrl-C stops at the end of the running batch and keeps \
            the best model so far. stop=3x ends a run whose cost passes 3 times its first cost. Refused when the \
            run would exceed about 2 x 10^11 multiply-adds.
            """,
        arguments: [epochs.spec, lr.spec, reg.spec, update.spec, batch.spec, mu.spec, schedule.spec, decay.spec, every.spec, stop.spec, log.spec],
        fields: [
            FieldDoc("options", "epochs, learningRate, reg, update, batch, mu, schedule, stopAt3x, logIterations"),
            FieldDoc("epochs", "each epoch's line: epoch, epochs, cost, train_acc, val_acc, lr"),
            FieldDoc("loss_history", "every iteration's cost"),
            FieldDoc("train_acc_history, val_acc_history", "accuracies per epoch"),
            FieldDoc("training_examples, iterations_per_epoch, train_acc_examples", "sizes of the run"),
            FieldDoc("initial_cost, final_cost", "the first and last batches' costs"),
            FieldDoc("best_val_acc, best_epoch", "the best validation accuracy and its epoch: the model keeps those weights"),
            FieldDoc("stop, exploded_at", "finished, exploded (the 3x rule, at that iteration) or interrupted"),
            FieldDoc("epochs_before", "epochs the model had been trained before"),
            FieldDoc("examples_per_second, seconds", "speed"),
            FieldDoc("run", "completed and planned epochs, interrupted"),
        ],
        examples: [
            Example("train epochs=10 lr=0.1 update=momentum", "the benchmark run: a 64-100-10 net on the digits", after: "data digits; model 64-100-10 act=relu"),
            Example("train epochs=5 lr=3 stop=3x", "a rate far too high: the cost explodes and the 3x rule stops it", after: "data digits; model 64-100-10"),
            Example("train epochs=20 lr=0.5 schedule=step decay=0.5 every=5", "halving the rate every 5 epochs", after: "data digits; model 64-100-10"),
            Example("train", "refused: no data or model yet", fails: true),
        ])

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        guard let data = context.session.data else { throw CommandError("no data loaded: try `data digits`") }
        guard var model = context.session.model else {
            throw CommandError("no model yet: build one with model \(data.featureCount)-100-\(data.classes)")
        }
        let kind = try args.value(update)
        if args.wasGiven(mu), !kind.usesMomentum {
            throw CommandError("mu= is the momentum of momentum and nesterov; update=\(kind.rawValue) has none; e.g. train update=momentum mu=0.9")
        }
        let scheduleKind = try args.value(schedule)
        if scheduleKind == .constant, args.wasGiven(decay) || args.wasGiven(every) {
            throw CommandError("decay= and every= shape a schedule; give one, e.g. train schedule=step decay=0.5 every=5")
        }
        if scheduleKind != .step, args.wasGiven(every) {
            throw CommandError("every= is for schedule=step; e.g. train schedule=step decay=0.5 every=5")
        }
        let base = try args.value(lr)
        let sched: LearningRateSchedule
        do { sched = try LearningRateSchedule(scheduleKind, base: base, decay: args[decay], every: try args.value(every)) } catch {
            throw CommandError("\(error); e.g. train schedule=step decay=0.5 every=5")
        }
        let options = try TrainingOptions(epochs: try args.value(epochs), learningRate: base, reg: try args.value(reg), update: kind,
                                          batch: try args.value(batch), mu: try args.value(mu), schedule: sched,
                                          stopAt3x: try args.value(stop) == .threeX, logIterations: try args.value(log) == .iter)
        let perEpoch = options.iterationsPerEpoch(trainingExamples: data.train.count)
        let work = model.blueprint.multiplyAdds * (3 * Double(perEpoch * options.batch) + Double(min(1000, data.train.count) + data.val.count)) * Double(options.epochs)
        guard work <= budget else {
            throw CommandError("this run would take about \(Format.sci(work)) multiply-adds, more than the \(Format.sci(budget)) (about a minute) train accepts; use fewer epochs, a smaller batch or a smaller model")
        }
        let report = try Trainer.train(&model, data: data, options: options, rng: &context.session.rng, monitor: context.monitor)
        context.session.model = model
        return report
    }
}

extension EpochRecord: TextRecord {
    public func renderLine(_ style: TextStyle) -> String { line }
}

extension IterationRecord: TextRecord {
    public func renderLine(_ style: TextStyle) -> String { line }
}

extension TrainReport: CommandOutput {
    public func renderText(_ style: TextStyle) -> String {
        var out: [String] = []
        func say(_ s: String) { out += TextWrap.lines(s, width: style.width) }
        switch stop {
        case .finished, .exploded:
            if stop == .exploded, let at = exploded_at, let first = initial_cost {
                say("stopped by the 3x rule at iteration \(at) (epoch \((at - 1) / iterations_per_epoch + 1)): cost \(CFormat.f(loss_history[at - 1])) > 3 x the first cost \(CFormat.f(first)) = \(CFormat.f(3 * first)); the learning rate is too high")
            }
            if let best = best_val_acc {
                out.append("finished optimization. best validation accuracy: \(CFormat.f(best))")
                if let e = best_epoch, e != epochs.count { say("the model keeps epoch \(e)'s weights, whose validation accuracy was the best") }
            } else {
                say("no epoch finished, so there is no validation accuracy; the model keeps the weights it had before this run")
            }
        case .interrupted:
            say("interrupted after \(run.completed) of \(run.planned) epochs (\(loss_history.count) iterations)")
            if let best = best_val_acc, let e = best_epoch {
                say("best validation accuracy so far: \(CFormat.f(best)) (epoch \(e)); the model keeps that epoch's weights")
            } else if loss_history.isEmpty {
                say("no batch ran: the model is unchanged")
            } else {
                say("no epoch finished, so no accuracy was measured; the model keeps the weights of the last batch")
            }
        }
        if let first = initial_cost, let last = final_cost, stop != .interrupted {
            let costs = "cost \(CFormat.f(first)) at the first batch, \(CFormat.f(last)) at the last"
            say(costs + (last.isFinite ? "" : ": the cost overflowed, the learning rate is far too high"))
        }
        if examples_per_second > 0 { out.append("\(Format.grouped(Int(examples_per_second.rounded()))) examples/s, \(String(format: "%.2f", seconds)) s") }
        return out.joined(separator: "\n")
    }
}

/// Prose wrapped at words to a width.
enum TextWrap {
    static func lines(_ text: String, width: Int, indent: String = "") -> [String] {
        var lines: [String] = [], line = indent
        for word in text.split(separator: " ") {
            if line.count + word.count + 1 > width, line != indent { lines.append(line); line = indent + "  " }
            line += (line.trimmingCharacters(in: .whitespaces).isEmpty ? "" : " ") + word
        }
        if !line.trimmingCharacters(in: .whitespaces).isEmpty { lines.append(line) }
        return lines
    }
}

import Foundation
import NNLabCore
import NNLabExperiments

extension UpdateKind: Choice {}
extension Regularization.Kind: Choice {}

/// `train [epochs=] [lr=] [reg=] [update=] [batch=] [mu=] [schedule=] [decay=] [every=] [stop=] [log=]`:
/// fits the session's model to the session's data, printing the lecture's epoch log.
public struct TrainCommand: Command {
    enum StopRule: String, Choice { case threeX = "3x", off }
    enum Log: String, Choice { case epoch, iter }

    static let epochs = Arg.integer("epochs", 1...1000, default: 10, help: "passes over the training data")
    static let lr = Arg.real("lr", 0...1e9, exclusiveLower: true, default: 1e-3, help: "learning rate (the first epoch's, under a schedule)")
    static let reg = Arg.real("reg", 0...1e9, default: 0, help: "penalty strength: L2 adds 0.5 * reg * sum(W^2) over the weights, L1 reg * sum(|W|)")
    static let penalty = Arg.choice("penalty", Regularization.Kind.self, default: .l2, help: "which weight penalty reg= scales: l2 (gradient reg * W) or l1 (gradient reg * sign(W), driving weights to 0)")
    static let augment = Arg<String>.text("augment", help: "transform every batch example on the fly, comma-separated: " + Augmentation.names.joined(separator: ",") + " (each at its default amount, as augment shows it)")
    static let force = Arg<Bool>.flag("force", help: "train with augment= transformations even when they change the digits' labels")
    static let patience = Arg.integer("patience", 1...1000, help: "early stopping: stop when val accuracy has not improved for this many epochs (the best epoch's model is kept)")
    static let examples = Arg.integer("examples", 1...1_000_000, help: "train on the first N training examples only (default: all), so that a large model overfits visibly")
    static let baseline = Arg<Bool>.flag("baseline", help: "for a model with dropout: first train the same net without its dropout layers from the same weights, and compare the train/val gaps")
    static let clip = Arg<String>.text("clip", help: "gradient clipping before each update: value:G (each component to [-G, G]), norm:C (rescale when the global norm exceeds C), sign (one-bit: sign of each component)")
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
            run would exceed about 2 x 10^11 multiply-adds. \
            Regularization: reg= with penalty=l2 or l1 reports the last batch's loss as data loss plus penalty and \
            counts the weights below 1e-3 before and after, with a histogram; patience=N stops once validation \
            accuracy has gone N epochs without a new best and names the epoch it stopped after and the epoch it kept; \
            augment= transforms each batch example on the fly (digits are mapped back to pixels first), after checking \
            each transformation with the augment command's nearest-neighbour judge: one that turns most of a class \
            into others is refused unless force=on; clip= clips the gradient before each update and records its \
            global norm per iteration, plotted below the log (save writes it); examples=N trains on the first N \
            training examples. Every run reports the train/val gap of the epoch it keeps, in accuracy and in data \
            loss, and with dropout in the model the cost of the masked batches beside the unmasked training loss; \
            baseline=on first trains the same net without its dropout layers from the same weights and says \
            whether dropout narrowed the gap (by more than 0.005), widened it, or left it about the same.
            """,
        arguments: [epochs.spec, lr.spec, reg.spec, update.spec, batch.spec, mu.spec, schedule.spec, decay.spec, every.spec, stop.spec, log.spec,
                    penalty.spec, augment.spec, force.spec, patience.spec, clip.spec, examples.spec, baseline.spec],
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
            FieldDoc("penalty_history, final_data_loss, final_penalty", "each iteration's penalty term; the last batch's loss split into data loss and penalty"),
            FieldDoc("weights_before, weights_after", "the weights' count, near_zero (|w| < threshold), mean_abs, max_abs and a histogram over [-limit, limit]"),
            FieldDoc("grad_norm_history, clipped_iterations", "each iteration's global gradient norm before clipping; iterations the clip changed"),
            FieldDoc("gap, final_gap", "train minus val accuracy of the epoch the model keeps; averaged over the last 5 epochs"),
            FieldDoc("last_epoch_mean_cost", "the mean cost of the last epoch's batches as trained (with dropout's masks and the penalty)"),
            FieldDoc("train_loss_history, val_loss_history, loss_gap", "per epoch, the data loss (test mode) on the train-accuracy rows and on val; val minus train loss of the kept epoch"),
            FieldDoc("stopped_at", "the epoch early stopping (patience=) ended the run after"),
            FieldDoc("augmented_examples", "training examples transformed by augment="),
            FieldDoc("dropout_comparison", "with baseline=on: keep, without_gap, with_gap, without_loss_gap, with_loss_gap, without_best_val_acc, with_best_val_acc, verdict"),
            FieldDoc("augment_checks", "per augment= transformation: the classes whose label it changes, as the augment command measures"),
            FieldDoc("dropout_keep, batch_norm", "the model's dropout keep probability and whether it has batch norm"),
        ],
        examples: [
            Example("train epochs=10 lr=0.1 update=momentum", "the benchmark run: a 64-100-10 net on the digits", after: "data digits; model 64-100-10 act=relu"),
            Example("train epochs=5 lr=3 stop=3x", "a rate far too high: the cost explodes and the 3x rule stops it", after: "data digits; model 64-100-10"),
            Example("train epochs=20 lr=0.5 schedule=step decay=0.5 every=5", "halving the rate every 5 epochs", after: "data digits; model 64-100-10"),
            Example("train epochs=20 lr=0.5 reg=0.003 penalty=l1", "L1: many weights end near zero, counted with the threshold", after: "data digits; model 64-100-10"),
            Example("train epochs=40 lr=0.5 patience=3", "early stopping three epochs after the best validation accuracy", after: "data digits; model 64-100-10"),
            Example("train epochs=20 lr=0.5 baseline=on", "the gap with dropout against the same net without it, from the same weights", after: "data digits; model 64-100-10 dropout=0.5"),
            Example("train epochs=5 lr=0.5 augment=shift,noise", "every batch shifted by up to a pixel and noised on the fly", after: "data digits; model 64-100-10"),
            Example("train epochs=5 lr=0.5 augment=flip", "refused: a mirrored digit is another digit (force=on overrides)", fails: true, after: "data digits; model 64-100-10"),
            Example("train epochs=5 lr=3 clip=norm:1", "a rate that gives nan unclipped on this net, trained with the gradient norm capped at 1", after: "data digits; model hidden=100,100,100 act=relu init=he"),
            Example("train epochs=3 lr=0.01 clip=sign", "one-bit gradients: every weight moves by exactly lr", after: "data digits; model 64-100-10"),
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
        var options = try TrainingOptions(epochs: try args.value(epochs), learningRate: base, reg: try args.value(reg), update: kind,
                                          batch: try args.value(batch), mu: try args.value(mu), schedule: sched,
                                          stopAt3x: try args.value(stop) == .threeX, logIterations: try args.value(log) == .iter)
        options.penalty = try args.value(penalty)
        if args.wasGiven(penalty), options.reg == 0 {
            throw CommandError("penalty= chooses the penalty reg= scales, and reg is 0; e.g. train reg=0.003 penalty=l1")
        }
        options.patience = args[patience]
        options.examples = args[examples]
        if let text = args[clip] { options.clip = try parseClip(text) }
        var checks: [AugmentCheck] = []
        if let text = args[augment] {
            (options.augment, options.pixelScale, checks) = try augmentation(text, data: data, force: args[force] ?? false, monitor: context.monitor)
        } else if args.wasGiven(force) {
            throw CommandError("force= lets augment= use transformations that change labels; there is no augment=; e.g. train augment=flip force=on")
        }
        let perEpoch = options.iterationsPerEpoch(trainingExamples: data.train.count)
        let work = model.blueprint.multiplyAdds * (3 * Double(perEpoch * options.batch) + Double(min(1000, data.train.count) + data.val.count)) * Double(options.epochs)
        let hasDropout = model.blueprint.layers.contains { if case .dropout = $0 { return true } else { return false } }
        let withBaseline = args[baseline] ?? false
        if withBaseline, !hasDropout {
            throw CommandError("baseline=on compares a model with dropout against the same net without it, and this model has no dropout; e.g. model \(data.featureCount)-100-\(data.classes) dropout=0.5, then train baseline=on")
        }
        guard work * (withBaseline ? 2 : 1) <= budget else {
            throw CommandError("this run would take about \(Format.sci(work)) multiply-adds, more than the \(Format.sci(budget)) (about a minute) train accepts; use fewer epochs, a smaller batch or a smaller model")
        }
        var twinReport: TrainReport? = nil
        if withBaseline {
            var twin: TrainedModel
            do { twin = try DropoutComparison.twin(of: model) } catch { throw CommandError.from(error, command: "train") }
            var twinRNG = context.session.rng
            let r = try Trainer.train(&twin, data: data, options: options, rng: &twinRNG, monitor: context.monitor)
            if r.stop == .interrupted {
                throw CommandError("interrupted while training the baseline without dropout; the model is unchanged")
            }
            twinReport = r
        }
        var report = try Trainer.train(&model, data: data, options: options, rng: &context.session.rng, monitor: context.monitor)
        context.session.model = model
        if options.clip != nil, !report.grad_norm_history.isEmpty { context.session.lastFigure = gradientFigure(report) }
        report.augment_checks = checks
        if let t = twinReport, let k = report.dropout_keep {
            report.dropout_comparison = DropoutComparison(without: t, with: report, keep: k)
        }
        model.lastRun = report
        context.session.model = model
        return report
    }
}

extension TrainCommand {
    /// `value:G`, `norm:C` or `sign`.
    static func parseClip(_ text: String) throws -> GradientClip {
        let example = "e.g. train clip=norm:5, clip=value:1 or clip=sign"
        let parts = text.lowercased().split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        switch parts.first ?? "" {
        case "sign":
            guard parts.count == 1 else { throw CommandError("clip=sign takes no number, got '\(text)'; \(example)") }
            return .sign
        case "value", "norm":
            guard parts.count == 2, let v = Double(parts[1]), v.isFinite, v > 0, v <= 1e9 else {
                throw CommandError("clip=\(parts[0]): needs a positive threshold up to 1e9 after the colon, got '\(text)'; \(example)")
            }
            return parts[0] == "value" ? .value(v) : .norm(v)
        default:
            throw CommandError("clip must be value:G, norm:C or sign, got '\(text)'; \(example)")
        }
    }

    /// The transformations of `augment=`, each checked with the augment command's judge (refused
    /// when it turns most of some class into others, unless forced), and the pixel scale of the
    /// standardized digits.
    static func augmentation(_ text: String, data: Dataset, force: Bool, monitor: Monitor) throws
        -> ([Augmentation], PixelScale?, [AugmentCheck]) {
        let example = "e.g. train augment=shift,noise"
        guard data.inputShape.count == 3 else {
            throw CommandError("augment= transforms images, and \(data.name) holds points of shape \(Tensor.describe(data.inputShape)); \(example) after data digits")
        }
        var kinds: [Augmentation] = []
        for word in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let k = Augmentation(rawValue: word.lowercased()) else {
                throw CommandError("augment= takes \(Augmentation.names.joined(separator: ", ")) separated by commas, got '\(word)'; \(example)")
            }
            guard !kinds.contains(k) else { throw CommandError("augment= names \(k.rawValue) twice; \(example)") }
            kinds.append(k)
        }
        // The judge and the pixels: the digits as pixel/16, as the augment command uses them.
        var judgeData = data
        var scale: PixelScale? = nil
        if data.name == "digits" {
            let unit: Dataset
            do { unit = try Dataset.digits(scaling: .unit) } catch { throw CommandError.from(error, command: "train") }
            judgeData = unit
            let d = unit.featureCount, n = unit.train.count
            var mean = [Double](repeating: 0, count: d), std = [Double](repeating: 0, count: d)
            for i in 0..<n { for j in 0..<d { mean[j] += unit.train.x.data[i * d + j] } }
            for j in 0..<d { mean[j] /= Double(n) }
            for i in 0..<n { for j in 0..<d { let v = unit.train.x.data[i * d + j] - mean[j]; std[j] += v * v } }
            for j in 0..<d { std[j] = (std[j] / Double(n)).squareRoot(); if std[j] == 0 { std[j] = 1 } }
            // Standardized digits when the loaded features are (pixel/16 - mean) / std; else they are the pixels.
            let standardized = data.train.count == n && (0..<min(n, 20) * d).allSatisfy { k in
                Swift.abs((unit.train.x.data[k] - mean[k % d]) / std[k % d] - data.train.x.data[k]) < 1e-9
            }
            if standardized { scale = PixelScale(mean: mean, std: std) }
        }
        var checks: [AugmentCheck] = []
        for k in kinds {
            var judgeRNG = NumpyRandom(seed: 0)
            let r: AugmentExperiment.Report
            do { r = try AugmentExperiment.run(data: judgeData, transformation: k, amount: nil, index: 0, rng: &judgeRNG, monitor: monitor) } catch {
                throw CommandError.from(error, command: "train")
            }
            if r.run.interrupted { throw CommandError("interrupted while checking whether \(k.rawValue) keeps the labels; nothing was trained") }
            func names(_ v: String) -> [String] { r.classes.filter { $0.verdict == v }.map(\.class_name) }
            let check = AugmentCheck(transformation: k, keeps: names("keeps"), mostly_keeps: names("mostly keeps"), changes: names("changes"), forced: force)
            if !check.changes.isEmpty, !force {
                throw CommandError("augment=\(k.rawValue) would teach wrong labels: measured as `augment \(k.rawValue)` does, it turns most images of \(check.changes.joined(separator: ", ")) into other classes (\(k == .flip ? "a mirrored 2 is not a 2" : "an image that reads as another digit teaches the wrong label")); leave it out, or add force=on to train with it anyway")
            }
            checks.append(check)
        }
        return (kinds, scale, checks)
    }

    /// The gradient norm per iteration, for `save`.
    static func gradientFigure(_ r: TrainReport) -> Figure {
        var svg = SVGBuilder(width: 760, height: 340, title: "gradient norm per iteration")
        let pts = r.grad_norm_history.enumerated().compactMap { $0.element.isFinite && $0.element > 0 ? (Double($0.offset + 1), Foundation.log10($0.element)) : nil }
        svg.linePlot(pts, box: (60, 60, 660, 220), title: "log10 of the global gradient norm before clipping (\(r.options.clip?.text ?? "no clip"))", color: "#c0392b")
        return svg.figure(title: "gradient norm per iteration")
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
        case .finished, .exploded, .patience:
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
        out += regularizationLines(style)
        if examples_per_second > 0 { out.append("\(Format.grouped(Int(examples_per_second.rounded()))) examples/s, \(String(format: "%.2f", seconds)) s") }
        return out.joined(separator: "\n")
    }
}

extension TrainReport {
    /// The lines for the options beyond the Solver, each computed from this run's numbers.
    func regularizationLines(_ style: TextStyle) -> [String] {
        var out: [String] = []
        func say(_ s: String) { out += TextWrap.lines(s, width: style.width) }
        func pct(_ x: Double) -> String { String(format: "%.0f%%", 100 * x) }
        if let at = stopped_at, let e = best_epoch, let best = best_val_acc, let p = options.patience {
            say("early stopping (patience \(p)): validation accuracy had not improved on \(CFormat.f(best)) (epoch \(e)) for \(at - e) epochs, so the run stopped after epoch \(at) of \(options.epochs); the model kept is epoch \(e)'s")
        } else if let p = options.patience, stop == .finished, let e = best_epoch {
            say("early stopping (patience \(p)) did not trigger: the best epoch, \(e), was fewer than \(p + 1) epochs before the end")
        }
        if let g = gap, let e = best_epoch, let r = epochs.first(where: { $0.epoch == e }) {
            let dropout = dropout_keep.map { "dropout keeping \(Format.number($0))" } ?? "no dropout"
            say("train/val gap of the kept model (epoch \(e), \(dropout)\(batch_norm ? ", batch norm" : "")): train \(CFormat.f(r.train_acc)) - val \(CFormat.f(r.val_acc)) = \(String(format: "%.3f", g))")
            if let l = loss_gap, l.isFinite, e - 1 < train_loss_history.count {
                say("its data loss: val \(CFormat.f(val_loss_history[e - 1])) - train \(CFormat.f(train_loss_history[e - 1])) = \(String(format: "%.3f", l))")
            }
            if let k = dropout_keep, let m = last_epoch_mean_cost, let t = train_loss_history.last, m.isFinite, t.isFinite {
                let pen = options.reg > 0 ? " (penalty included)" : ""
                say("with dropout's masks (keep \(Format.number(k))) the last epoch's batches cost \(CFormat.f(m)) on average\(pen); the first \(train_acc_examples) training examples in test mode (every unit, no masks) cost \(CFormat.f(t))" + (m > t ? ": the masks make the training data harder to fit" : ": the masks did not raise the cost"))
            }
            if let f = final_gap { say("train/val gap over the last \(min(5, epochs.count)) epochs: \(String(format: "%.3f", f)) on average") }
        }
        if let c = dropout_comparison, let a = c.without_gap, let b = c.with_gap {
            let f = { (x: Double) in String(format: "%.3f", x) }
            let acc = "best val accuracy \(c.without_best_val_acc.map(CFormat.f) ?? "-") without, \(c.with_best_val_acc.map(CFormat.f) ?? "-") with"
            switch c.verdict {
            case "narrowed": say("dropout (keep \(Format.number(c.keep))) narrowed the train/val gap from \(f(a)) (the same net without it, same start) to \(f(b)); \(acc)")
            case "widened": say("dropout (keep \(Format.number(c.keep))) did not narrow the train/val gap: \(f(a)) without it (same start), \(f(b)) with; \(acc)")
            case "about the same": say("dropout (keep \(Format.number(c.keep))) left the train/val gap about the same: \(f(a)) without it (same start), \(f(b)) with, within \(DropoutComparison.tolerance); \(acc)")
            default: say("the comparison with the net without dropout was not measured")
            }
            if let la = c.without_loss_gap, let lb = c.with_loss_gap, la.isFinite, lb.isFinite {
                say("in data loss (val - train) the gap is \(f(la)) without dropout and \(f(lb)) with")
            }
        }
        if options.reg > 0, let data = final_data_loss, let pen = final_penalty {
            say("\(options.penalty.rawValue.uppercased()) penalty, reg \(Format.number(options.reg)): the last batch's loss \(CFormat.f(data + pen)) = data loss \(CFormat.f(data)) + penalty \(CFormat.f(pen)) (\(pct(data + pen > 0 ? pen / (data + pen) : 0)) of it)")
        }
        if options.reg > 0 || options.clip == .sign, let w = weights_after, w.count > 0 {
            let before = weights_before.map { " (before the run: \(Format.grouped($0.near_zero)), mean |w| \(String(format: "%.4f", $0.mean_abs)))" } ?? ""
            say("weights: \(Format.grouped(w.near_zero)) of \(Format.grouped(w.count)) (\(pct(w.near_zero_fraction))) have |w| < \(Format.number(w.threshold)), mean |w| \(String(format: "%.4f", w.mean_abs))\(before)")
            // Bars on a log scale, log(1 + count), so the bins beside a tall middle one still show.
            let spark = Sparkline.render(w.histogram.map { Foundation.log1p(Double($0)) })
            let lo = "-" + Format.short6(w.limit), hi = Format.short6(w.limit)
            let line = "  " + lo + " " + spark + " " + hi
            if line.count <= style.width { out.append(line) }
            let mid = w.histogram.count / 2
            say("  histogram (bar heights log(1 + count)) of the \(w.histogram.count) bins over [-\(Format.short6(w.limit)), \(Format.short6(w.limit))]; the middle bin holds \(Format.grouped(w.histogram[mid])) weights (\(pct(w.count > 0 ? Double(w.histogram[mid]) / Double(w.count) : 0)))")
        }
        if augmented_examples > 0 {
            say("augmented \(Format.grouped(augmented_examples)) training examples on the fly with \(options.augment.map(\.rawValue).joined(separator: ", ")) (each drawn afresh)")
            for c in augment_checks where !c.changes.isEmpty {
                say("\(c.transformation.rawValue) turns most of \(c.changes.joined(separator: ", ")) into other classes (forced)")
            }
        }
        if let c = options.clip, !grad_norm_history.isEmpty {
            let finite = grad_norm_history.filter(\.isFinite).sorted()
            let median = finite.isEmpty ? Double.nan : finite[finite.count / 2]
            say("gradient norm before clipping: median \(Format.short6(median)), largest \(Format.short6(finite.last ?? .nan)); clip=\(c.text) changed \(clipped_iterations) of \(grad_norm_history.count) iterations")
            let w = max(20, min(61, style.width - 12))
            var p = Plot(width: w, height: 8)
            p.add("*", "log10 gradient norm per iteration", grad_norm_history.enumerated().compactMap { $0.element > 0 && $0.element.isFinite ? (Double($0.offset + 1), Foundation.log10($0.element)) : nil })
            out.append(p.render(style))
        }
        return out
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

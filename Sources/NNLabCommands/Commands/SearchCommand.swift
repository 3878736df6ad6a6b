import Foundation
import NNLabCore
import NNLabExperiments

/// `search [random|grid|refine|compare] [lr=LOW..HIGH] [reg=LOW..HIGH] [trials=] [epochs=] ...`:
/// the lecture's coarse-to-fine hyperparameter search on the session's data and model.
public struct SearchCommand: Command {
    enum Mode: String, Choice { case random, grid, refine, compare }
    enum StopRule: String, Choice { case threeX = "3x", off }

    /// Calibrated on the digits with a 64-100-10 net and 5 epochs of SGD: the good region (val
    /// accuracy above 0.9) lies inside, explosions at the top end are cut by the 3x rule.
    static let defaultLR = (1e-3, 1e1)
    static let defaultReg = (1e-6, 1e0)
    /// Ranges a compare uses for reg: too small to matter next to the data loss.
    static let negligibleReg = (1e-8, 1e-7)

    static let mode = Arg.choice("mode", Mode.self, default: .random, positional: true,
                                 help: "random (log-space samples), grid, refine (narrow around the last search's best), compare (random against grid)")
    static let lr = Arg.text("lr", help: "learning-rate range LOW..HIGH, sampled in log space (default 1e-3..1e1)")
    static let reg = Arg.text("reg", help: "L2 strength range LOW..HIGH, sampled in log space (default 1e-6..1e0)")
    static let trials = Arg.integer("trials", 1...1000, help: "settings to try (default 100; compare: 16, a 4 x 4 grid)")
    static let epochs = Arg.integer("epochs", 1...100, help: "epochs each trial trains (default 5: the coarse stage)")
    static let update = Arg.choice("update", UpdateKind.self, default: .sgd, help: "update rule of every trial")
    static let batch = Arg.integer("batch", 1...10_000, default: 100, help: "examples per mini-batch")
    static let stop = Arg.choice("stop", StopRule.self, default: .threeX, help: "3x: cut a trial whose cost passes 3 times its first batch's (default on)")
    static let log = Arg.choice("log", Switch.self, default: .on, help: "off: no line per trial, only the summary")

    /// The largest search accepted: 4 x 10^11 multiply-adds over all trials (about a minute on two cores).
    static let budget = 4e11

    public static let spec = CommandSpec(
        name: "search", topic: .training,
        summary: "hyperparameter search: sample lr and reg in log space, train each for a few epochs, keep the best",
        discussion: """
            Each trial builds the session's model afresh and trains it for a few epochs (the coarse stage) at one \
            setting, printing the lecture's line val_acc, lr, reg, (i / n). Trial i draws its setting (lr first, then \
            reg, each 10^uniform(log10 low, log10 high)) and then its weights and batches from its own generator, \
            numpy's RandomState([seed, i]), so trials run on both cores and still print the same lines after the same \
            seed, in trial order. A grid takes the largest g x g grid that fits in the trials, evenly spaced in log \
            space. Trials whose cost passes 3 times their first cost are cut (the 3x rule, stop=off keeps them). \
            search refine searches again around the best fifth of the last search's trials (the fine stage). \
            search compare runs random and grid search with the same budget on a problem where only the learning \
            rate matters and counts the distinct learning rates each tried. Ctrl-C keeps the finished trials.
            """,
        arguments: [mode.spec, lr.spec, reg.spec, trials.spec, epochs.spec, update.spec, batch.spec, stop.spec, log.spec],
        fields: [
            FieldDoc("strategy, ranges, epochs, workers", "how the search ran (compare: random and grid, each a search)"),
            FieldDoc("trials", "each finished trial: trial, planned, lr, reg, val_acc, train_acc, epochs, cut"),
            FieldDoc("best", "the trial with the highest validation accuracy"),
            FieldDoc("cut_count", "trials the 3x rule cut"),
            FieldDoc("run", "completed and planned trials, interrupted"),
            FieldDoc("random, grid", "compare: the two searches, each with the fields above"),
        ],
        examples: [
            Example("search trials=20 epochs=3", "a quick coarse search", after: "data digits; model 64-100-10"),
            Example("search refine trials=10", "the fine stage around the best", after: "data digits; model 64-100-10; search trials=20 epochs=3"),
            Example("search compare trials=9 epochs=3", "random against grid: 9 learning rates against 3", after: "data digits; model 64-100-10"),
            Example("search lr=1e-3..1e-6", "refused: the low end must come first", fails: true),
        ])

    static func range(_ name: String, _ text: String?, default d: (Double, Double)) throws -> SearchRange {
        guard let text else { return try SearchRange(name, d.0, d.1) }
        let parts = text.components(separatedBy: "..")
        guard parts.count == 2, let a = Double(parts[0]), let b = Double(parts[1]) else {
            throw CommandError("\(name)=\(text) is not a range: write LOW..HIGH with two positive numbers, e.g. \(name)=\(Format.sci(d.0))..\(Format.sci(d.1))")
        }
        do { return try SearchRange(name, a, b) } catch { throw CommandError("\(error)") }
    }

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        guard let data = context.session.data else { throw CommandError("no data loaded: try `data digits`") }
        guard let model = context.session.model else {
            throw CommandError("no model yet: search trains the session's model; build one with model \(data.featureCount)-100-\(data.classes)")
        }
        let m = try args.value(mode)
        let previous = context.session.lastSearch
        if m == .refine, previous == nil { throw CommandError("search refine narrows the last search's ranges, and there is none yet: run search first, e.g. search trials=20") }
        if m == .refine, args.wasGiven(lr) || args.wasGiven(reg) {
            throw CommandError("search refine chooses its ranges from the last search's best trials; give ranges to a new search instead, e.g. search lr=1e-2..1e0")
        }
        if m == .compare, args.wasGiven(reg) {
            throw CommandError("search compare fixes reg to a range too small to matter (only lr matters there); leave reg= out")
        }
        let n = args[trials] ?? (m == .compare ? 16 : previous.map { m == .refine ? $0.run.planned : 100 } ?? 100)
        let e = args[epochs] ?? (m == .refine ? previous?.epochs ?? 5 : 5)
        let kind = try args.value(update)
        let b = try args.value(batch)
        let cut = try args.value(stop) == .threeX
        let lrRange: SearchRange, regRange: SearchRange
        switch m {
        case .refine:
            let refined = previous?.refinedRanges() ?? []
            lrRange = try refined.first { $0.name == "lr" } ?? range("lr", nil, default: defaultLR)
            regRange = try refined.first { $0.name == "reg" } ?? range("reg", nil, default: defaultReg)
        case .compare:
            lrRange = try range("lr", args[lr], default: defaultLR)
            regRange = try range("reg", nil, default: negligibleReg)
        case .random, .grid:
            lrRange = try range("lr", args[lr], default: defaultLR)
            regRange = try range("reg", args[reg], default: defaultReg)
        }
        let perEpoch = max(data.train.count / b, 1)
        let perTrial = model.blueprint.multiplyAdds * (3 * Double(perEpoch * b) + Double(min(1000, data.train.count) + data.val.count)) * Double(e)
        let work = perTrial * Double(n) * (m == .compare ? 2 : 1)
        guard work <= budget else {
            throw CommandError("this search would take about \(Format.sci(work)) multiply-adds, more than the \(Format.sci(budget)) (about a minute) search accepts; use fewer trials or epochs, or a smaller model")
        }
        let blueprint = model.blueprint
        let runner: SearchExperiment.Runner = { point, rng, monitor in
            var trial = try TrainedModel.build(blueprint, rng: &rng)
            let options = try TrainingOptions(epochs: e, learningRate: point.lr, reg: point.reg, update: kind, batch: b, stopAt3x: cut)
            let r = try Trainer.train(&trial, data: data, options: options, rng: &rng, monitor: monitor)
            if r.stop == .interrupted { return TrialOutcome(valAccuracy: 0, trainAccuracy: 0, epochs: r.epochs.count, interrupted: true) }
            var why: String?
            if r.stop == .exploded, let at = r.exploded_at, let first = r.initial_cost {
                let c = r.loss_history[at - 1]
                why = "cost \(CFormat.f(c)) passed 3 x the first \(CFormat.f(first)) at iteration \(at)"
            }
            let val = try r.best_val_acc ?? trial.accuracy(data.val.x, data.val.y).accuracy
            return TrialOutcome(valAccuracy: val, trainAccuracy: r.train_acc_history.last ?? .nan, epochs: r.epochs.count, cut: why)
        }
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let monitor = try args.value(log).isOn ? context.monitor : Monitor(interrupt: context.interrupt)
        let seed = context.session.seed
        func search(_ s: SearchStrategy, _ lr: SearchRange, _ reg: SearchRange) throws -> SearchReport {
            do {
                return try SearchExperiment.run(s, lr: lr, reg: reg, trials: n, epochs: e, seed: seed,
                                                workers: workers, monitor: monitor, runner: runner)
            } catch let error as NumericsError { throw CommandError("\(error)") }
        }
        switch m {
        case .compare:
            let r = try search(.random, lrRange, regRange)
            // After Ctrl-C the grid starts no trial and comes back empty, marked interrupted.
            let g = try search(.grid, lrRange, regRange)
            return SearchComparison(random: r, grid: g)
        case .random, .grid, .refine:
            let strategy: SearchStrategy = m == .grid ? .grid : .random
            let report = try search(strategy, lrRange, regRange)
            context.session.lastSearch = report
            context.session.lastFigure = report.figure(dataName: data.name)
            return report
        }
    }
}

extension SearchTrial: TextRecord {
    public func renderLine(_ style: TextStyle) -> String { line + (cut != nil ? "  (cut by the 3x rule)" : "") }
}

extension SearchReport {
    /// Validation accuracy against lr and against reg, log axes; red points were cut by the 3x rule.
    func figure(dataName: String) -> Figure {
        var svg = SVGBuilder(width: 760, height: 340, title: "\(strategy.rawValue) search on \(dataName): \(trials.count) trials of \(epochs) epochs")
        let colored = trials.map { (t: $0, color: $0.cut == nil ? "#1f77b4" : "#d62728") }
        svg.scatter(colored.map { (x: $0.t.lr, y: $0.t.valAccuracy, color: $0.color) }, box: (60, 50, 300, 240), title: "val accuracy against lr", xLabel: "lr (log scale)", logX: true)
        svg.scatter(colored.map { (x: $0.t.reg, y: $0.t.valAccuracy, color: $0.color) }, box: (420, 50, 300, 240), title: "val accuracy against reg", xLabel: "reg (log scale)", logX: true)
        return svg.figure(title: "search")
    }

    /// The terminal scatter: validation accuracy against log10(lr).
    func plot(_ style: TextStyle) -> String {
        var p = Plot(width: max(20, min(61, style.width - 12)), height: 12)
        p.add("o", "val accuracy against log10(lr)", trials.filter { $0.cut == nil }.map { (log10($0.lr), $0.valAccuracy) })
        let cutPoints = trials.filter { $0.cut != nil }.map { (log10($0.lr), $0.valAccuracy) }
        if !cutPoints.isEmpty { p.add("x", "cut by the 3x rule", cutPoints) }
        return p.render(style)
    }
}

extension SearchReport: CommandOutput {
    public func renderText(_ style: TextStyle) -> String {
        var out: [String] = []
        func say(_ s: String) { out += TextWrap.lines(s, width: style.width) }
        let spans = ranges.map { "\($0.name) \(Format.sci($0.low))..\(Format.sci($0.high))" }.joined(separator: ", ")
        say("\(strategy.rawValue) search over \(spans) (log space), \(run.planned) trials of \(epochs) epochs, \(workers) at a time")
        if run.interrupted { say(run.describe("trials")) }
        if let best {
            say("best: val_acc \(CFormat.f(best.valAccuracy)) at lr \(String(format: "%e", best.lr)), reg \(String(format: "%e", best.reg)) (trial \(best.trial))")
        } else {
            say("no trial finished, so there is no best setting")
        }
        if cutCount > 0 { say("\(cutCount) of \(trials.count) trials were cut by the 3x rule: their cost passed 3 times their first cost (learning rate too high)") }
        if !trials.isEmpty {
            out.append(plot(style))
            let next = refinedRanges().map { "\($0.name) \(Format.sci($0.low))..\(Format.sci($0.high))" }.joined(separator: ", ")
            say("search refine would search \(next) next (around the best fifth of these trials); save FILE.svg draws val accuracy against lr and reg")
        }
        return out.joined(separator: "\n")
    }
}

extension SearchComparison: CommandOutput {
    public func renderText(_ style: TextStyle) -> String {
        var out: [String] = []
        func say(_ s: String) { out += TextWrap.lines(s, width: style.width) }
        let reg = grid.ranges.first { $0.name == "reg" }.map { "\(Format.sci($0.low))..\(Format.sci($0.high))" } ?? ""
        say("random against grid search, the same budget, where only lr matters (reg \(reg) is too small to change the loss):")
        for r in [random, grid] {
            let best = r.best.map { "best val_acc \(CFormat.f($0.valAccuracy)) at lr \(String(format: "%e", $0.lr))" } ?? "no trial finished"
            say("  \(r.strategy.rawValue): \(r.trials.count) trials, \(r.distinctLearningRates) distinct learning rates, \(best)")
        }
        if random.run.interrupted || grid.run.interrupted {
            say("interrupted: the comparison is incomplete, so no conclusion is drawn")
            return out.joined(separator: "\n")
        }
        switch winner {
        case "random":
            say("random search found the better setting, having tried \(random.distinctLearningRates) learning rates to the grid's \(grid.distinctLearningRates): a grid spends most of its trials repeating values of the parameter that matters")
        case "grid":
            say("the grid found the better setting this time, though it tried \(grid.distinctLearningRates) learning rates to random search's \(random.distinctLearningRates); with this few trials luck decides which wins, but random search always covers more values of the parameter that matters")
        default:
            say("both found the same validation accuracy; random search tried \(random.distinctLearningRates) learning rates to the grid's \(grid.distinctLearningRates)")
        }
        return out.joined(separator: "\n")
    }
}

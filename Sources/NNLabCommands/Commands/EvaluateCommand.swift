import Foundation
import NNLabCore
import NNLabExperiments

extension Dataset.Split: Choice {}

/// `evaluate [train|val|test]`: accuracy and confusion matrix of the current model on a split.
public struct EvaluateCommand: Command {
    static let split = Arg.choice("SPLIT", Dataset.Split.self, default: .val, positional: true, help: "which part of the data")
    static let mc = Arg.integer("mc", 1...1000, help: "for a model with dropout: also average the softmax over this many masked passes (Monte Carlo) and compare with the single scaled pass")

    /// The most multiply-adds `evaluate mc=` accepts: 2 x 10^10, a few seconds.
    static let budget = 2e10

    public static let spec = CommandSpec(
        name: "evaluate", topic: .training,
        summary: "accuracy and confusion matrix of the model on the train, val or test part",
        discussion: """
            Predicts every example of the part in test mode (no dropout, batch norm's running averages) and \
            counts: accuracy = correct / N; the confusion matrix's row i, column j counts examples of class i \
            predicted as j (the diagonal is correct); per class, the fraction of its examples recognized. Keep \
            the test part for the very end: choosing anything by its accuracy makes it a second validation set. \
            With mc=T on a model with dropout it instead compares the two ways of predicting at test time: the single \
            pass (inverted dropout already scaled the kept units by 1/p in training, so the test pass uses every unit as \
            it is) against the average of the softmax probabilities of T passes with fresh masks drawn from the session's \
            generator: both accuracies, the fraction of examples on which they predict the same class, and the mean \
            absolute difference of the probabilities. Ctrl-C stops between passes and averages the passes done.
            """,
        arguments: [split.spec, mc.spec],
        fields: [
            FieldDoc("split, examples, correct, accuracy", "the part and how the model did"),
            FieldDoc("confusion", "rows: true class, columns: predicted class"),
            FieldDoc("class_names", "the name of each class, in label order"),
            FieldDoc("per_class", "each class's recall: correct / examples of the class"),
            FieldDoc("worst", "the most frequent confusion: true, predicted, count"),
            FieldDoc("passes, keep", "with mc=: masked passes averaged and the dropout keep probability"),
            FieldDoc("single_accuracy, mc_accuracy", "with mc=: the single scaled pass's accuracy and the Monte Carlo average's"),
            FieldDoc("agreement, mean_abs_prob_diff", "with mc=: fraction of examples both predict the same; mean |p_single - p_mc|"),
            FieldDoc("mc_accuracy_by_passes", "with mc=: the average's accuracy after 1, 2, 5, 10, ... passes and after the last"),
            FieldDoc("run", "with mc=: completed and planned passes, interrupted (Ctrl-C stops between passes)"),
        ],
        examples: [Example("evaluate", "validation accuracy and confusions", after: "data digits; model 64-100-10; train epochs=5 lr=0.5"),
                   Example("evaluate test", "once, at the end", after: "data digits; model 64-100-10"),
                   Example("evaluate mc=100", "one scaled pass against 100 masked passes", after: "data digits; model 64-100-10 dropout=0.5; train epochs=5 lr=0.5"),
                   Example("evaluate mc=10", "refused: a model without dropout has nothing to average", fails: true, after: "data digits; model 64-100-10")])

    public struct Confusion: Codable, Sendable { public var truth: String; public var predicted: String; public var count: Int }

    public struct Report: CommandOutput {
        public var split: String
        public var examples: Int
        public var correct: Int
        public var accuracy: Double
        public var class_names: [String]
        public var confusion: [[Int]]
        public var per_class: [Double?]
        public var worst: Confusion?

        public func renderText(_ style: TextStyle) -> String {
            var out = [style.bold("\(split): \(correct) of \(examples) correct, accuracy \(CFormat.f(accuracy))")]
            let c = class_names.count
            let cell = max(3, (confusion.flatMap { $0 }.max() ?? 0).description.count, class_names.map(\.count).max() ?? 1)
            let tableWidth = 8 + (cell + 1) * c + 8
            if tableWidth <= style.width || style.wide {
                var t = Table(["true\\pred"] + class_names + ["recall"], align: [.left] + Array(repeating: .right, count: c + 1))
                for (i, row) in confusion.enumerated() { t.add([class_names[i]] + row.map(String.init) + [per_class[i].map { String(format: "%.3f", $0) } ?? "-"]) }
                out.append(t.render(style, indent: "  "))
            } else {
                out.append("  (the \(c)x\(c) confusion matrix needs \(tableWidth) columns: --wide shows it)")
                var t = Table(["class", "recall"], align: [.left, .right])
                for (i, r) in per_class.enumerated() { t.add([class_names[i], r.map { String(format: "%.3f", $0) } ?? "-"]) }
                out.append(t.render(style, indent: "  "))
            }
            if let w = worst {
                out += TextWrap.lines("most frequent mistake: \(w.truth) taken for \(w.predicted), \(w.count) time\(w.count == 1 ? "" : "s")", width: style.width, indent: "  ")
            } else {
                out.append("  no mistakes")
            }
            return out.joined(separator: "\n")
        }
    }

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        guard let data = context.session.data else { throw ModelCommand.noData }
        guard var model = context.session.model else { throw ModelCommand.noModel }
        let s = try args.value(split)
        let part = data.part(s)
        guard part.count > 0 else { throw CommandError("the \(s.rawValue) part of \(data.name) is empty") }
        if let passes = args[mc] {
            guard model.blueprint.layers.contains(where: { if case .dropout = $0 { return true } else { return false } }) else {
                throw CommandError("mc= averages passes with dropout masks, and this model has no dropout, so every pass is the same; build one with e.g. model \(data.featureCount)-100-\(data.classes) dropout=0.5")
            }
            let work = model.blueprint.multiplyAdds * Double(part.count) * Double(passes)
            guard work <= budget else {
                throw CommandError("mc=\(passes) on \(part.count) examples would take about \(Format.sci(work)) multiply-adds, more than the \(Format.sci(budget)) evaluate accepts; use fewer passes, e.g. evaluate mc=100")
            }
            do {
                return try MonteCarloDropout.run(model, x: part.x, y: part.y, split: s.rawValue, passes: passes, rng: &context.session.rng, monitor: context.monitor)
            } catch { throw CommandError.from(error, command: "evaluate") }
        }
        let (acc, pred) = try model.accuracy(part.x, part.y)
        let c = data.classes
        var m = Array(repeating: Array(repeating: 0, count: c), count: c)
        for (t, p) in zip(part.y, pred) where p >= 0 && p < c { m[t][p] += 1 }
        let perClass = (0..<c).map { i -> Double? in
            let n = m[i].reduce(0, +)
            return n == 0 ? nil : Double(m[i][i]) / Double(n)
        }
        var worst: Confusion? = nil
        for i in 0..<c { for j in 0..<c where i != j && m[i][j] > (worst?.count ?? 0) {
            worst = Confusion(truth: data.classNames[i], predicted: data.classNames[j], count: m[i][j])
        } }
        let correct = (0..<c).reduce(0) { $0 + m[$1][$1] }
        return Report(split: s.rawValue, examples: part.count, correct: correct, accuracy: acc, class_names: data.classNames,
                      confusion: m, per_class: perClass, worst: worst)
    }
}

extension MonteCarloDropout.Report: CommandOutput {
    public func renderText(_ style: TextStyle) -> String {
        var out = [style.bold("\(split): the single scaled pass against the average of \(passes) masked passes (keep \(Format.number(keep)))")]
        func say(_ s: String) { out += TextWrap.lines(s, width: style.width, indent: "  ") }
        if run.interrupted { say("interrupted after \(run.completed) of \(run.planned) passes: the average is over those \(run.completed)") }
        var t = Table(["prediction", "accuracy"], align: [.left, .right])
        t.add(["single pass (test mode)", CFormat.f(single_accuracy)])
        for p in mc_accuracy_by_passes { t.add(["average of \(p.passes) masked pass\(p.passes == 1 ? "" : "es")", CFormat.f(p.accuracy)]) }
        out.append(t.render(style, indent: "  "))
        let diff = mc_accuracy - single_accuracy
        let verdict: String
        if Swift.abs(diff) <= 0.01 {
            verdict = "within 0.01 of each other (\(String(format: "%+.3f", diff))): the one scaled pass stands in for the average at 1/\(passes) of the cost"
        } else if diff > 0 {
            verdict = "the average is \(String(format: "%.3f", diff)) more accurate than the single pass"
        } else {
            verdict = "the single pass is \(String(format: "%.3f", -diff)) more accurate than the average"
        }
        say("accuracy \(CFormat.f(single_accuracy)) single, \(CFormat.f(mc_accuracy)) averaged: \(verdict)")
        say("they predict the same class for \(String(format: "%.1f%%", 100 * agreement)) of the \(examples) examples; mean |p_single - p_mc| over examples and classes \(String(format: "%.4f", mean_abs_prob_diff))")
        return out.joined(separator: "\n")
    }
}

import Foundation
import NNLabCore
import NNLabExperiments

extension Dataset.Split: Choice {}

/// `evaluate [train|val|test]`: accuracy and confusion matrix of the current model on a split.
public struct EvaluateCommand: Command {
    static let split = Arg.choice("SPLIT", Dataset.Split.self, default: .val, positional: true, help: "which part of the data")

    public static let spec = CommandSpec(
        name: "evaluate", topic: .training,
        summary: "accuracy and confusion matrix of the model on the train, val or test part",
        discussion: """
            Predicts every example of the part in test mode (no dropout, batch norm's running averages) and \
            counts: accuracy = correct / N; the confusion matrix's row i, column j counts examples of class i \
            predicted as j (the diagonal is correct); per class, the fraction of its examples recognized. Keep \
            the test part for the very end: choosing anything by its accuracy makes it a second validation set.
            """,
        arguments: [split.spec],
        fields: [
            FieldDoc("split, examples, correct, accuracy", "the part and how the model did"),
            FieldDoc("confusion", "rows: true class, columns: predicted class"),
            FieldDoc("class_names", "the name of each class, in label order"),
            FieldDoc("per_class", "each class's recall: correct / examples of the class"),
            FieldDoc("worst", "the most frequent confusion: true, predicted, count"),
        ],
        examples: [Example("evaluate", "validation accuracy and confusions", after: "data digits; model 64-100-10; train epochs=5 lr=0.5"),
                   Example("evaluate test", "once, at the end", after: "data digits; model 64-100-10")])

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

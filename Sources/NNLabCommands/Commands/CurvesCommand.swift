import Foundation
import NNLabCore
import NNLabExperiments

/// `curves`: the last training run's loss per iteration and accuracies per epoch.
public struct CurvesCommand: Command {
    public static let spec = CommandSpec(
        name: "curves", topic: .training,
        summary: "the last train's loss per iteration and train/val accuracy per epoch, as plots (save FILE.svg writes them)",
        discussion: """
            Plots the cost of every iteration of the model's last train, and the train and validation accuracy \
            after each epoch, fitted to the screen's width. The gap between train and validation accuracy is \
            what overfitting looks like: a large gap asks for more regularization, no gap with low accuracy \
            for a bigger model. Costs that overflowed (inf, nan) are left out of the plot and counted. Sets the \
            figure `save FILE.svg` writes.
            """,
        fields: [
            FieldDoc("iterations, epochs", "how many points each plot has"),
            FieldDoc("loss", "every iteration's cost"),
            FieldDoc("train_acc, val_acc", "accuracies per epoch"),
            FieldDoc("gap", "final train accuracy minus final validation accuracy"),
            FieldDoc("non_finite", "iterations whose cost was inf or nan (not plotted)"),
            FieldDoc("notes", "what the curves show"),
        ],
        examples: [Example("curves", "after a train", after: "data digits; model 64-100-10; train epochs=5 lr=0.5")])

    public struct Report: CommandOutput {
        public var iterations: Int
        public var epochs: Int
        public var loss: [Double]
        public var train_acc: [Double]
        public var val_acc: [Double]
        public var gap: Double?
        public var non_finite: Int
        public var notes: [String]

        public func renderText(_ style: TextStyle) -> String {
            let w = max(20, style.width - 14)
            var out = [style.bold("loss per iteration (\(iterations) iterations)")]
            var p = Plot(width: w, height: 10)
            p.add("*", "cost", loss.enumerated().compactMap { $0.element.isFinite ? (Double($0.offset + 1), $0.element) : nil })
            out.append(p.render(style))
            out.append(style.bold("accuracy per epoch (\(epochs) epochs)"))
            var q = Plot(width: w, height: 10)
            q.add("t", "train", train_acc.enumerated().map { (Double($0.offset + 1), $0.element) })
            q.add("v", "val", val_acc.enumerated().map { (Double($0.offset + 1), $0.element) })
            out.append(q.render(style))
            for n in notes { out += TextWrap.lines(n, width: style.width, indent: "  ") }
            return out.joined(separator: "\n")
        }
    }

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        guard let m = context.session.model else { throw ModelCommand.noModel }
        guard let r = m.lastRun, !r.loss_history.isEmpty else {
            throw CommandError("the model has not been trained yet: run train first, e.g. train epochs=10 lr=0.1 update=momentum")
        }
        var notes: [String] = []
        let bad = r.loss_history.filter { !$0.isFinite }.count
        if bad > 0 { notes.append("\(bad) of \(r.loss_history.count) iterations had cost inf or nan and are not plotted") }
        var gap: Double? = nil
        if let t = r.train_acc_history.last, let v = r.val_acc_history.last {
            gap = t - v
            let g = CFormat.f(t - v)
            if t - v > 0.05 {
                notes.append("train accuracy \(CFormat.f(t)) is \(g) above validation \(CFormat.f(v)): the model fits the training data better than it generalizes; more regularization (reg=, dropout) or more data would narrow the gap")
            } else if t < 0.9 {
                notes.append("train and validation accuracy are close (gap \(g)) but train accuracy is only \(CFormat.f(t)): the model underfits; train longer, raise the rate or use a bigger model")
            } else {
                notes.append("train \(CFormat.f(t)) and validation \(CFormat.f(v)) accuracy are within \(g): no sign of overfitting")
            }
        } else {
            notes.append("no epoch finished, so there are no accuracies to plot")
        }
        context.session.lastFigure = figure(r)
        return Report(iterations: r.loss_history.count, epochs: r.epochs.count, loss: r.loss_history, train_acc: r.train_acc_history,
                      val_acc: r.val_acc_history, gap: gap, non_finite: bad, notes: notes)
    }

    static func figure(_ r: TrainReport) -> Figure {
        var svg = SVGBuilder(width: 760, height: 620, title: "training curves")
        svg.linePlot(r.loss_history.enumerated().map { (Double($0.offset + 1), $0.element) }, box: (60, 60, 660, 220), title: "cost per iteration", color: "#c0392b")
        svg.linePlot(r.train_acc_history.enumerated().map { (Double($0.offset + 1), $0.element) }, box: (60, 340, 310, 220), title: "train accuracy per epoch", color: "#2c7fb8")
        svg.linePlot(r.val_acc_history.enumerated().map { (Double($0.offset + 1), $0.element) }, box: (410, 340, 310, 220), title: "validation accuracy per epoch", color: "#27ae60")
        return svg.figure(title: "training curves")
    }
}

import Foundation
import NNLabCore
import NNLabExperiments

/// `augment KIND [i=] [label=] [amount=]`: one training image before and after a transformation,
/// and whether the transformation keeps the label, judged by a nearest-neighbour classifier.
public struct AugmentCommand: Command {
    /// Required: a positional choice with no default would otherwise be optional.
    static let kind = Arg<Augmentation>(.positional("KIND", .choice(Augmentation.names), help: "the transformation"))
    static let index = Arg.integer("i", 0...Int(Int32.max), help: "which training image (default 0, or the first of label=)")
    static let label = Arg.integer("label", 0...99, help: "take the first training image of this class instead of i=")
    static let amount = Arg.real("amount", 0...180, help: "strength; default and range per kind: " + Augmentation.allCases.map {
        "\($0.rawValue) \(Format.number($0.defaultAmount)) (\(Format.number($0.amountRange.lowerBound)) to \(Format.number($0.amountRange.upperBound)))"
    }.joined(separator: ", "))

    public static let spec = CommandSpec(
        name: "augment", topic: .data,
        summary: "flip, shift, crop, rotate, noise or contrast a training image: before and after, and whether the label survives",
        discussion: """
            Works on the loaded image set (MNIST, CIFAR-10), or else on the digits scaled pixel/16. The transformation draws from the \
            session's generator: \
            \(Augmentation.allCases.map { "\($0.rawValue): amount is the \($0.amountMeaning)" }.joined(separator: "; ")). \
            Whether it keeps the label is measured, not asserted: a 1-nearest-neighbour classifier over the first \
            \(AugmentExperiment.referenceLimit) training images labels every one of them before and after the \
            transformation (each image's own copy excluded; each image may move by up to \(AugmentExperiment.slack) pixel each \
            way before it is compared, so position alone decides nothing). A class keeps its label when the fraction still labelled \
            correctly is within 0.05 of the fraction before; below 0.5 the transformation mostly turns it into \
            another class. A mirrored 2 is the usual example of the second kind.
            """,
        arguments: [kind.spec, index.spec, label.spec, amount.spec],
        fields: [
            FieldDoc("data, transformation, amount", "the setup"),
            FieldDoc("index, label, class_name, input_shape", "the image"),
            FieldDoc("before, after", "its pixels before and after"),
            FieldDoc("drawn", "the values drawn for it: dx, dy, angle, factor, top, left, ..."),
            FieldDoc("mean_change", "mean absolute pixel change"),
            FieldDoc("nearest_before, nearest_after", "its nearest neighbour's label before and after"),
            FieldDoc("reference_images", "training images the classifier uses"),
            FieldDoc("classes", "per class: label, class_name, images, unchanged, kept (fractions labelled correctly before and after), verdict"),
            FieldDoc("kept, unchanged", "the same fractions for this image's class"),
            FieldDoc("run", "completed, planned, interrupted: reference images transformed (Ctrl-C stops early; the class rows cover the completed ones)"),
        ],
        examples: [
            Example("augment flip label=2", "a mirrored 2: no longer a 2 by its nearest neighbours"),
            Example("augment shift amount=1", "moved by up to one pixel each way"),
            Example("augment rotate amount=15", "turned by up to 15 degrees"),
            Example("augment crop amount=0.9", "refused: crop cuts away at most 0.75 of each side", fails: true),
        ])

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        let kind = try args.value(Self.kind)
        let data: Dataset
        if let d = context.session.data, d.inputShape.count == 3, d.name != "digits" {
            data = d
        } else {
            // The digits as pixel/16: standardizing each pixel separately would not survive a flip or shift.
            do { data = try Dataset.digits(scaling: .unit) } catch { throw CommandError.from(error, command: "augment") }
        }
        var a: Double?
        if let x = args[Self.amount] {
            guard kind.amountRange.contains(x) else {
                throw CommandError("amount for \(kind.rawValue) must be from \(Format.number(kind.amountRange.lowerBound)) to \(Format.number(kind.amountRange.upperBound)) (the \(kind.amountMeaning)), got \(Format.number(x)); e.g. augment \(kind.rawValue) amount=\(Format.number(kind.defaultAmount))",
                                   token: args.offsets["amount"])
            }
            a = x
        }
        var i = args[Self.index] ?? 0
        if let l = args[Self.label] {
            guard args[Self.index] == nil else { throw CommandError("give i= or label=, not both; e.g. augment flip label=2") }
            guard let first = data.train.y.firstIndex(of: l) else {
                throw CommandError("no training image of \(data.name) has label \(l); labels are 0 to \(data.classes - 1); e.g. augment flip label=2",
                                   token: args.offsets["label"])
            }
            i = first
        }
        guard i < data.train.count else {
            throw CommandError("i must be a training image of \(data.name), 0 to \(data.train.count - 1), got \(i); e.g. augment \(kind.rawValue) i=\(data.train.count - 1)",
                               token: args.offsets["i"])
        }
        var rng = context.session.rng
        do {
            let r = try AugmentExperiment.run(data: data, transformation: kind, amount: a, index: i, rng: &rng, monitor: context.monitor)
            context.session.rng = rng
            return r
        } catch {
            throw CommandError.from(error, command: "augment")
        }
    }
}

extension Augmentation: Choice {}

extension AugmentExperiment.Report: CommandOutput {
    public func renderText(_ style: TextStyle) -> String {
        func pct(_ x: Double) -> String { x.isFinite ? String(format: "%.0f%%", 100 * x) : "-" }
        let name = class_name == String(label) ? "\(label)" : "\(label) (\(class_name))"
        var out = [style.bold("\(transformation.rawValue) on \(data) training image \(index)") + ", label \(name)"]
        let drawnText = drawn.keys.sorted().map { k in
            let v = drawn[k] ?? 0
            return "\(k) = " + (k == "angle" || k == "factor" ? String(format: "%.3f", v) : Format.number(v))
        }
        let settings = transformation == .flip ? "mirrored left to right" : "amount \(Format.number(amount)); drawn: " + (drawnText.isEmpty ? "nothing" : drawnText.joined(separator: ", "))
        out += DataCommand.wrap(settings, width: style.width, indent: "  ")
        // Before and after side by side, each in half the width.
        let half = max(8, (style.width - 6) / 2)
        let b = DataCommand.picture(before, shape: input_shape, maxWidth: half)
        let a = DataCommand.picture(after, shape: input_shape, maxWidth: half)
        let colWidth = max(6, b.lines.map(\.count).max() ?? 0, a.lines.map(\.count).max() ?? 0)
        out.append("  " + "before".padding(toLength: colWidth + 4, withPad: " ", startingAt: 0) + "after")
        for k in 0..<max(b.lines.count, a.lines.count) {
            let l = k < b.lines.count ? b.lines[k] : "", r = k < a.lines.count ? a.lines[k] : ""
            var line = "  " + l.padding(toLength: colWidth + 4, withPad: " ", startingAt: 0) + r
            while line.last == " " { line.removeLast() }
            out.append(line)
        }
        out += DataCommand.wrap(b.caption + "; mean absolute change \(String(format: "%.3f", mean_change))", width: style.width, indent: "  ").map { style.dim($0) }
        // The computed claims.
        let still = nearest_after == label
        out += DataCommand.wrap("nearest of the \(reference_images) training images (itself excluded, moved up to \(AugmentExperiment.slack) pixel to fit best): before a \(nearest_before), after a \(nearest_after)"
                                + (still ? ": by that measure it is still a \(label)" : ": by that measure it no longer reads as a \(label)"),
                                width: style.width, indent: "  ")
        if run.interrupted {
            out += DataCommand.wrap("interrupted after \(run.completed) of \(run.planned) reference images: the class table below covers those only, and no verdict is drawn from it",
                                    width: style.width, indent: "  ").map { style.bad($0) }
        }
        var t = Table(["class", "images", "labelled right before", "after \(transformation.rawValue)", "verdict"],
                      align: [.left, .right, .right, .right, .left])
        for c in classes { t.add([c.class_name, "\(c.images)", pct(c.unchanged), pct(c.kept), run.interrupted ? "-" : c.verdict]) }
        out.append(t.render(style, indent: "  "))
        func list(_ v: String) -> String { classes.filter { $0.verdict == v }.map(\.class_name).joined(separator: ", ") }
        let keeps = list("keeps"), mostly = list("mostly keeps"), changes = list("changes")
        var summary = "\(transformation.rawValue)"
        var parts: [String] = []
        if !keeps.isEmpty { parts.append("keeps the label of \(keeps)") }
        if !mostly.isEmpty { parts.append("mostly keeps \(mostly)") }
        if !changes.isEmpty { parts.append("turns most of \(changes) into other classes") }
        summary += " " + parts.joined(separator: "; ") + " (judged by the nearest neighbour: a label is kept when the share labelled right falls by at most 5 points)"
        if !run.interrupted { out += DataCommand.wrap(summary, width: style.width, indent: "  ") }
        return out.joined(separator: "\n")
    }
}

import Foundation
import NNLabCore
import NNLabExperiments

/// `sanity [reg=]`: the initial-loss check before training.
public struct SanityCommand: Command {
    static let reg = Arg.real("reg", 0...1e9, exclusiveLower: true, default: 1e3, help: "the strong L2 penalty of the second measurement")
    static let std = Arg.real("std", 0...10, exclusiveLower: true, default: 1e-4, help: "standard deviation of the fresh weights")

    public static let spec = CommandSpec(
        name: "sanity", topic: .training,
        summary: "the loss before training: about ln(C) with small weights, higher with a strong penalty",
        discussion: """
            Draws a fresh copy of the model's structure with small weights (std=, 1e-4 by default), leaves \
            the session's model alone, and measures the softmax loss over the whole training part: with \
            small weights every class gets probability about 1/C, so the loss should be ln(C) (2.302585 for \
            10 classes). Then with a strong L2 penalty (reg=) the loss rises by 0.5 * reg * sum(W^2). A first \
            loss far from ln(C) means a bug in the loss or scores that are not small.
            """,
        arguments: [reg.spec, std.spec],
        fields: [
            FieldDoc("classes, expected", "C and ln(C)"),
            FieldDoc("weight_std, loss", "the fresh weights' std and the loss without a penalty"),
            FieldDoc("reg, loss_with_reg, penalty, weights", "the penalized loss, 0.5 reg sum(W^2) and the number of weights it sums over"),
            FieldDoc("examples", "training examples the loss is averaged over"),
            FieldDoc("as_expected", "whether |loss - ln C| < 0.05"),
        ],
        examples: [Example("sanity", "ln(10) = 2.302585 expected", after: "data digits; model 64-100-10"),
                   Example("sanity reg=1e4", "a stronger penalty raises the loss more", after: "data digits; model 64-100-10")])

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        guard let data = context.session.data else { throw ModelCommand.noData }
        guard let model = context.session.model else { throw ModelCommand.noModel }
        return try SanityCheck.run(blueprint: model.blueprint, data: data, weightStd: try args.value(std), reg: try args.value(reg), rng: &context.session.rng)
    }
}

extension SanityCheck: CommandOutput {
    public func renderText(_ style: TextStyle) -> String {
        var out = [style.bold("initial loss, fresh weights std \(Format.number(weight_std)), \(examples) training examples")]
        var t = Table(["", "loss", "expected"], align: [.left, .right, .right])
        t.add(["no penalty", CFormat.f(loss), "ln(\(classes)) = \(CFormat.f(expected))"])
        t.add(["reg \(Format.number(reg))", CFormat.f(loss_with_reg), "+ 0.5 reg sum(W^2) = +\(CFormat.f(penalty))"])
        out.append(t.render(style, indent: "  "))
        var notes: [String] = []
        if as_expected {
            notes.append("the loss is ln(\(classes)) to \(Format.sci3(abs(loss - expected))): with small weights every class gets probability about 1/\(classes), as it should")
        } else {
            notes.append("the loss is \(CFormat.f(loss)), \(Format.short6(abs(loss - expected))) away from ln(\(classes)): check the loss function, and that the scores really are small at the start (weights std \(Format.number(weight_std)))")
        }
        notes.append("the penalty sums \(Format.grouped(weights)) squared weights of about \(Format.number(weight_std))^2 each: 0.5 x \(Format.number(reg)) x \(Format.grouped(weights)) x \(Format.number(weight_std))^2 = \(CFormat.f(0.5 * reg * Double(weights) * weight_std * weight_std)) expected, \(CFormat.f(penalty)) measured")
        for n in notes { out += TextWrap.lines(n, width: style.width, indent: "  ") }
        return out.joined(separator: "\n")
    }
}

import NNLabCore
import NNLabExperiments

/// `gradcheck [LAYER|all]`: every layer's backward against centred numeric differences.
public struct GradcheckCommand: Command {
    static let layer = Arg<[String]>.words("LAYER", choices: GradientCheck.layers + ["all"], help: "layers to check (default all)")
    static let h = Arg<Double>.declared(.keyword("h", .real(1e-10...1, exclusiveLower: false), default: "1e-5", help: "the numeric step"))

    public static let spec = CommandSpec(
        name: "gradcheck", topic: .backprop,
        summary: "check each layer's backward pass against numeric gradients (relative error per input)",
        discussion: """
            For each layer, small random inputs (from the session's generator) go forward; a random upstream \
            gradient goes backward; then each input entry is nudged by +-h and (L(x+h) - L(x-h))/2h is \
            compared with the analytic gradient. The error shown is the worst entry's |a - n| / max(|a| + |n|, 1e-8). \
            How to read it: about 1e-7 or less is right; 1e-2 or more is a bug; in between, suspect a kink \
            (relu at 0, max pooling ties, the hinge of the SVM loss) that the nudge crossed. Batch norm's \
            backward is the lecture's step-by-step formulas. Layers: \(GradientCheck.layers.joined(separator: ", ")).
            """,
        arguments: [layer.spec, h.spec],
        fields: [
            FieldDoc("rows", "per layer and input: layer, input, shape, relative_error, verdict"),
            FieldDoc("worst, worst_layer", "the largest relative error and its layer"),
            FieldDoc("errors", "worst relative error per layer: errors.batchnorm"),
            FieldDoc("conv_naive_vs_im2col", "largest difference between the two conv implementations' outputs"),
            FieldDoc("h", "the numeric step"),
            FieldDoc("run", "completed and planned layers, and interrupted (Ctrl-C stopped the check before every layer was done)"),
        ],
        examples: [
            Example("gradcheck batchnorm", "the lecture's batch norm backward against numeric gradients"),
            Example("gradcheck all", "every layer"),
            Example("gradcheck relu h=0.5", "a step so large it crosses relu's kink: the numeric gradient is off, not the analytic one"),
        ])

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        var names = args[layer] ?? []
        if names.isEmpty || names.contains("all") { names = GradientCheck.layers }
        return try GradientCheck.run(names, rng: &context.session.rng, h: try args.value(h), interrupt: context.interrupt)
    }
}

extension GradientCheck.Report: CommandOutput {
    public func renderText(_ style: TextStyle) -> String {
        var t = Table(["layer", "input", "shape", "relative error", "verdict"], align: [.left, .left, .left, .right, .left])
        for r in rows {
            let v = r.verdict == "correct" ? style.good(r.verdict) : (r.verdict == "wrong" ? style.bad(r.verdict) : r.verdict)
            t.add([r.layer, r.input, r.shape, Format.sci(r.relative_error), v])
        }
        var out = [style.bold("gradient check, h = \(Format.number(h))"), t.render(style)]
        if run.interrupted {
            // A partial check is never reported as a pass: the unchecked layers could be wrong.
            out.append(style.bad("  interrupted after \(run.completed) of \(run.planned) layers: no verdict on the layers not checked")
                       + (rows.isEmpty ? "" : "; worst so far \(Format.sci(worst)) (\(worst_layer))"))
        } else {
            let worstVerdict = rows.first { $0.layer == worst_layer && $0.relative_error == worst }?.verdict ?? GradientCheck.verdict(worst)
            out.append("  worst: \(Format.sci(worst)) (\(worst_layer)): \(worstVerdict)")
        }
        for r in rows where r.verdict == "step too large" {
            let small = r.error_at_small_h.map(Format.sci) ?? "-"
            let kinks = r.kinks_crossed.map { $0 > 0 ? "; \($0) of its inputs lie within h of the kink at 0, so the difference straddles it" : "" } ?? ""
            out.append("  \(r.layer) \(r.input): at h = \(Format.number(GradientCheck.smallStep)) the error is \(small), so the analytic gradient is right and the numeric one at h = \(Format.number(h)) is off\(kinks)")
        }
        if let d = conv_naive_vs_im2col { out.append("  conv: naive loops and im2col + BLAS outputs differ by at most \(Format.sci(d))") }
        out.append(style.dim("  reading it: about 1e-7 or less is right; 1e-2 or more is a bug; a kink (relu at 0, a max, the hinge) crossed by the step explains an occasional larger one"))
        return out.joined(separator: "\n").fitted(style)
    }
}

import NNLabCore
import NNLabExperiments

/// `act NAME [x=...]`: an activation function's values, gradients, curve and properties; and the
/// lecture's two experiments, `act positive-inputs` and `act dead-relu`.
public struct ActCommand: Command {
    static let names = ActivationExperiment.functions + ["positive-inputs", "dead-relu"]

    public static let spec = CommandSpec(
        name: "act", topic: .backprop,
        summary: "an activation function's value and gradient, its curve, and what they mean for training",
        discussion: """
            Without x= it answers the lecture's three questions: what happens at x = -10, 0 and 10. The plot \
            shows f (o) and f' (.) over [-10, 10]; the lines under it say what matters for training: \
            saturation (a near-zero gradient kills learning below), zero-centred outputs or not, the cost of \
            exp, dying units. `act positive-inputs` shows that when a neuron's inputs are all positive its \
            weight gradients all share one sign; `act dead-relu` counts ReLU units that never fire after a \
            large negative bias or one too-large update.
            """,
        arguments: [
            .positional("NAME", .choice(names), help: "the function, or an experiment"),
            .keyword("x", .text, help: "points, comma-separated (default -10,0,10)").except(["positive-inputs", "dead-relu"]),
            .keyword("alpha", .real(-100...100), help: "slope or scale for leaky (0.01), prelu (0.25), elu (1)").only(["leaky", "prelu", "elu"]),
            .keyword("w1", .real(-1e6...1e6), help: "maxout: first piece's slope (1)").only(["maxout"]),
            .keyword("b1", .real(-1e6...1e6), help: "maxout: first piece's intercept (0)").only(["maxout"]),
            .keyword("w2", .real(-1e6...1e6), help: "maxout: second piece's slope (0)").only(["maxout"]),
            .keyword("b2", .real(-1e6...1e6), help: "maxout: second piece's intercept (0)").only(["maxout"]),
            .keyword("bias", .real(-1e6...1e6), help: "dead-relu: the negative bias to try (-6)").only(["dead-relu"]),
            .keyword("lr", .real(0...1e6, exclusiveLower: true), help: "dead-relu: the size of the one large step on the biases (10)").only(["dead-relu"]),
        ],
        fields: [
            FieldDoc("name, alpha, maxout", "the function"),
            FieldDoc("points", "value and gradient at each x: points[1].gradient"),
            FieldDoc("curve", "201 samples over [-10, 10]"),
            FieldDoc("max_gradient, min_value, max_value", "over [-10, 10]"),
            FieldDoc("properties", "what the function means for training"),
            FieldDoc("trials, same_sign, same_sign_fraction, steps_positive_inputs, steps_zero_centred_inputs, first_steps, mixed_sign_steps_positive, mixed_sign_steps_centred, interrupted", "positive-inputs"),
            FieldDoc("examples, inputs, units, dead_at_init, bias, dead_with_bias, learning_rate, dead_after_update, dead_unit_gradient", "dead-relu"),
        ],
        examples: [
            Example("act sigmoid", "at -10, 0, 10: saturated, 0.25, saturated"),
            Example("act relu x=-1,0.5,3", "values and gradients where you choose"),
            Example("act leaky alpha=0.1", "a leaky relu with slope 0.1"),
            Example("act maxout w2=0.01", "maxout as a leaky relu"),
            Example("act positive-inputs", "all-positive inputs force same-sign weight gradients"),
            Example("act dead-relu", "units that never fire and never recover"),
        ])

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        let name = try args.word("NAME")
        switch name {
        case "positive-inputs":
            return try ActivationExperiment.signs(rng: &context.session.rng, interrupt: context.interrupt)
        case "dead-relu":
            return try ActivationExperiment.deadUnits(rng: &context.session.rng, bias: args.has("bias") ? try args.real("bias") : -6,
                                                      learningRate: args.has("lr") ? try args.real("lr") : 10)
        default:
            var xs = [-10.0, 0, 10]
            if args.has("x") {
                let raw = try args.text("x")
                xs = []
                for part in raw.split(separator: ",", omittingEmptySubsequences: false) {
                    guard let v = NumberParsing.real(String(part)), v.isFinite, abs(v) <= 1e6 else {
                        throw CommandError("x must be numbers separated by commas, each within +-1e6, got '\(raw)'; e.g. act relu x=-1,0.5,3")
                    }
                    xs.append(v)
                }
                guard xs.count <= 100 else { throw CommandError("x takes at most 100 points, got \(xs.count)") }
            }
            func opt(_ k: String, _ d: Double) throws -> Double { args.has(k) ? try args.real(k) : d }
            let m = ActivationExperiment.Maxout(w1: try opt("w1", 1), b1: try opt("b1", 0), w2: try opt("w2", 0), b2: try opt("b2", 0))
            return try ActivationExperiment.profile(name, at: xs, alpha: args.has("alpha") ? try args.real("alpha") : nil, maxout: m)
        }
    }
}

extension ActivationExperiment.Profile: CommandOutput {
    public func renderText(_ style: TextStyle) -> String {
        var title = name
        if let a = alpha { title += " (alpha \(Format.short6(a)))" }
        if let m = maxout { title += " max(\(Format.short6(m.w1))x + \(Format.short6(m.b1)), \(Format.short6(m.w2))x + \(Format.short6(m.b2)))" }
        var t = Table(["x", "f(x)", "f'(x)"], align: [.right, .right, .right])
        for p in points { t.add([Format.short6(p.x), Format.short6(p.value), Format.short6(p.gradient)]) }
        var plot = Plot()
        plot.add("o", "f", curve.map { ($0.x, $0.value) })
        plot.add(".", "f'", curve.map { ($0.x, $0.gradient) })
        return ([style.bold(title), t.render(style), plot.render(style)] + properties.map { "  - " + $0 }).joined(separator: "\n").fitted(style)
    }
}

extension ActivationExperiment.SignExperiment: CommandOutput {
    public func renderText(_ style: TextStyle) -> String {
        [style.bold("a neuron whose inputs are all positive"),
         "  dL/dw_i = (upstream gradient) * x_i, and every x_i > 0: all weight gradients share the upstream sign",
         "  \(same_sign) of \(trials) random trials had all weight gradients of one sign (\(Format.short6(same_sign_fraction * 100))%)",
         "  so a step can move the weights along (+,+) or (-,-) only; reaching w* = (1, -1) from (0, 0) needs a zig-zag:",
         "    first steps' gradient signs: \(first_steps.joined(separator: " "))",
         "    steps with mixed signs: \(mixed_sign_steps_positive) of \(steps_positive_inputs) with positive inputs, \(mixed_sign_steps_centred) of \(steps_zero_centred_inputs) with zero-centred inputs",
         "    steps to come within 0.1 of w*: \(steps_positive_inputs) with positive inputs, \(steps_zero_centred_inputs) with zero-centred inputs",
         interrupted ? style.bad("  interrupted: a descent was stopped before it came within 0.1 of w*, so its step count is the steps taken, not steps to get there") : nil,
         style.dim("  this is why zero-mean data (and zero-centred activations like tanh) help"),
        ].compactMap { $0 }.joined(separator: "\n").fitted(style)
    }
}

extension ActivationExperiment.DeadExperiment: CommandOutput {
    public func renderText(_ style: TextStyle) -> String {
        func pct(_ x: Double) -> String { "\(Format.short6(x * 100))%" }
        return [style.bold("dead ReLUs: \(units) units, \(inputs) inputs, \(examples) examples"),
                "  units that never fire, with He-scaled weights and bias 0: \(pct(dead_at_init))",
                "  with every bias set to \(Format.short6(bias)): \(pct(dead_with_bias))",
                "  after one step of size \(Format.short6(learning_rate)) on the biases (b -= lr * dL/db): \(pct(dead_after_update))",
                "  largest gradient reaching a dead unit's weights: \(Format.short6(dead_unit_gradient)): a dead unit gets no gradient, so it never comes back",
                style.dim("  remedies: a small positive bias at init, a smaller learning rate, leaky relu / elu / maxout")]
            .joined(separator: "\n").fitted(style)
    }
}

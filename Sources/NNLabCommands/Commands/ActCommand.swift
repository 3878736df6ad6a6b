import NNLabCore
import NNLabExperiments

/// `act NAME [x=...]`: an activation function's values, gradients, curve and properties; and the
/// lecture's two experiments, `act positive-inputs` and `act dead-relu`.
public struct ActCommand: Command {
    /// The functions, then the two experiments.
    enum Form: String, Choice {
        case sigmoid, tanh, relu, leaky, prelu, elu, maxout
        case positiveInputs = "positive-inputs", deadRelu = "dead-relu"
    }

    static let form = Arg<Form>(.positional("NAME", .choice(Form.names), help: "the function, or an experiment"))
    static let x = Arg<String>.text("x", help: "points, comma-separated (default -10,0,10)").except([Form.positiveInputs.rawValue, Form.deadRelu.rawValue])
    static let alpha = Arg.real("alpha", -100...100, help: "slope or scale for leaky (0.01), prelu (0.25), elu (1)").only(Form.leaky, Form.prelu, Form.elu)
    static let w1 = Arg.real("w1", -1e6...1e6, default: 1, help: "maxout: first piece's slope").only(Form.maxout)
    static let b1 = Arg.real("b1", -1e6...1e6, default: 0, help: "maxout: first piece's intercept").only(Form.maxout)
    static let w2 = Arg.real("w2", -1e6...1e6, default: 0, help: "maxout: second piece's slope").only(Form.maxout)
    static let b2 = Arg.real("b2", -1e6...1e6, default: 0, help: "maxout: second piece's intercept").only(Form.maxout)
    static let trials = Arg.integer("trials", 4...10_000, default: 200, help: "positive-inputs: descents, w* taking the four quadrants in turn").only(Form.positiveInputs)
    static let bias = Arg.real("bias", -1e6...1e6, default: -6, help: "dead-relu: the negative bias to try").only(Form.deadRelu)
    static let lr = Arg.real("lr", 0...1e6, exclusiveLower: true, default: 10, help: "dead-relu: the size of the one large step on the biases").only(Form.deadRelu)

    public static let spec = CommandSpec(
        name: "act", topic: .backprop,
        summary: "an activation function's value and gradient, its curve, and what they mean for training",
        discussion: """
            Without x= it answers the lecture's three questions: what happens at x = -10, 0 and 10. The plot \
            shows f (o) and f' (.) over [-10, 10] (save FILE.svg writes both curves); the lines under it say \
            what matters for training: saturation (a near-zero local gradient), zero-centred outputs or not, the \
            cost of exp, dying units. `act positive-inputs` runs many small descents of a two-weight unit towards \
            targets in all four quadrants, with positive, centred, and centred-and-rescaled inputs, and reports \
            the steps each took and how many steps moved the weights in opposite directions (trial t draws from \
            numpy's RandomState([seed, t]), so `seed N` fixes them and the session's generator is left as it was); `act dead-relu` \
            counts ReLU units that never fire after a large negative bias or one too-large update.
            """,
        arguments: [form.spec, x.spec, alpha.spec, w1.spec, b1.spec, w2.spec, b2.spec, trials.spec, bias.spec, lr.spec],
        fields: [
            FieldDoc("name, alpha, maxout", "the function"),
            FieldDoc("points", "value and gradient at each x: points[1].gradient"),
            FieldDoc("curve", "201 samples over [-10, 10]"),
            FieldDoc("max_gradient, min_value, max_value", "over [-10, 10]"),
            FieldDoc("properties", "what the function means for training"),
            FieldDoc("trials, planned, learning_rate, tolerance, step_cap, mixed_targets, targets, starts, first_steps, run, interrupted", "positive-inputs: the trials"),
            FieldDoc("conditions", "positive-inputs, one per kind of input (positive, centred, centred-rescaled): inputs, steps, steps_quartiles (q1, median, q3), steps_mixed_targets, steps_same_sign_targets, mixed_sign_steps, mixed_sign_steps_total, steps_total, mixed_sign_fraction, mean_square, unreached"),
            FieldDoc("examples, inputs, units, dead_at_init, bias, dead_with_bias, learning_rate, dead_after_update, dead_unit_gradient", "dead-relu"),
        ],
        examples: [
            Example("act sigmoid", "at -10, 0, 10: saturated, 0.25, saturated"),
            Example("act relu x=-1,0.5,3", "values and gradients where you choose"),
            Example("act leaky alpha=0.1", "a leaky relu with slope 0.1"),
            Example("act maxout w2=0.01", "maxout as a leaky relu"),
            Example("act positive-inputs", "positive inputs: no step moves the two weights in opposite directions"),
            Example("act positive-inputs trials=40", "40 trials, 10 per quadrant"),
            Example("act dead-relu", "units that never fire and never recover"),
        ])

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        let name = try args.value(form)
        switch name {
        case .positiveInputs:
            return try ActivationExperiment.signs(seed: context.session.seed, trials: try args.value(trials), monitor: context.monitor)
        case .deadRelu:
            return try ActivationExperiment.deadUnits(rng: &context.session.rng, bias: try args.value(bias), learningRate: try args.value(lr))
        case .sigmoid, .tanh, .relu, .leaky, .prelu, .elu, .maxout:
            var xs = [-10.0, 0, 10]
            if let raw = args[x] {
                xs = []
                for part in raw.split(separator: ",", omittingEmptySubsequences: false) {
                    guard let v = NumberParsing.real(String(part)), v.isFinite, abs(v) <= 1e6 else {
                        throw CommandError("x must be numbers separated by commas, each within +-1e6, got '\(raw)'; e.g. act relu x=-1,0.5,3")
                    }
                    xs.append(v)
                }
                guard xs.count <= 100 else { throw CommandError("x takes at most 100 points, got \(xs.count); e.g. act relu x=-1,0.5,3") }
            }
            let m = ActivationExperiment.Maxout(w1: try args.value(w1), b1: try args.value(b1), w2: try args.value(w2), b2: try args.value(b2))
            let p = try ActivationExperiment.profile(name.rawValue, at: xs, alpha: args[alpha], maxout: m)
            context.session.lastFigure = Figure.lazy(title: "act \(name.rawValue)") { figure(p) }
            return p
        }
    }

    /// f and f' over [-10, 10], one panel each.
    static func figure(_ p: ActivationExperiment.Profile) -> Figure {
        var svg = SVGBuilder(width: 760, height: 620, title: "act \(p.name): f and f' over [-10, 10]")
        svg.linePlot(p.curve.map { ($0.x, $0.value) }, box: (60, 60, 660, 220), title: "f(x)", color: "#2c7fb8")
        svg.linePlot(p.curve.map { ($0.x, $0.gradient) }, box: (60, 340, 660, 220), title: "f'(x)", color: "#c0392b")
        return svg.figure(title: "act \(p.name)")
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
    /// How a median compares with another: the words the conclusions use, decided by a 10% margin.
    enum Comparison: Equatable {
        case fewer, more, about
        init(_ a: Double, _ b: Double) { self = a < 0.9 * b ? .fewer : a > 1.1 * b ? .more : .about }
        var words: String {
            switch self {
            case .fewer: return "fewer steps than"
            case .more: return "more steps than"
            case .about: return "about as many steps as"
            }
        }
    }

    func condition(_ k: ActivationExperiment.InputKind) -> ActivationExperiment.SignCondition? { conditions.first { $0.inputs == k } }

    public func renderText(_ style: TextStyle) -> String {
        func q(_ x: ActivationExperiment.Quartiles?) -> String {
            guard let x else { return "-" }
            return "\(Format.short6(x.median)) (\(Int(x.q1.rounded()))-\(Int(x.q3.rounded())))"
        }
        func pct(_ x: Double) -> String { "\(Format.short6((x * 1000).rounded() / 10))%" }
        var lines = [style.bold("a two-weight unit learning w* from all-positive inputs: \(trials) of \(planned) trials"),
                     "  dL/dw_i = err * x_i: with every x_i > 0 both weight gradients have err's sign, so a step moves both weights the same way",
                     "  each trial: w* in the next quadrant, |w*_i| in [0.5, 1.5), w0 = 0.5 randn(2), SGD at lr \(Format.short6(learning_rate)) on one input per step until |w - w*| < \(Format.short6(tolerance)); the three kinds of input replay the same uniform draws u"]
        guard trials > 0 else {
            lines.append(style.bad("  interrupted before the first trial finished: nothing to compare"))
            return lines.joined(separator: "\n").fitted(style)
        }
        var t = Table(["inputs", "mean x^2", "steps: all", "w* needs +/-", "w* same sign", "opposite-sign steps"],
                      align: [.left, .right, .right, .right, .right, .right], dropOrder: [1, 4])
        for c in conditions {
            t.add([c.inputs.formula, Format.short6((c.mean_square * 1000).rounded() / 1000), q(c.steps_quartiles), q(c.steps_mixed_targets),
                   q(c.steps_same_sign_targets), "\(Format.grouped(c.mixed_sign_steps_total)) (\(pct(c.mixed_sign_fraction)))"])
        }
        lines.append(t.render(style))
        lines.append("  steps: median (quartiles, rounded) over the trials; \(mixed_targets) of \(trials) targets needed one weight to rise and the other to fall")
        if let p = condition(.positive) {
            lines.append(p.mixed_sign_steps_total == 0
                ? "  positive inputs: none of the \(Format.grouped(p.steps_total)) steps had gradients of opposite signs, in any trial"
                : "  positive inputs: \(p.mixed_sign_steps_total) of \(p.steps_total) steps had gradients of opposite signs")
            if !first_steps.isEmpty { lines.append("    first trial's first steps: \(first_steps.joined(separator: " "))") }
            if let mt = p.steps_mixed_targets?.median, let st = p.steps_same_sign_targets?.median {
                let c = Comparison(mt, st)
                lines.append("  with positive inputs a w* needing opposite moves took \(c.words) a same-sign w* (median \(Format.short6(mt)) against \(Format.short6(st)) steps)\(c == .more ? ": the zig-zag costs steps" : "")")
            }
            for kind in [ActivationExperiment.InputKind.centred, .centredRescaled] {
                guard let c = condition(kind), let a = c.steps_quartiles?.median, let b = p.steps_quartiles?.median else { continue }
                let cmp = Comparison(a, b)
                var line = "  \(kind.formula) inputs took \(cmp.words) positive ones (median \(Format.short6(a)) against \(Format.short6(b)) steps)"
                if kind == .centred, c.mean_square < 0.9 * p.mean_square {
                    line += "; centring alone also shrank the mean square from \(Format.short6((p.mean_square * 1000).rounded() / 1000)) to \(Format.short6((c.mean_square * 1000).rounded() / 1000)), so each step at the same learning rate is smaller"
                }
                lines.append(line)
            }
        }
        if let p = condition(.positive), let r = condition(.centredRescaled),
           let pm = p.steps_mixed_targets?.median, let ps = p.steps_same_sign_targets?.median,
           let rm = r.steps_mixed_targets?.median, let rs = r.steps_same_sign_targets?.median {
            let restricted = p.mixed_sign_steps_total == 0
            let zigzag = Comparison(pm, ps) == .more
            let helps = Comparison(rm, pm) == .fewer && Comparison(rs, ps) != .more
            lines.append(style.dim("  what these trials show: " + [
                restricted ? "positive inputs confine every step to (+,+) or (-,-)" : "positive inputs did not confine the steps here",
                zigzag ? "that costs steps where w* needs opposite moves" : "here that did not cost steps where w* needs opposite moves",
                helps ? "zero-mean inputs of the same size reached w* in fewer steps" : "zero-mean inputs of the same size were not faster here",
            ].joined(separator: "; ")))
        }
        if interrupted { lines.append(style.bad("  interrupted after \(trials) of \(planned) trials: the statistics are over the completed trials")) }
        return lines.joined(separator: "\n").fitted(style)
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

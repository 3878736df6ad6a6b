import Foundation
import NNLabCore
import NNLabExperiments

/// `descend RULE [LANDSCAPE | f=EXPR] ...`: one update rule on a function of x and y, watched step by step.
public struct DescendCommand: Command {
    static let rule = Arg<OptimizerKind>(.positional("RULE", .choice(OptimizerKind.names), help: "the update rule"))
    static let landscape = Arg.text("LANDSCAPE", positional: true,
                                    help: "a named landscape: " + DescentLandscape.names.joined(separator: ", ") + " (default ravine, x^2/20 + y^2), or give f=")
    static let f = Arg.text("f", help: "any expression of x and y in the graph language, e.g. f=\"x^2/20+y^2\"")
    static let from = Arg.text("from", help: "start X,Y (default: the landscape's own start, -7,2 for f=)")
    static let lr = Arg.real("lr", 0...1e6, exclusiveLower: true, help: "learning rate (default: the rule's, see discussion)")
    static let steps = Arg.integer("steps", 1...DescentExperiment.maxSteps, default: 100, help: "most steps to take (at most 100000)")
    static let mu = Arg.real("mu", 0...0.9999, default: 0.9, help: "momentum (momentum, nesterov, rmsprop-nesterov)")
    static let decay = Arg.real("decay", 0...0.9999, default: 0.9, help: "RMSProp's cache decay")
    static let b1 = Arg.real("b1", 0...0.9999, default: 0.9, help: "Adam's first-moment decay")
    static let b2 = Arg.real("b2", 0...0.999999, default: 0.999, help: "Adam's second-moment decay")
    static let noise = Arg.real("noise", 0...1e6, default: 0, help: "std of Gaussian noise added to each gradient component")
    static let tol = Arg.real("tol", 0...1e6, default: 1e-6, help: "stop when the gradient norm is at most this")
    static let every = Arg.integer("every", 1...DescentExperiment.maxSteps, default: 10, help: "print every k-th step")
    static let schedule = Arg.choice("schedule", LearningRateSchedule.Kind.self,
                                     help: "decay lr over the steps (step t uses the rate of epoch t - 1): constant, step, exponential, inverse; "
                                        + "k and every come from the session's schedule (set by the schedule command) when its kind matches, "
                                        + "else the kind's defaults (step: x 0.5 every 5; k 0.1)")
    static let width = Arg.integer("width", 20...400, help: "width of the contour map in characters (default 80; redrawn narrower on a narrower screen)")
    public static let spec = CommandSpec(
        name: "descend", topic: .optimizers,
        summary: "run one update rule (sgd, momentum, nesterov, adagrad, rmsprop, adam ...) on a 2-D landscape and watch its path",
        discussion: """
            The gradient of f comes from the computational graph's backward pass (as in graph), not from \
            finite differences. Each rule is written as the lectures write it (help lists the formula it \
            uses); lr defaults to a value that is stable on the landscapes (the lectures' network defaults, \
            such as Adam's 1e-3, would crawl here). momentum-classic is the lecture's other momentum form \
            v = mu v + dx; x -= lr v: at a constant lr it visits the same points as momentum (its v is \
            momentum's divided by -lr). nesterov is the rewritten form, which stores phi = theta + mu v; \
            nesterov-lookahead stores theta and takes the gradient at theta + mu v. rmsprop-nesterov is \
            Algorithm 8.6 with delta = 1e-6 inside the root (as printed it has none, so a zero gradient \
            component would give 0/0). adam follows Algorithm 8.7 as intended: printed literally it writes \
            the moments into s-hat and r-hat, so s and r would stay 0 and every step would use only the \
            current gradient. The run stops when the gradient norm falls to tol (a stationary point: a \
            minimum or a saddle), when the point or the loss leaves for infinity (diverged: the last finite \
            point is kept), at steps, or on Ctrl-C (interrupted, never converged). noise= adds Gaussian \
            noise of that standard deviation to each gradient component, drawn from the session's generator.
            """,
        arguments: [rule.spec, landscape.spec, f.spec, from.spec, lr.spec, steps.spec,
                    mu.spec.only(OptimizerKind.allCases.filter(\.reads.mu).map(\.rawValue)),
                    decay.spec.only(OptimizerKind.allCases.filter(\.reads.decay).map(\.rawValue)),
                    b1.spec.only(OptimizerKind.allCases.filter(\.reads.betas).map(\.rawValue)),
                    b2.spec.only(OptimizerKind.allCases.filter(\.reads.betas).map(\.rawValue)),
                    noise.spec, tol.spec, every.spec, schedule.spec, width.spec],
        fields: [
            FieldDoc("rule, formula, expression, lr, noise, tolerance, every", "the setup"),
            FieldDoc("schedule", "kind, base, decay and every of the lr schedule= gave; null for a constant lr"),
            FieldDoc("start_x, start_y, final_x, final_y, final_loss", "where it started and ended"),
            FieldDoc("steps_run, steps_planned", "steps taken (the last finite one if it diverged) and steps asked for"),
            FieldDoc("run", "completed and planned steps, and interrupted"),
            FieldDoc("converged_step", "first step with gradient norm <= tol, null if none"),
            FieldDoc("status", "converged, max-steps, diverged, undefined (f has no value at the new point) or interrupted"),
            FieldDoc("diverged_reason", "why the run stopped early, null otherwise"),
            FieldDoc("sign_changes_y", "how often the y step changed sign (the ravine's zig-zag)"),
            FieldDoc("effective_first, effective_last", "per-coordinate effective step size after the first and the last step"),
            FieldDoc("path", "every step: step, x, y, loss, grad_norm, step_length, lr"),
            FieldDoc("map", "the contour map's lines"),
        ],
        examples: [
            Example("descend sgd", "the ravine x^2/20 + y^2 from (-7, 2): zig-zag across, slow along"),
            Example("descend momentum", "the same ravine with momentum 0.9"),
            Example("descend sgd f=\"x^2/20+y^2\" from=-7,2 lr=0.1 steps=100", "the same as an expression"),
            Example("descend momentum saddle steps=60", "started on the ridge line: momentum escapes the saddle"),
            Example("descend sgd lr=1.5", "too large for the ravine's curvature 2 (lr must be < 1): diverges"),
        ],
        complete: { previous, _ in previous.isEmpty ? OptimizerKind.allCases.map(\.rawValue)
                                                    : (previous.count == 1 ? DescentLandscape.allCases.map(\.rawValue) : nil) })

    /// Reads the start and the landscape (a named one, or f=) that descend, race, newton and lbfgs share.
    /// `word` is a LANDSCAPE positional as typed, if any.
    static func setup(_ args: Arguments, landscape word: String?, example: String) throws -> (expression: String, start: (Double, Double)) {
        // Until the tokenizer reads a quoted f="x^2 + y^2" as key=value, it arrives as the LANDSCAPE word.
        var typed = args[Self.f]
        var landscape = DescentLandscape.ravine
        if let word {
            if word.hasPrefix("f=") {
                if typed != nil { throw CommandError("f= is given twice; e.g. \(example) f=\"x^2+y^2\"") }
                typed = String(word.dropFirst(2))
            } else if let l = DescentLandscape(rawValue: word.lowercased()) {
                if typed != nil { throw CommandError("give a LANDSCAPE or f=, not both; e.g. \(example) ravine or \(example) f=\"x^2+y^2\"") }
                landscape = l
            } else {
                var msg = "unknown landscape '\(word)'"
                if let s = Suggest.closest(word, in: DescentLandscape.names) { msg += " (did you mean \(s)?)" }
                throw CommandError(msg + "; allowed: " + DescentLandscape.names.joined(separator: ", ") + ", or f=EXPR; e.g. \(example) rosenbrock")
            }
        }
        let expression = typed ?? landscape.expression
        var start = typed != nil ? (-7.0, 2.0) : landscape.start
        if let raw = args[Self.from] {
            let parts = raw.split(separator: ",", omittingEmptySubsequences: false).map { NumberParsing.real(String($0).trimmingWhitespace()) }
            guard parts.count == 2, let x = parts[0], let y = parts[1] else {
                throw CommandError("from must be two numbers X,Y, got '\(raw)'; e.g. from=-7,2")
            }
            guard x.isFinite, y.isFinite else { throw CommandError("from must be finite, got '\(raw)'; e.g. from=-7,2") }
            start = (x, y)
        }
        return (expression, start)
    }

    /// The rule's settings: lr= or the rule's default, and the shared mu, decay, b1, b2.
    static func settings(_ args: Arguments, _ kind: OptimizerKind) throws -> OptimizerKind.Settings {
        .init(learningRate: args[Self.lr] ?? kind.defaultLearningRate, mu: try args.value(Self.mu), decay: try args.value(Self.decay),
              beta1: try args.value(Self.b1), beta2: try args.value(Self.b2))
    }

    /// schedule=KIND with base `lr`: the session's k and every when the session's schedule is of that
    /// kind, the kind's defaults otherwise.
    static func schedule(_ args: Arguments, _ session: Session, lr: Double) throws -> LearningRateSchedule? {
        guard let kind = args[Self.schedule], kind != .constant else { return nil }
        let kept = session.settings.schedule
        do {
            return kept.kind == kind ? try LearningRateSchedule(kind, base: lr, decay: kept.decay, every: kept.every)
                                     : try LearningRateSchedule(kind, base: lr, every: 5)
        } catch let NumericsError.outOfRange(msg) { throw CommandError(msg) }
    }

    /// Prose wrapped at words to `width`, every line starting with `indent` (a word longer than a
    /// line stands alone on its line).
    static func wrap(_ text: String, width: Int, indent: String) -> [String] {
        var lines: [String] = []
        var line = indent
        for word in text.split(separator: " ") {
            if line.count + word.count + 1 > width, line != indent { lines.append(line); line = indent }
            line += (line == indent ? "" : " ") + word
        }
        if line != indent || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// "step decay (x 0.5 every 5 steps)", "exponential decay e^(-0.1 t)", "1/t decay 1/(1 + 0.1 t)".
    static func describe(_ s: LearningRateSchedule) -> String {
        let k = Format.short6(s.decay)
        switch s.kind {
        case .constant: return "a constant rate"
        case .step: return "step decay (x \(k) every \(s.every))"
        case .exponential: return "exponential decay lr0 e^(-\(k) t)"
        case .inverse: return "1/t decay lr0 / (1 + \(k) t)"
        }
    }

    /// The contour map's width in the result: width= (default 80) less the border and indent.
    static func mapWidth(_ args: Arguments) -> Int { (args[Self.width] ?? 80) - 4 }

    /// The map's lines as drawn, redrawn narrower when the screen is narrower than the map (so every
    /// line fits `style.width`).
    static func fitted(_ map: [String], expression: String, paths: [[(Double, Double)]], style: TextStyle,
                       marks: [Character] = ContourMap.marks, markEnd: Bool = true, region: [(Double, Double)]? = nil) -> [String] {
        guard let w = map.first?.count, w + 4 > style.width,
              let parsed = try? ExpressionParser.parse(expression) else { return map }
        return ContourMap.render(graph: ComputationalGraph(parsed), paths: paths, width: style.width - 4,
                                 marks: marks, markEnd: markEnd, region: region)
    }

    /// Experiment failures as command errors (an expression's with a caret under the column).
    static func translate<T>(_ expression: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as ExpressionError {
            throw CommandError("f: \(e.message) (column \(e.column + 1))",
                               detail: "  " + expression + "\n  " + String(repeating: " ", count: e.column) + "^")
        } catch let e as DescentExperiment.Failure {
            throw CommandError(e.description)
        }
    }

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        let kind = try args.value(Self.rule)
        let (expression, start) = try setup(args, landscape: args[Self.landscape], example: "descend sgd")
        let settings = try settings(args, kind)
        let schedule = try schedule(args, context.session, lr: settings.learningRate)
        let monitor = context.monitor
        let report = try translate(expression) {
            try DescentExperiment.run(
                expression: expression, start: start, rule: kind, settings: settings, schedule: schedule,
                steps: try args.value(Self.steps), tolerance: try args.value(Self.tol), noise: try args.value(Self.noise),
                every: try args.value(Self.every), mapWidth: mapWidth(args), rng: &context.session.rng,
                monitor: monitor)
        }
        context.session.lastFigure = report.figure()
        return report
    }
}

extension DescentExperiment.Report: CommandOutput {
    public func renderText(_ style: TextStyle) -> String {
        func n(_ x: Double) -> String { Format.short6(x) }
        func prose(_ text: String) -> [String] { DescendCommand.wrap(text, width: style.width, indent: "  ") }
        var out = DescendCommand.wrap("\(rule.rawValue) on f = \(expression) from (\(n(start_x)), \(n(start_y))), lr \(n(lr))"
                                      + (noise > 0 ? ", gradient noise std \(n(noise))" : ""), width: style.width, indent: "")
        out[0] = style.bold(out[0])
        out += prose(formula).map { style.dim($0) }
        if let schedule {
            out += prose("lr follows " + DescendCommand.describe(schedule) + " over the steps: \(n(path.dropFirst().first?.lr ?? lr)) at step 1, "
                         + "\(n(path.last?.lr ?? lr)) at step \(steps_run)")
        }
        var t = Table(["step", "x", "y", "loss", "|grad|", "step length"], align: [.right, .right, .right, .right, .right, .right])
        for p in path where p.step % every == 0 || p.step == path.last?.step { t.add([String(p.step), n(p.x), n(p.y), n(p.loss), n(p.grad_norm), n(p.step_length)]) }
        out.append(t.render(style, indent: "  "))
        out += prose("final point (\(n(final_x)), \(n(final_y))), loss \(n(final_loss)) after \(steps_run) steps")
        switch status {
        case .converged:
            out += prose("reached |grad| <= \(n(tolerance)) at step \(converged_step ?? steps_run) (a stationary point: minimum or saddle)")
        case .maxSteps:
            out += prose("did not reach |grad| <= \(n(tolerance)) in \(steps_run) steps (last |grad| \(n(path.last?.grad_norm ?? .nan)))")
        case .diverged:
            out += prose("diverged: \(diverged_reason ?? ""); last finite point (\(n(final_x)), \(n(final_y)))")
        case .undefined:
            out += prose("stopped: \(diverged_reason ?? ""); last point where f has a value (\(n(final_x)), \(n(final_y)))")
        case .interrupted:
            out += prose("interrupted after \(steps_run) of \(steps_planned) steps: not converged")
        }
        out += prose("the y step changed sign \(sign_changes_y) times")
        if !effective_first.isEmpty, !effective_last.isEmpty, rule != .sgd, effective_first != effective_last {
            out += prose("effective step (x, y): \(effective_first.map(n).joined(separator: ", ")) after step 1, "
                         + "\(effective_last.map(n).joined(separator: ", ")) after step \(steps_run)")
        }
        let drawn = DescendCommand.fitted(map, expression: expression, paths: [path.map { ($0.x, $0.y) }], style: style)
        out.append(contentsOf: drawn.map { "  |" + $0 + "|" })
        out += prose("S start, E end, o the path; darker = higher f (shade by rank among the map's values)").map { style.dim($0) }
        return out.joined(separator: "\n")
    }

    /// The path on the shaded map as an SVG: one grey rectangle per map cell, the path as a line,
    /// start (green) and end (red) circles.
    func figure() -> Figure {
        let rows = map.count, cols = map.first?.count ?? 0
        let cw = 8.0, ch = 16.0
        var svg = SVGBuilder(width: Double(cols) * cw + 40, height: Double(rows) * ch + 60, title: "\(rule.rawValue) on \(expression)")
        let shades = ContourMap.shades
        for (r, line) in map.enumerated() {
            for (c, char) in line.enumerated() {
                let level = shades.firstIndex(of: char) ?? 0
                let grey = 255 - level * 18
                svg.body.append("<rect x=\"\(SVGBuilder.n(20 + Double(c) * cw))\" y=\"\(SVGBuilder.n(40 + Double(r) * ch))\" width=\"\(cw)\" height=\"\(ch)\" fill=\"rgb(\(grey),\(grey),\(grey))\"/>")
            }
        }
        // Same coordinates as ContourMap: the map's bounds are the path's with 10% (at least 0.5) padding.
        let xs = path.map(\.x), ys = path.map(\.y)
        if let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max(), cols > 0, rows > 0 {
            let px = max((x1 - x0) * 0.1, 0.5), py = max((y1 - y0) * 0.1, 0.5)
            let lx = x0 - px, hx = x1 + px, ly = y0 - py, hy = y1 + py
            func sx(_ x: Double) -> Double { 20 + (x - lx) / (hx - lx) * Double(cols) * cw }
            func sy(_ y: Double) -> Double { 40 + (hy - y) / (hy - ly) * Double(rows) * ch }
            svg.body.append("<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"1.5\" points=\""
                            + path.map { "\(SVGBuilder.n(sx($0.x))),\(SVGBuilder.n(sy($0.y)))" }.joined(separator: " ") + "\"/>")
            if let s = path.first { svg.body.append("<circle cx=\"\(SVGBuilder.n(sx(s.x)))\" cy=\"\(SVGBuilder.n(sy(s.y)))\" r=\"5\" fill=\"green\"/>") }
            if let e = path.last { svg.body.append("<circle cx=\"\(SVGBuilder.n(sx(e.x)))\" cy=\"\(SVGBuilder.n(sy(e.y)))\" r=\"5\" fill=\"red\"/>") }
        }
        svg.text(20, Double(rows) * ch + 56, "green: start, red: end; darker = higher f", size: 11)
        return svg.figure(title: "descend \(rule.rawValue)")
    }
}

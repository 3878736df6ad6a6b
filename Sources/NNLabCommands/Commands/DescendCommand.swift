import Foundation
import NNLabCore
import NNLabExperiments

/// `descend RULE [LANDSCAPE | f=EXPR] ...`: one update rule on a function of x and y, watched step by step.
public struct DescendCommand: Command {
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
        arguments: [
            .positional("RULE", .choice(OptimizerKind.allCases.map(\.rawValue)), help: "the update rule"),
            .positional("LANDSCAPE", .text, optional: true,
                        help: "a named landscape: " + DescentLandscape.allCases.map(\.rawValue).joined(separator: ", ") + " (default ravine, x^2/20 + y^2), or give f="),
            .keyword("f", .text, help: "any expression of x and y in the graph language, e.g. f=\"x^2/20+y^2\""),
            .keyword("from", .text, help: "start X,Y (default: the landscape's own start, -7,2 for f=)"),
            .keyword("lr", .real(0...1e6, exclusiveLower: true), help: "learning rate (default: the rule's, see discussion)"),
            .keyword("steps", .integer(1...DescentExperiment.maxSteps), default: "100", help: "most steps to take"),
            .keyword("mu", .real(0...0.9999), default: "0.9", help: "momentum (momentum, nesterov, rmsprop-nesterov)"),
            .keyword("decay", .real(0...0.9999), default: "0.9", help: "RMSProp's cache decay"),
            .keyword("b1", .real(0...0.9999), default: "0.9", help: "Adam's first-moment decay"),
            .keyword("b2", .real(0...0.999999), default: "0.999", help: "Adam's second-moment decay"),
            .keyword("noise", .real(0...1e6), default: "0", help: "std of Gaussian noise added to each gradient component"),
            .keyword("tol", .real(0...1e6), default: "1e-6", help: "stop when the gradient norm is at most this"),
            .keyword("every", .integer(1...DescentExperiment.maxSteps), default: "10", help: "print every k-th step"),
            .keyword("width", .integer(20...400), default: "80", help: "width of the contour map in characters"),
        ],
        fields: [
            FieldDoc("rule, formula, expression, lr, noise, tolerance, every", "the setup"),
            FieldDoc("start_x, start_y, final_x, final_y, final_loss", "where it started and ended"),
            FieldDoc("steps_run", "steps taken (the last finite one if it diverged)"),
            FieldDoc("converged_step", "first step with gradient norm <= tol, null if none"),
            FieldDoc("status", "converged, max-steps, diverged, undefined (f has no value at the new point) or interrupted"),
            FieldDoc("diverged_reason", "why the run stopped early, null otherwise"),
            FieldDoc("sign_changes_y", "how often the y step changed sign (the ravine's zig-zag)"),
            FieldDoc("effective_first, effective_last", "per-coordinate effective step size after the first and the last step"),
            FieldDoc("path", "every step: step, x, y, loss, grad_norm, step_length"),
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

    /// Reads the options every descent command shares (descend, race).
    static func setup(_ args: Arguments) throws -> (expression: String, start: (Double, Double)) {
        // A quoted word is never read as key=value by the tokenizer, so f="x^2 + y^2" arrives here
        // as the LANDSCAPE positional.
        var typed = (try? args.text("f"))
        var landscape = DescentLandscape.ravine
        if let word = try? args.text("LANDSCAPE") {
            if word.hasPrefix("f=") {
                if typed != nil { throw CommandError("f= is given twice; e.g. descend sgd f=\"x^2+y^2\"") }
                typed = String(word.dropFirst(2))
            } else if let l = DescentLandscape(rawValue: word.lowercased()) {
                if typed != nil { throw CommandError("give a LANDSCAPE or f=, not both; e.g. descend sgd ravine or descend sgd f=\"x^2+y^2\"") }
                landscape = l
            } else {
                throw CommandError("unknown landscape '\(word)'; allowed: " + DescentLandscape.allCases.map(\.rawValue).joined(separator: ", ")
                                   + ", or f=EXPR; e.g. descend sgd rosenbrock")
            }
        }
        let expression = typed ?? landscape.expression
        var start = typed != nil ? (-7.0, 2.0) : landscape.start
        if case let .text(raw)? = args.value("from") {
            let parts = raw.split(separator: ",", omittingEmptySubsequences: false).map { NumberParsing.real(String($0).trimmingWhitespace()) }
            guard parts.count == 2, let x = parts[0], let y = parts[1] else {
                throw CommandError("from must be two numbers X,Y, got '\(raw)'; e.g. from=-7,2")
            }
            guard x.isFinite, y.isFinite else { throw CommandError("from must be finite, got '\(raw)'; e.g. from=-7,2") }
            start = (x, y)
        }
        return (expression, start)
    }

    static func settings(_ args: Arguments, _ kind: OptimizerKind) throws -> OptimizerKind.Settings {
        let lr = args.value("lr") != nil ? try args.real("lr") : kind.defaultLearningRate
        return .init(learningRate: lr, mu: try args.real("mu"), decay: try args.real("decay"),
                     beta1: try args.real("b1"), beta2: try args.real("b2"))
    }

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        guard let kind = OptimizerKind(rawValue: try args.word("RULE")) else { throw CommandError("unknown rule") }
        let (expression, start) = try setup(args)
        let report: DescentExperiment.Report
        do {
            report = try DescentExperiment.run(
                expression: expression, start: start, rule: kind, settings: try settings(args, kind),
                steps: try args.int("steps"), tolerance: try args.real("tol"), noise: try args.real("noise"),
                every: try args.int("every"), mapWidth: try args.int("width") - 4, rng: &context.session.rng,
                interrupt: context.interrupt)
        } catch let e as ExpressionError {
            throw CommandError("f: \(e.message) (column \(e.column + 1))",
                               detail: "  " + expression + "\n  " + String(repeating: " ", count: e.column) + "^")
        } catch let e as DescentExperiment.Failure {
            throw CommandError(e.description)
        }
        context.session.lastFigure = report.figure()
        return report
    }
}

extension DescentExperiment.Report: CommandOutput {
    public func renderText(_ style: TextStyle) -> String {
        func n(_ x: Double) -> String { Format.short6(x) }
        var out = [style.bold("\(rule.rawValue) on f = \(expression)") + " from (\(n(start_x)), \(n(start_y))), lr \(n(lr))"
                   + (noise > 0 ? ", gradient noise std \(n(noise))" : "")]
        out.append(style.dim("  " + formula))
        var t = Table(["step", "x", "y", "loss", "|grad|", "step length"], align: [.right, .right, .right, .right, .right, .right])
        for p in path where p.step % every == 0 || p.step == path.last?.step { t.add([String(p.step), n(p.x), n(p.y), n(p.loss), n(p.grad_norm), n(p.step_length)]) }
        out.append(t.render(style, indent: "  "))
        out.append("  final point  (\(n(final_x)), \(n(final_y))), loss \(n(final_loss)) after \(steps_run) steps")
        switch status {
        case .converged:
            out.append("  " + style.good("reached |grad| <= \(n(tolerance)) at step \(converged_step ?? steps_run)") + " (a stationary point: minimum or saddle)")
        case .maxSteps:
            out.append("  did not reach |grad| <= \(n(tolerance)) in \(steps_run) steps (last |grad| \(n(path.last?.grad_norm ?? .nan)))")
        case .diverged:
            out.append("  " + style.bad("diverged: \(diverged_reason ?? "")") + "; last finite point (\(n(final_x)), \(n(final_y)))")
        case .undefined:
            out.append("  " + style.bad("stopped: \(diverged_reason ?? "")") + "; last point where f has a value (\(n(final_x)), \(n(final_y)))")
        case .interrupted:
            out.append("  " + style.bad("interrupted after \(steps_run) steps") + ": not converged")
        }
        out.append("  the y step changed sign \(sign_changes_y) times")
        if !effective_first.isEmpty, !effective_last.isEmpty, rule != .sgd, effective_first != effective_last {
            out.append("  effective step (x, y): \(effective_first.map(n).joined(separator: ", ")) after step 1, "
                       + "\(effective_last.map(n).joined(separator: ", ")) after step \(steps_run)")
        }
        out.append(contentsOf: map.map { "  |" + $0 + "|" })
        out.append(style.dim("  S start, E end, o the path; darker = higher f (shade by rank among the map's values)"))
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

import Foundation
import NNLabCore
import NNLabExperiments

/// `newton [LANDSCAPE | f=EXPR] [from=] [steps=] [tol=]`: Newton's method x <- x - H^-1 grad on a
/// function of x and y, against Adam and SGD from the same start.
public struct NewtonCommand: Command {
    static let steps = Arg.integer("steps", 1...SecondOrderExperiment.maxIterations, default: 20, help: "most iterations")

    public static let spec = CommandSpec(
        name: "newton", topic: .optimizers,
        summary: "Newton's method on a 2-D landscape: x - H^-1 grad, no learning rate; one step on a quadratic",
        discussion: """
            Each iteration solves H d = -grad and moves to x + d, the stationary point of the local quadratic \
            model. The gradient is exact (the graph's backward pass); the graph gives no second derivatives, so \
            column j of the Hessian is a central difference of the exact gradient, (g(x + h e_j) - g(x - h e_j)) / 2h \
            with h = 1e-5 max(1, |x_j|), then symmetrized: its error is about h^2/6 times the third derivative \
            (none on a quadratic) plus rounding near 1e-11 |g|, far below what moves the iterates. On a quadratic \
            the model is the function, so one step lands on the minimum. Where the Hessian is not positive \
            definite (a saddle, a cap) the step still goes to the model's stationary point, which need not be \
            downhill: from near a saddle Newton moves toward the saddle. A singular Hessian (an eigenvalue at \
            most 1e-10 of the largest) stops the run. The eigenvalues at the final point say what it is \
            (minimum, saddle, maximum). Adam and SGD with descend's default lr run from the same start for up \
            to 10000 steps to compare the counts.
            """,
        arguments: [DescendCommand.landscape.spec, DescendCommand.f.spec, DescendCommand.from.spec, steps.spec,
                    DescendCommand.tol.spec, DescendCommand.width.spec],
        fields: [
            FieldDoc("method, expression, start_x, start_y, tolerance, planned", "the setup"),
            FieldDoc("final_x, final_y, final_loss, iterations, converged_iteration, status, reason", "where it ended and why"),
            FieldDoc("final_eig_min, final_eig_max, final_curvature", "the Hessian's eigenvalues at the end: positive-definite, indefinite, negative-definite, singular"),
            FieldDoc("indefinite_iterations", "iterations whose Hessian was not positive definite"),
            FieldDoc("evaluations", "gradient evaluations in all (4 per Hessian, 1 per new point, 1 at the start)"),
            FieldDoc("comparisons", "adam and sgd from the same start: rule, lr, steps_run, converged_step, final_loss, status"),
            FieldDoc("m, noise", "lbfgs only (null and 0 here)"),
            FieldDoc("run", "completed and planned iterations, and interrupted"),
            FieldDoc("path", "every iteration: iteration, x, y, loss, grad_norm, eig_min, eig_max"),
            FieldDoc("map", "the contour map's lines"),
        ],
        examples: [
            Example("newton quadratic", "x^2 + y^2: one step to (0, 0)"),
            Example("newton ravine", "x^2/20 + y^2, where SGD zig-zags: also one step"),
            Example("newton rosenbrock", "a handful of iterations down the banana valley"),
            Example("newton saddle", "from near the ridge line it moves to the saddle point, not away"),
        ],
        complete: { previous, _ in previous.isEmpty ? DescentLandscape.names : nil })

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        let (expression, start) = try DescendCommand.setup(args, landscape: args[DescendCommand.landscape], example: "newton")
        let monitor = context.monitor
        let report = try DescendCommand.translate(expression) {
            try SecondOrderExperiment.newton(expression: expression, start: start, iterations: try args.value(Self.steps),
                                             tolerance: try args.value(DescendCommand.tol), mapWidth: DescendCommand.mapWidth(args),
                                             rng: &context.session.rng, monitor: monitor)
        }
        context.session.lastFigure = report.figure()
        return report
    }
}

extension SecondOrderExperiment.Report: CommandOutput {
    public func renderText(_ style: TextStyle) -> String {
        func n(_ x: Double?) -> String { x.map(Format.short6) ?? "-" }
        let isNewton = method == "newton"
        var out = DescendCommand.wrap("\(method) on f = \(expression) from (\(n(start_x)), \(n(start_y)))"
                                      + (m.map { ", history m = \($0)" } ?? "") + (noise > 0 ? ", gradient noise std \(n(noise))" : ""),
                                      width: style.width, indent: "")
        out[0] = style.bold(out[0])
        out += DescendCommand.wrap(isNewton ? "x <- x - H^-1 grad (H by central differences of the exact gradient)"
                                            : "x <- x + alpha d, d = -H grad from the two-loop recursion over the last m pairs (s, y), alpha by a Wolfe line search",
                                   width: style.width, indent: "  ").map { style.dim($0) }
        let shown = path.count <= 21 ? Array(path.indices)
                                     : Array(Set((0..<20).map { $0 * (path.count - 1) / 19 })).sorted()
        var t = Table(["it", "x", "y", "loss", "|grad|"] + (isNewton ? ["eig min", "eig max"] : ["alpha", "evals"]),
                      align: Array(repeating: .right, count: 7))
        for i in shown {
            let p = path[i]
            t.add([String(p.iteration), n(p.x), n(p.y), n(p.loss), n(p.grad_norm)]
                  + (isNewton ? [n(p.eig_min), n(p.eig_max)] : [n(p.alpha), p.evaluations.map(String.init) ?? "-"]))
        }
        out.append(t.render(style, indent: "  "))
        if path.count > 21 { out.append(style.dim("  (\(shown.count) of \(path.count) rows; the JSON's path has every one)")) }
        out += DescendCommand.wrap("final point (\(n(final_x)), \(n(final_y))), loss \(n(final_loss)) after \(iterations) iteration\(iterations == 1 ? "" : "s"), "
                                   + "\(evaluations) gradient evaluations", width: style.width, indent: "  ")
        var verdict: String
        switch status {
        case .converged: verdict = "reached |grad| <= \(n(tolerance)) at iteration \(converged_iteration ?? iterations)"
        case .maxIterations: verdict = "did not reach |grad| <= \(n(tolerance)) in \(iterations) iterations (last |grad| \(n(path.last?.grad_norm)))"
        case .interrupted: verdict = "interrupted after \(iterations) of \(planned) iterations: not converged, no comparison run"
        default: verdict = "stopped: " + (reason ?? status.rawValue)
        }
        out += DescendCommand.wrap(verdict, width: style.width, indent: "  ")
        if isNewton, let lo = final_eig_min, let hi = final_eig_max, let c = final_curvature {
            var what: String
            switch c {
            case .positiveDefinite: what = "both positive: a minimum"
            case .indefinite: what = "opposite signs: a saddle point, which Newton's step treats like any stationary point"
            case .negativeDefinite: what = "both negative: a maximum"
            case .singular: what = "one is (nearly) zero: flat in one direction"
            }
            if status != .converged { what = what.replacingOccurrences(of: ": a ", with: " around this point: a ") }
            out += DescendCommand.wrap("Hessian eigenvalues at the end \(n(lo)), \(n(hi)), \(what)", width: style.width, indent: "  ")
        }
        if !indefinite_iterations.isEmpty {
            let list = indefinite_iterations.prefix(8).map(String.init).joined(separator: ", ") + (indefinite_iterations.count > 8 ? ", ..." : "")
            out += DescendCommand.wrap("the Hessian was not positive definite at iteration \(list): there the step goes to the model's "
                                       + "stationary point, not necessarily downhill", width: style.width, indent: "  ")
        }
        for c in comparisons {
            let reached = c.converged_step.map { "reached it at step \($0)" } ?? "did not reach it in \(c.steps_run) steps"
            out += DescendCommand.wrap("\(c.rule.rawValue) (lr \(n(c.lr))) from the same start \(reached)"
                                       + (c.status == .diverged ? " (diverged)" : "") + ", final loss \(n(c.final_loss))",
                                       width: style.width, indent: "  ")
        }
        if !isNewton, let adam = comparisons.first, status != .interrupted {
            let cmp = final_loss < adam.final_loss ? "lower than" : (final_loss > adam.final_loss ? "higher than" : "equal to")
            out += DescendCommand.wrap("lbfgs's final loss \(n(final_loss)) is \(cmp) adam's \(n(adam.final_loss)) after at most \(planned) "
                                       + "iterations each", width: style.width, indent: "  ")
        }
        let drawn = DescendCommand.fitted(map, expression: expression, paths: [path.map { ($0.x, $0.y) }], style: style)
        out.append(contentsOf: drawn.map { "  |" + $0 + "|" })
        out.append(style.dim("  S start, E end, o the iterates; darker = higher f"))
        return out.joined(separator: "\n")
    }

    /// The iterates on the shaded map as an SVG, as descend draws its path.
    func figure() -> Figure {
        let rows = map.count, cols = map.first?.count ?? 0
        let cw = 8.0, ch = 16.0
        var svg = SVGBuilder(width: Double(cols) * cw + 40, height: Double(rows) * ch + 60, title: "\(method) on \(expression)")
        for (r, line) in map.enumerated() {
            for (c, char) in line.enumerated() {
                let grey = 255 - (ContourMap.shades.firstIndex(of: char) ?? 0) * 18
                svg.body.append("<rect x=\"\(SVGBuilder.n(20 + Double(c) * cw))\" y=\"\(SVGBuilder.n(40 + Double(r) * ch))\" width=\"\(cw)\" height=\"\(ch)\" fill=\"rgb(\(grey),\(grey),\(grey))\"/>")
            }
        }
        if let b = ContourMap.bounds(path.map { ($0.x, $0.y) }), cols > 0, rows > 0 {
            func sx(_ x: Double) -> Double { 20 + (x - b.x0) / (b.x1 - b.x0) * Double(cols) * cw }
            func sy(_ y: Double) -> Double { 40 + (b.y1 - y) / (b.y1 - b.y0) * Double(rows) * ch }
            svg.body.append("<polyline fill=\"none\" stroke=\"#d62728\" stroke-width=\"1.5\" points=\""
                            + path.map { "\(SVGBuilder.n(sx($0.x))),\(SVGBuilder.n(sy($0.y)))" }.joined(separator: " ") + "\"/>")
            for p in path { svg.body.append("<circle cx=\"\(SVGBuilder.n(sx(p.x)))\" cy=\"\(SVGBuilder.n(sy(p.y)))\" r=\"3\" fill=\"#d62728\"/>") }
            if let s = path.first { svg.body.append("<circle cx=\"\(SVGBuilder.n(sx(s.x)))\" cy=\"\(SVGBuilder.n(sy(s.y)))\" r=\"5\" fill=\"green\"/>") }
        }
        svg.text(20, Double(rows) * ch + 56, "green: start; red: the iterates; darker = higher f", size: 11)
        return svg.figure(title: method)
    }
}

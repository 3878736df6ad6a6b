import Foundation
import NNLabCore
import NNLabExperiments

/// `race [RULES...|all] [LANDSCAPE | f=EXPR] ...`: several update rules from one start on one
/// landscape, side by side, ranked by what their numbers show.
public struct RaceCommand: Command {
    static let words = Arg.words("RULES", help: "rules to race (" + OptimizerKind.names.joined(separator: ", ")
                                 + "), or all (the default); a LANDSCAPE word or f= may come among them")
    static let steps = Arg.integer("steps", 1...RaceExperiment.maxTotalSteps, default: 200,
                                   help: "most steps per rule (rules x steps at most 100000)")
    static let every = Arg.integer("every", 1...RaceExperiment.maxTotalSteps, default: 20, help: "stream every rule's loss every k-th step")

    public static let spec = CommandSpec(
        name: "race", topic: .optimizers,
        summary: "race several update rules from the same start on one landscape: ranked table and one map with a path per rule",
        discussion: """
            Every rule starts at the same point and takes its steps in lockstep with the others (step t of \
            each before step t + 1 of any); every k-th step each rule's loss is streamed. Each rule uses its \
            own default learning rate (the one descend uses) unless lr= is given, which then applies to all. \
            The ranking: rules that reached |grad| <= tol first, by the step they reached it; then the others \
            by final loss; then rules that diverged, the longest-lasting first. The winner is the first of \
            that ranking and the reason printed beside it is read off its row; when the first place is shared \
            (same step, or the same final loss) the result says it is a tie. The map draws rule k's path with \
            the digit k (later rules over earlier ones where paths cross) and S at the common start; it covers \
            the paths that stayed finite. noise= draws one Gaussian per gradient component from the \
            session's generator, rule by rule in the order given. save writes the map as an SVG with one \
            colour per rule.
            """,
        arguments: [words.spec, DescendCommand.f.spec, DescendCommand.from.spec, DescendCommand.lr.spec, steps.spec,
                    DescendCommand.mu.spec, DescendCommand.decay.spec, DescendCommand.b1.spec, DescendCommand.b2.spec,
                    DescendCommand.noise.spec, DescendCommand.tol.spec, every.spec, DescendCommand.schedule.spec,
                    DescendCommand.width.spec],
        fields: [
            FieldDoc("expression, start_x, start_y, steps, tolerance, noise, every, schedule", "the setup"),
            FieldDoc("rules", "the rules in the order given (rule k is drawn with digit k)"),
            FieldDoc("ranking", "best first: rank, rule, lr, final_x, final_y, final_loss, steps_run, converged_step, status, path"),
            FieldDoc("winner", "the first-ranked rule; null when interrupted or tied"),
            FieldDoc("tied", "the rules sharing first place, when they do"),
            FieldDoc("reason", "why the winner ranks first (from its row)"),
            FieldDoc("run", "completed and planned steps, and interrupted"),
            FieldDoc("map", "the contour map's lines"),
        ],
        examples: [
            Example("race", "all ten rules on the ravine x^2/20 + y^2 from (-7, 2), 200 steps"),
            Example("race sgd momentum nesterov", "SGD zig-zags, the two momentum rules go along the ravine"),
            Example("race sgd momentum saddle steps=60", "from the saddle's ridge line: which rule escapes first"),
            Example("race all rosenbrock steps=2000 every=200", "the banana valley"),
            Example("race sgd adam noise=0.5", "with noisy (mini-batch) gradients"),
        ],
        complete: { _, _ in ["all"] + OptimizerKind.names + DescentLandscape.names })

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        var rules: [OptimizerKind] = []
        var landscape: String?
        for w in args[Self.words] ?? [] {
            if w.lowercased() == "all" { rules += OptimizerKind.allCases.filter { !rules.contains($0) }; continue }
            if let k = OptimizerKind(rawValue: w.lowercased()) {
                if rules.contains(k) { throw CommandError("\(k.rawValue) is given twice; e.g. race sgd momentum adam") }
                rules.append(k); continue
            }
            if w.hasPrefix("f=") || DescentLandscape(rawValue: w.lowercased()) != nil {
                if landscape != nil { throw CommandError("give one LANDSCAPE or f=, got '\(landscape ?? "")' and '\(w)'; e.g. race all saddle") }
                landscape = w; continue
            }
            var msg = "unknown rule or landscape '\(w)'"
            if let s = Suggest.closest(w, in: OptimizerKind.names + DescentLandscape.names + ["all"]) { msg += " (did you mean \(s)?)" }
            throw CommandError(msg + "; allowed: all, " + OptimizerKind.names.joined(separator: ", ") + ", and a landscape ("
                               + DescentLandscape.names.joined(separator: ", ") + ") or f=EXPR; e.g. race sgd momentum saddle")
        }
        if rules.isEmpty { rules = OptimizerKind.allCases }
        let (expression, start) = try DescendCommand.setup(args, landscape: landscape, example: "race sgd adam")
        let steps = try args.value(Self.steps)
        guard steps * rules.count <= RaceExperiment.maxTotalSteps else {
            throw CommandError("\(rules.count) rules x \(steps) steps is more than \(RaceExperiment.maxTotalSteps) steps in all; "
                               + "allowed: steps up to \(RaceExperiment.maxTotalSteps / rules.count) for \(rules.count) rules; e.g. race all steps=200")
        }
        var table: [OptimizerKind: OptimizerKind.Settings] = [:]
        for k in rules { table[k] = try DescendCommand.settings(args, k) }
        let settings = table
        let shape = try DescendCommand.schedule(args, context.session, lr: 1)
        let monitor = context.monitor
        let report = try DescendCommand.translate(expression) {
            try RaceExperiment.run(expression: expression, start: start, rules: rules,
                                   settings: { settings[$0] ?? .init(learningRate: $0.defaultLearningRate) }, schedule: shape,
                                   steps: steps, tolerance: try args.value(DescendCommand.tol), noise: try args.value(DescendCommand.noise),
                                   every: try args.value(Self.every), mapWidth: DescendCommand.mapWidth(args), rng: &context.session.rng,
                                   monitor: monitor)
        }
        context.session.lastFigure = report.figure()
        return report
    }
}

extension RaceExperiment.Step: TextRecord {
    /// "step 20  1 sgd 0.33  2 momentum 0.0011 ...", wrapped at words to the screen.
    public func renderLine(_ style: TextStyle) -> String {
        var lines: [String] = []
        var line = "step \(step)"
        for e in losses {
            let item = "\(e.rule.rawValue) \(Format.short6(e.loss))" + (e.stopped ? " (stopped)" : "")
            if line.count + 2 + item.count > style.width { lines.append(line); line = "   " }
            line += (line == "   " ? "" : "  ") + item
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}

extension RaceExperiment.Report: CommandOutput {
    public func renderText(_ style: TextStyle) -> String {
        func n(_ x: Double) -> String { Format.short6(x) }
        var out = DescendCommand.wrap("race on f = \(expression) from (\(n(start_x)), \(n(start_y))), \(ranking.count) rules, up to \(steps) steps",
                                      width: style.width, indent: "")
        out[0] = style.bold(out[0])
        out += DescendCommand.wrap("stop at |grad| <= \(n(tolerance))" + (noise > 0 ? "; gradient noise std \(n(noise))" : "")
                                   + (schedule.map { "; lr follows " + DescendCommand.describe($0) } ?? ""), width: style.width, indent: "  ")
        let wide = style.wide || style.width >= 110
        var headers = ["rank", "mark", "rule", "lr", "final loss", "reached tol", "status"]
        if wide { headers += ["final x", "final y"] }
        var t = Table(headers, align: [.right, .left, .left, .right, .right, .right, .left, .right, .right])
        let order = ranking.sorted { a, b in a.rank < b.rank }
        let given = rules
        for r in order {
            let mark = String(ContourMap.digitMarks[(given.firstIndex(of: r.rule) ?? 0) % ContourMap.digitMarks.count])
            var row = [String(r.rank), mark, r.rule.rawValue, n(r.lr), n(r.final_loss),
                       r.converged_step.map { "step \($0)" } ?? "no", r.status.rawValue]
            if wide { row += [n(r.final_x), n(r.final_y)] }
            t.add(row)
        }
        out.append(t.render(style, indent: "  "))
        if !wide { out.append(style.dim("  (final x and y: --wide or a screen of 110 columns)")) }
        if let winner {
            out += DescendCommand.wrap("winner: \(winner.rawValue), " + reason, width: style.width, indent: "  ")
        } else {
            out += DescendCommand.wrap(reason, width: style.width, indent: "  ")
        }
        let paths = given.compactMap { rule in ranking.first { $0.rule == rule }?.path.map { ($0.x, $0.y) } }
        let kept = given.compactMap { rule in ranking.first { $0.rule == rule && $0.status != .diverged } }.flatMap { $0.path.map { ($0.x, $0.y) } }
        let drawn = DescendCommand.fitted(map, expression: expression, paths: paths, style: style,
                                          marks: ContourMap.digitMarks, markEnd: false, region: kept.isEmpty ? nil : kept)
        out.append(contentsOf: drawn.map { "  |" + $0 + "|" })
        var legend: [String] = []
        var line = "  S start"
        for (i, rule) in given.enumerated() {
            let item = "\(ContourMap.digitMarks[i % ContourMap.digitMarks.count]) \(rule.rawValue)"
            if line.count + 3 + item.count > style.width { legend.append(line); line = "   " }
            line += (line == "   " ? " " : ",  ") + item
        }
        legend.append(line)
        out.append(contentsOf: legend.map { style.dim($0) })
        out += DescendCommand.wrap("darker = higher f (shade by rank among the map's values); a later rule's digit covers an earlier one's",
                                   width: style.width, indent: "  ").map { style.dim($0) }
        return out.joined(separator: "\n")
    }

    static let colours = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]

    /// The map as an SVG: grey cells by shade, one coloured polyline per rule, a legend.
    func figure() -> Figure {
        let rows = map.count, cols = map.first?.count ?? 0
        let cw = 8.0, ch = 16.0
        let given = rules
        var svg = SVGBuilder(width: Double(cols) * cw + 200, height: max(Double(rows) * ch + 60, Double(given.count) * 18 + 60),
                             title: "race on \(expression)")
        for (r, line) in map.enumerated() {
            for (c, char) in line.enumerated() {
                let level = ContourMap.shades.firstIndex(of: char) ?? 0
                let grey = 255 - level * 18
                svg.body.append("<rect x=\"\(SVGBuilder.n(20 + Double(c) * cw))\" y=\"\(SVGBuilder.n(40 + Double(r) * ch))\" width=\"\(cw)\" height=\"\(ch)\" fill=\"rgb(\(grey),\(grey),\(grey))\"/>")
            }
        }
        let kept = ranking.filter { $0.status != .diverged }.flatMap { $0.path.map { ($0.x, $0.y) } }
        guard let b = ContourMap.bounds(kept.isEmpty ? ranking.flatMap { $0.path.map { ($0.x, $0.y) } } : kept), cols > 0, rows > 0 else {
            return svg.figure(title: "race")
        }
        func sx(_ x: Double) -> Double { 20 + (x - b.x0) / (b.x1 - b.x0) * Double(cols) * cw }
        func sy(_ y: Double) -> Double { 40 + (b.y1 - y) / (b.y1 - b.y0) * Double(rows) * ch }
        let w = Double(cols) * cw, h = Double(rows) * ch
        svg.body.append("<clipPath id=\"map\"><rect x=\"20\" y=\"40\" width=\"\(SVGBuilder.n(w))\" height=\"\(SVGBuilder.n(h))\"/></clipPath>")
        for (i, rule) in given.enumerated() {
            guard let row = ranking.first(where: { $0.rule == rule }) else { continue }
            let colour = Self.colours[i % Self.colours.count]
            svg.body.append("<polyline clip-path=\"url(#map)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.5\" points=\""
                            + row.path.map { "\(SVGBuilder.n(sx($0.x))),\(SVGBuilder.n(sy($0.y)))" }.joined(separator: " ") + "\"/>")
            svg.body.append("<rect x=\"\(SVGBuilder.n(w + 32))\" y=\"\(SVGBuilder.n(44 + Double(i) * 18))\" width=\"12\" height=\"4\" fill=\"\(colour)\"/>")
            svg.text(w + 50, 50 + Double(i) * 18, "\(rule.rawValue) (#\(row.rank))", size: 11)
        }
        svg.body.append("<circle cx=\"\(SVGBuilder.n(sx(start_x)))\" cy=\"\(SVGBuilder.n(sy(start_y)))\" r=\"5\" fill=\"green\"/>")
        svg.text(20, h + 56, "green: the common start; darker = higher f; (#n) = rank", size: 11)
        return svg.figure(title: "race")
    }
}


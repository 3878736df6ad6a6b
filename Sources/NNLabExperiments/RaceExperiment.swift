import Foundation
import NNLabCore

/// Several update rules from the same start on the same landscape, moved in lockstep (step t of every
/// rule before step t + 1 of any), each with its own default learning rate unless `lr=` is given.
///
/// Ranking (`Report.ranking`, best first): rules that reached |grad| <= tol, by the step they reached
/// it (fewer first); then rules that ran out of steps, by final loss (lower first); then rules that
/// diverged or hit a point where f has no value, by the step they stopped at (later first). The
/// winner is the first of the ranking when nothing ties with it; a tie is reported as one.
public enum RaceExperiment {
    /// Every rule's loss after a step: the streamed record (`{"type":"race-step",...}`).
    public struct Step: StreamRecord, Codable {
        public static let recordType = "race-step"
        public var step: Int
        /// Rule name and its loss after this step (the last loss for a rule that already stopped).
        public var losses: [Entry]
        public struct Entry: Codable, Sendable { public var rule: OptimizerKind; public var loss: Double; public var stopped: Bool }
    }

    public struct Row: Codable, Sendable {
        public var rank: Int
        public var rule: OptimizerKind
        public var lr: Double
        public var final_x: Double
        public var final_y: Double
        public var final_loss: Double
        public var steps_run: Int
        public var converged_step: Int?
        public var status: DescentExperiment.Status
        public var path: [DescentExperiment.Point]
    }

    public struct Report: Codable, Sendable {
        public var expression: String
        public var start_x: Double
        public var start_y: Double
        public var steps: Int
        public var tolerance: Double
        public var noise: Double
        public var every: Int
        /// The schedule's shape (kind, decay, every); each rule's follows it from its own lr (`base` here
        /// is the first rule's).
        public var schedule: LearningRateSchedule?
        /// The rules in the order given (rule k's path is drawn with the k-th digit).
        public var rules: [OptimizerKind]
        /// Best first (see the type's ranking rule).
        public var ranking: [Row]
        /// The first-ranked rule, nil when the run was interrupted or the first place is tied.
        public var winner: OptimizerKind?
        /// Rules sharing first place (same converged step, or the same final loss to 1e-12 relative).
        public var tied: [OptimizerKind]
        /// Why the winner won, derived from its row: "converged at step N" or "lowest final loss".
        public var reason: String
        public var run: RunState
        public var map: [String]
    }

    /// Order of the groups: converged, max-steps, stopped (diverged or undefined).
    static func group(_ s: DescentExperiment.Status) -> Int {
        switch s {
        case .converged: return 0
        case .maxSteps, .interrupted: return 1
        case .diverged, .undefined: return 2
        }
    }

    /// True when `a` ranks before `b`.
    static func before(_ a: Row, _ b: Row) -> Bool {
        let ga = group(a.status), gb = group(b.status)
        if ga != gb { return ga < gb }
        switch ga {
        case 0: return (a.converged_step ?? 0) < (b.converged_step ?? 0)
        case 1: return a.final_loss < b.final_loss
        default: return a.steps_run > b.steps_run
        }
    }

    static func ties(_ a: Row, _ b: Row) -> Bool {
        let ga = group(a.status), gb = group(b.status)
        guard ga == gb else { return false }
        switch ga {
        case 0: return a.converged_step == b.converged_step
        case 1: return abs(a.final_loss - b.final_loss) <= 1e-12 * max(abs(a.final_loss), abs(b.final_loss), 1e-300)
        default: return a.steps_run == b.steps_run
        }
    }

    /// At most this many steps summed over the rules (10 rules x 10,000 steps), so a race finishes
    /// in about a second.
    public static let maxTotalSteps = 100_000

    public static func run(expression text: String, start: (Double, Double), rules: [OptimizerKind],
                           settings: (OptimizerKind) -> OptimizerKind.Settings, schedule: LearningRateSchedule?,
                           steps: Int, tolerance: Double, noise: Double, every: Int, mapWidth: Int,
                           rng: inout NumpyRandom, monitor: Monitor) throws -> Report {
        guard !rules.isEmpty else { throw DescentExperiment.Failure(description: "race needs at least one rule; e.g. race sgd momentum adam") }
        guard steps * rules.count <= maxTotalSteps else {
            throw DescentExperiment.Failure(description: "\(rules.count) rules x \(steps) steps is more than \(maxTotalSteps) steps in all; "
                                            + "allowed: steps up to \(maxTotalSteps / rules.count) for \(rules.count) rules; e.g. race all steps=200")
        }
        let graph = try DescentExperiment.landscape(text, start: start)
        var runs = try rules.map { kind in
            let s = settings(kind)
            let own = try schedule.map { try LearningRateSchedule($0.kind, base: s.learningRate, decay: $0.decay, every: $0.every) }
            return try DescentExperiment.Run(graph: graph, start: start, kind: kind, settings: s, schedule: own,
                                      steps: steps, tolerance: tolerance, noise: noise)
        }
        var t = 0
        var interrupted = false
        while runs.contains(where: { !$0.finished }) {
            if monitor.shouldStop { interrupted = true; for i in runs.indices { runs[i].interrupt() }; break }
            t += 1
            for i in runs.indices { runs[i].advance(rng: &rng) }
            if t % every == 0 || !runs.contains(where: { !$0.finished }) {
                monitor.emit(Step(step: t, losses: runs.map { .init(rule: $0.kind, loss: $0.last.loss, stopped: $0.finished && $0.done < t) }))
            }
            monitor.progress(t, of: steps, "step")
        }
        var rows = runs.map { r in
            Row(rank: 0, rule: r.kind, lr: r.settings.learningRate, final_x: r.last.x, final_y: r.last.y, final_loss: r.last.loss,
                steps_run: r.done, converged_step: r.converged, status: r.status, path: r.path)
        }
        // A stable sort keeps the order the rules were given among equals.
        rows = rows.enumerated().sorted { a, b in
            before(a.element, b.element) || (!before(b.element, a.element) && a.offset < b.offset)
        }.map(\.element)
        for i in rows.indices { rows[i].rank = i + 1 }
        let tied = rows.first.map { first in rows.filter { ties($0, first) }.map(\.rule) } ?? []
        var winner: OptimizerKind? = nil
        var reason = ""
        if interrupted {
            reason = "interrupted after \(t) of \(steps) steps: no winner"
        } else if let first = rows.first {
            if tied.count > 1 {
                reason = "a tie between " + tied.map(\.rawValue).joined(separator: ", ")
                    + (first.status == .converged ? " (all reached |grad| <= tol at step \(first.converged_step ?? 0))" : "")
            } else {
                winner = first.rule
                switch group(first.status) {
                case 0: reason = "first to reach |grad| <= tol, at step \(first.converged_step ?? 0)"
                case 1: reason = "lowest final loss after \(first.steps_run) steps (none reached |grad| <= tol)"
                default: reason = "every rule stopped early; it lasted longest (\(first.steps_run) steps)"
                }
            }
        }
        // The map covers the paths that stayed finite and bounded; a diverged path is drawn where it crosses it.
        let kept = runs.filter { $0.status != .diverged }.flatMap { $0.path.map { ($0.x, $0.y) } }
        let map = ContourMap.render(graph: graph, paths: runs.map { $0.path.map { ($0.x, $0.y) } }, width: mapWidth,
                                    marks: ContourMap.digitMarks, markEnd: false, region: kept.isEmpty ? nil : kept)
        return Report(expression: text, start_x: start.0, start_y: start.1, steps: steps, tolerance: tolerance, noise: noise,
                      every: every, schedule: runs.first?.schedule, rules: rules, ranking: rows, winner: winner, tied: tied.count > 1 ? tied : [],
                      reason: reason, run: RunState(completed: t, planned: steps, interrupted: interrupted), map: map)
    }
}

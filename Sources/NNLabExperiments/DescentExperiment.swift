import Foundation
import NNLabCore

/// One update rule run on a function of x and y, its gradient from the computational graph.
public enum DescentExperiment {
    /// The most steps one run may take (a stated limit, so a typo cannot hang the shell): one step is
    /// a forward and backward pass through a small graph (a few microseconds), so 100,000 steps of one
    /// rule take well under a second.
    public static let maxSteps = 100_000
    /// A loss or coordinate beyond this magnitude counts as having left for infinity.
    public static let divergenceBound = 1e12

    public enum Status: String, Codable, Sendable, Equatable {
        case converged, maxSteps = "max-steps", diverged, interrupted
        /// f or its gradient has no value at the new point (log of a negative number, sqrt(0)...).
        case undefined
    }

    public struct Point: Codable, Sendable, Equatable {
        public var step: Int
        public var x: Double
        public var y: Double
        public var loss: Double
        public var grad_norm: Double
        public var step_length: Double
        /// The learning rate the step was taken with (the schedule's rate, or the constant lr).
        public var lr: Double
    }

    public struct Report: Codable, Sendable {
        public var rule: OptimizerKind
        public var formula: String
        public var expression: String
        public var lr: Double
        /// The schedule the learning rate followed, step t using rate(epoch: t - 1); nil: constant lr.
        public var schedule: LearningRateSchedule?
        public var start_x: Double
        public var start_y: Double
        public var final_x: Double
        public var final_y: Double
        public var final_loss: Double
        public var steps_run: Int
        public var steps_planned: Int
        public var tolerance: Double
        /// The first step whose gradient norm is at or below `tolerance`, nil if none.
        public var converged_step: Int?
        public var status: Status
        public var diverged_reason: String?
        /// How many times the y coordinate's step changed sign (the ravine's zig-zag).
        public var sign_changes_y: Int
        public var noise: Double
        /// Effective per-coordinate step (lr / (sqrt(cache) + eps) for adaptive rules) after the first
        /// and the last step.
        public var effective_first: [Double]
        public var effective_last: [Double]
        public var every: Int
        public var run: RunState
        public var path: [Point]
        public var map: [String]
    }

    public struct Failure: Error, CustomStringConvertible { public var description: String }

    /// f and its gradient at (x, y) by forward and backward passes through the graph.
    static func evaluate(_ graph: inout ComputationalGraph, _ p: [Double]) throws -> (Double, [Double]) {
        try graph.forward(["x": p[0], "y": p[1]])
        graph.backward()
        let g = graph.inputGradients
        return (graph.value, [g["x"] ?? 0, g["y"] ?? 0])
    }

    /// Parses `f` and checks it uses only x and y and has a value at the start.
    public static func landscape(_ text: String, start: (Double, Double)) throws -> ComputationalGraph {
        let expression = try ExpressionParser.parse(text)
        let unknown = expression.variables.filter { $0 != "x" && $0 != "y" }
        guard unknown.isEmpty else {
            throw Failure(description: "f may use only x and y, got \(unknown.joined(separator: ", ")); e.g. f=\"x^2/20 + y^2\"")
        }
        guard start.0.isFinite, start.1.isFinite else { throw Failure(description: "the start must be finite, got \(start.0),\(start.1); e.g. from=-7,2") }
        var graph = ComputationalGraph(expression)
        do { _ = try evaluate(&graph, [start.0, start.1]) } catch let e as ComputationalGraph.Failure {
            throw Failure(description: "f cannot be evaluated at the start (\(start.0), \(start.1)): \(e.description)")
        }
        return graph
    }

    /// One run in progress, advanced a step at a time so `race` can move several rules in lockstep.
    ///
    /// Step t (1-based) uses the learning rate `schedule.rate(epoch: t - 1)` (the constant lr without a
    /// schedule), asks the graph for the gradient (plus noise ~ N(0, noise^2) per component, drawn
    /// from `rng`), and records the new point. The run ends at the first point with |grad| <= tol
    /// (converged), when the point or the loss passes 1e12 or is not a number (diverged: the last
    /// finite point is kept), when f has no value (undefined), or after `planned` steps.
    public struct Run: Sendable {
        public let kind: OptimizerKind
        public let settings: OptimizerKind.Settings
        public let schedule: LearningRateSchedule?
        public let tolerance: Double
        public let noise: Double
        public let planned: Int
        var graph: ComputationalGraph
        var rule: any GradientStepRule
        var x: [Double]
        public private(set) var path: [Point]
        public private(set) var status = Status.maxSteps
        public private(set) var converged: Int?
        public private(set) var reason: String?
        public private(set) var signChanges = 0
        var lastDy = 0.0
        var firstEffective: [Double] = []
        public private(set) var done = 0
        /// True once the run has stopped (converged, diverged, undefined, or all steps taken).
        public private(set) var finished = false

        public init(graph: ComputationalGraph, start: (Double, Double), kind: OptimizerKind, settings: OptimizerKind.Settings,
                    schedule: LearningRateSchedule?, steps: Int, tolerance: Double, noise: Double) throws {
            guard settings.learningRate > 0, settings.learningRate.isFinite else {
                throw Failure(description: "lr must be a positive number, got \(settings.learningRate); e.g. lr=0.1")
            }
            guard (1...maxSteps).contains(steps) else { throw Failure(description: "steps must be from 1 to \(maxSteps), got \(steps); e.g. steps=100") }
            self.kind = kind; self.settings = settings; self.schedule = schedule
            self.tolerance = tolerance; self.noise = noise; self.planned = steps
            self.graph = graph
            self.rule = kind.make(settings)
            x = [start.0, start.1]
            var g = graph
            let (loss0, grad0) = (try? evaluate(&g, x)) ?? (.nan, [.nan, .nan])
            let norm = hypot(grad0[0], grad0[1])
            path = [Point(step: 0, x: x[0], y: x[1], loss: loss0, grad_norm: norm, step_length: 0, lr: 0)]
            if norm <= tolerance { converged = 0; status = .converged; finished = true }
        }

        /// The learning rate of step t (1-based).
        public func rate(step t: Int) -> Double { schedule?.rate(epoch: t - 1) ?? settings.learningRate }

        /// Takes the next step; does nothing once finished.
        public mutating func advance(rng: inout NumpyRandom) {
            guard !finished else { return }
            let t = done + 1
            let before = x
            var failure: String?
            let noise = self.noise
            var graph = self.graph
            rule.learningRate = rate(step: t)
            rule.step(&x) { p in
                do {
                    var g = try evaluate(&graph, p).1
                    if noise > 0 { g[0] += noise * rng.randn(); g[1] += noise * rng.randn() }
                    return g
                } catch {
                    failure = "the gradient cannot be computed at (\(p[0]), \(p[1])) in step \(t): \(error)"
                    return [Double.nan, Double.nan]
                }
            }
            if t == 1 { firstEffective = rule.effectiveStep }
            var evaluated: (Double, [Double])?
            do { evaluated = try evaluate(&graph, x) } catch {
                if failure == nil { failure = "f cannot be evaluated at (\(x[0]), \(x[1])) after step \(t): \(error)" }
            }
            self.graph = graph
            guard failure == nil, let (loss, grad) = evaluated, x.allSatisfy({ $0.isFinite && abs($0) < divergenceBound }),
                  loss.isFinite, abs(loss) < divergenceBound else {
                status = failure == nil ? .diverged : .undefined
                reason = failure ?? "the point or the loss left for infinity at step \(t) (|x|, |y| or |f| above 1e12 or not a number)"
                x = before
                finished = true
                return
            }
            done = t
            let dy = x[1] - before[1]
            if dy != 0, lastDy != 0, (dy > 0) != (lastDy > 0) { signChanges += 1 }
            if dy != 0 { lastDy = dy }
            let norm = hypot(grad[0], grad[1])
            path.append(Point(step: t, x: x[0], y: x[1], loss: loss, grad_norm: norm,
                              step_length: hypot(x[0] - before[0], x[1] - before[1]), lr: rule.learningRate))
            if norm <= tolerance { converged = t; status = .converged; finished = true; return }
            if t >= planned { finished = true }
        }

        /// Marks an unfinished run as stopped by Ctrl-C.
        public mutating func interrupt() {
            guard !finished else { return }
            status = .interrupted; finished = true
        }

        public var last: Point { path[path.count - 1] }

        public func report(expression: String, every: Int, mapWidth: Int) -> Report {
            let l = last
            let map = ContourMap.render(graph: graph, paths: [path.map { ($0.x, $0.y) }], width: mapWidth)
            return Report(rule: kind, formula: kind.formula, expression: expression, lr: settings.learningRate, schedule: schedule,
                          start_x: path[0].x, start_y: path[0].y, final_x: l.x, final_y: l.y, final_loss: l.loss,
                          steps_run: done, steps_planned: planned, tolerance: tolerance, converged_step: converged, status: status,
                          diverged_reason: reason, sign_changes_y: signChanges, noise: noise,
                          effective_first: firstEffective, effective_last: rule.effectiveStep, every: every,
                          run: RunState(completed: done, planned: planned, interrupted: status == .interrupted),
                          path: path, map: map)
        }
    }

    public static func run(expression text: String, start: (Double, Double), rule kind: OptimizerKind,
                           settings: OptimizerKind.Settings, schedule: LearningRateSchedule? = nil, steps: Int,
                           tolerance: Double, noise: Double, every: Int, mapWidth: Int, rng: inout NumpyRandom,
                           monitor: Monitor) throws -> Report {
        let graph = try landscape(text, start: start)
        var run = try Run(graph: graph, start: start, kind: kind, settings: settings, schedule: schedule,
                          steps: steps, tolerance: tolerance, noise: noise)
        while !run.finished {
            if monitor.shouldStop { run.interrupt(); break }
            run.advance(rng: &rng)
            if run.done % 100 == 0 { monitor.progress(run.done, of: steps, "step") }
        }
        return run.report(expression: text, every: every, mapWidth: mapWidth)
    }
}

import Foundation
import NNLabCore

/// One update rule run on a function of x and y, its gradient from the computational graph.
public enum DescentExperiment {
    /// The most steps one run may take (a stated limit, so a typo cannot hang the shell).
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
    }

    public struct Report: Codable, Sendable {
        public var rule: OptimizerKind
        public var formula: String
        public var expression: String
        public var lr: Double
        public var start_x: Double
        public var start_y: Double
        public var final_x: Double
        public var final_y: Double
        public var final_loss: Double
        public var steps_run: Int
        public var tolerance: Double
        /// The first step whose gradient norm is at or below `tolerance`, nil if none.
        public var converged_step: Int?
        public var status: Status
        public var diverged_reason: String?
        /// How many times the y coordinate's step changed sign (the ravine's zig-zag).
        public var sign_changes_y: Int
        public var noise: Double
        /// Effective per-coordinate step (lr / (sqrt(cache) + eps) for adaptive rules) after the first
        /// and the last step, and at every printed step.
        public var effective_first: [Double]
        public var effective_last: [Double]
        public var every: Int
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

    public static func run(expression text: String, start: (Double, Double), rule kind: OptimizerKind,
                           settings: OptimizerKind.Settings, steps: Int, tolerance: Double, noise: Double,
                           every: Int, mapWidth: Int, rng: inout NumpyRandom, interrupt: InterruptFlag) throws -> Report {
        let expression = try ExpressionParser.parse(text)
        let unknown = expression.variables.filter { $0 != "x" && $0 != "y" }
        guard unknown.isEmpty else {
            throw Failure(description: "f may use only x and y, got \(unknown.joined(separator: ", ")); e.g. f=\"x^2/20 + y^2\"")
        }
        guard start.0.isFinite, start.1.isFinite else { throw Failure(description: "the start must be finite, got \(start.0),\(start.1); e.g. from=-7,2") }
        guard settings.learningRate > 0, settings.learningRate.isFinite else {
            throw Failure(description: "lr must be a positive number, got \(settings.learningRate); e.g. lr=0.1")
        }
        guard (1...maxSteps).contains(steps) else { throw Failure(description: "steps must be from 1 to \(maxSteps), got \(steps); e.g. steps=100") }
        var graph = ComputationalGraph(expression)
        var x = [start.0, start.1]
        let (loss0, grad0): (Double, [Double])
        do { (loss0, grad0) = try evaluate(&graph, x) } catch let e as ComputationalGraph.Failure {
            throw Failure(description: "f cannot be evaluated at the start (\(start.0), \(start.1)): \(e.description)")
        }
        var rule = kind.make(settings)
        var path = [Point(step: 0, x: x[0], y: x[1], loss: loss0, grad_norm: hypot(grad0[0], grad0[1]), step_length: 0)]
        var status = Status.maxSteps
        var converged: Int? = path[0].grad_norm <= tolerance ? 0 : nil
        var reason: String?
        var signChanges = 0, lastDy = 0.0
        var firstEffective: [Double] = []
        var failure: String?
        var done = 0
        for t in 1...steps {
            if converged != nil { status = .converged; break }
            if interrupt.isRaised { status = .interrupted; break }
            let before = x
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
            guard failure == nil, let (loss, grad) = evaluated, x.allSatisfy({ $0.isFinite && abs($0) < divergenceBound }),
                  loss.isFinite, abs(loss) < divergenceBound else {
                status = failure == nil ? .diverged : .undefined
                reason = failure ?? "the point or the loss left for infinity at step \(t) (|x|, |y| or |f| above 1e12 or not a number)"
                x = before
                break
            }
            done = t
            let dy = x[1] - before[1]
            if dy != 0, lastDy != 0, (dy > 0) != (lastDy > 0) { signChanges += 1 }
            if dy != 0 { lastDy = dy }
            let norm = hypot(grad[0], grad[1])
            path.append(Point(step: t, x: x[0], y: x[1], loss: loss, grad_norm: norm,
                              step_length: hypot(x[0] - before[0], x[1] - before[1])))
            if norm <= tolerance, converged == nil { converged = t; status = .converged; break }
        }
        let last = path[path.count - 1]
        let map = ContourMap.render(graph: graph, paths: [path.map { ($0.x, $0.y) }], width: mapWidth)
        return Report(rule: kind, formula: kind.formula, expression: text, lr: settings.learningRate,
                      start_x: start.0, start_y: start.1, final_x: last.x, final_y: last.y, final_loss: last.loss,
                      steps_run: done, tolerance: tolerance, converged_step: converged, status: status,
                      diverged_reason: reason, sign_changes_y: signChanges, noise: noise,
                      effective_first: firstEffective, effective_last: rule.effectiveStep, every: every,
                      path: path, map: map)
    }
}

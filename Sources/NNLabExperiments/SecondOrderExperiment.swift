import Foundation
import NNLabCore

/// Second-order methods on a function of x and y: Newton's method with a Hessian from central
/// differences of the graph's exact gradient, and L-BFGS with a history of m curvature pairs.
public enum SecondOrderExperiment {
    /// The most iterations either method may take (each is a few gradient evaluations).
    public static let maxIterations = 10_000
    /// Steps the first-order rules (Adam, SGD) get when compared from the same start.
    public static let comparisonSteps = 10_000

    /// The relative step of the Hessian's central differences: h_j = 1e-5 * max(1, |x_j|).
    /// The column j of H is (g(x + h e_j) - g(x - h e_j)) / (2 h); its error is the truncation
    /// h^2/6 * g''' (about 2e-11 times the third derivative; zero on a quadratic) plus rounding
    /// about 1e-16 * |g| / h = 1e-11 * |g|. The result is symmetrized, (H + H^T) / 2.
    public static let hessianStep = 1e-5

    public struct Iterate: Codable, Sendable, Equatable {
        public var iteration: Int
        public var x: Double
        public var y: Double
        public var loss: Double
        public var grad_norm: Double
        /// Newton: the eigenvalues of the Hessian at the point the step was taken from (smaller first).
        public var eig_min: Double?
        public var eig_max: Double?
        /// L-BFGS: the line search's step length alpha and the function evaluations it used.
        public var alpha: Double?
        public var evaluations: Int?
    }

    public enum Status: String, Codable, Sendable {
        case converged, maxIterations = "max-iterations", diverged, singular, undefined
        case lineSearchFailed = "line-search-failed"
        case interrupted
    }

    /// What the Hessian's eigenvalues say about the local shape.
    public enum Curvature: String, Codable, Sendable {
        /// Both positive: a bowl; Newton's step goes to its bottom.
        case positiveDefinite = "positive-definite"
        /// Opposite signs: a saddle; Newton's step goes to the saddle point of the local model.
        case indefinite
        /// Both negative: a cap; Newton's step goes to its top.
        case negativeDefinite = "negative-definite"
        /// An eigenvalue at most 1e-10 times the largest in size: H has no usable inverse.
        case singular

        public static func of(_ lo: Double, _ hi: Double) -> Curvature {
            let scale = max(abs(lo), abs(hi))
            if scale == 0 || min(abs(lo), abs(hi)) <= 1e-10 * scale { return .singular }
            if lo > 0 { return .positiveDefinite }
            if hi < 0 { return .negativeDefinite }
            return .indefinite
        }
    }

    /// A first-order rule run from the same start, for comparison.
    public struct Comparison: Codable, Sendable {
        public var rule: OptimizerKind
        public var lr: Double
        public var steps_run: Int
        public var converged_step: Int?
        public var final_loss: Double
        public var status: DescentExperiment.Status
    }

    public struct Report: Codable, Sendable {
        public var method: String
        public var expression: String
        public var start_x: Double
        public var start_y: Double
        public var final_x: Double
        public var final_y: Double
        public var final_loss: Double
        public var iterations: Int
        public var planned: Int
        public var tolerance: Double
        public var converged_iteration: Int?
        public var status: Status
        public var reason: String?
        /// Newton: the Hessian's eigenvalues at the final point and what they make it.
        public var final_eig_min: Double?
        public var final_eig_max: Double?
        public var final_curvature: Curvature?
        /// Newton: iterations whose Hessian was not positive definite.
        public var indefinite_iterations: [Int]
        /// L-BFGS: history size, noise std, total gradient and function evaluations.
        public var m: Int?
        public var noise: Double
        public var evaluations: Int
        public var comparisons: [Comparison]
        public var run: RunState
        public var path: [Iterate]
        public var map: [String]
    }

    /// The symmetric 2x2 [[a, b], [b, d]]'s eigenvalues, smaller first: (a+d)/2 -+ sqrt(((a-d)/2)^2 + b^2).
    public static func eigenvalues(_ h: [[Double]]) -> (Double, Double) {
        let m = (h[0][0] + h[1][1]) / 2, r = hypot((h[0][0] - h[1][1]) / 2, h[0][1])
        return (m - r, m + r)
    }

    /// The Hessian by central differences of the exact gradient (see `hessianStep`), symmetrized.
    static func hessian(_ graph: inout ComputationalGraph, _ p: [Double]) throws -> [[Double]] {
        var cols: [[Double]] = []
        for j in 0..<2 {
            let h = hessianStep * max(1, abs(p[j]))
            var plus = p, minus = p
            plus[j] += h; minus[j] -= h
            // Divide by the distance actually between the two points (x + h and x - h are rounded), so
            // a gradient linear in x (a quadratic f) gives its slope to the rounding of g alone.
            let span = plus[j] - minus[j]
            let gp = try DescentExperiment.evaluate(&graph, plus).1, gm = try DescentExperiment.evaluate(&graph, minus).1
            cols.append([(gp[0] - gm[0]) / span, (gp[1] - gm[1]) / span])
        }
        let off = (cols[1][0] + cols[0][1]) / 2
        return [[cols[0][0], off], [off, cols[1][1]]]
    }

    static func compare(_ graph: ComputationalGraph, start: (Double, Double), tolerance: Double, noise: Double,
                        steps: Int, rng: inout NumpyRandom, monitor: Monitor) -> [Comparison] {
        var out: [Comparison] = []
        for kind in [OptimizerKind.adam, .sgd] {
            let s = OptimizerKind.Settings(learningRate: kind.defaultLearningRate)
            guard var r = try? DescentExperiment.Run(graph: graph, start: start, kind: kind, settings: s, schedule: nil,
                                                     steps: steps, tolerance: tolerance, noise: noise) else { continue }
            while !r.finished {
                if monitor.shouldStop { r.interrupt(); break }
                r.advance(rng: &rng)
            }
            out.append(Comparison(rule: kind, lr: s.learningRate, steps_run: r.done, converged_step: r.converged,
                                  final_loss: r.last.loss, status: r.status))
        }
        return out
    }

    static func bounded(_ p: [Double], _ f: Double) -> Bool {
        p.allSatisfy { $0.isFinite && abs($0) < DescentExperiment.divergenceBound } && f.isFinite && abs(f) < DescentExperiment.divergenceBound
    }

    /// Newton's method: x <- x - H^-1 g, no learning rate. Stops at |grad| <= tol, at a singular
    /// Hessian, on divergence, or after `iterations`.
    public static func newton(expression text: String, start: (Double, Double), iterations: Int, tolerance: Double,
                              mapWidth: Int, rng: inout NumpyRandom, monitor: Monitor) throws -> Report {
        guard (1...maxIterations).contains(iterations) else {
            throw DescentExperiment.Failure(description: "steps must be from 1 to \(maxIterations), got \(iterations); e.g. steps=20")
        }
        var graph = try DescentExperiment.landscape(text, start: start)
        var x = [start.0, start.1]
        var (f, g) = try DescentExperiment.evaluate(&graph, x)
        var path = [Iterate(iteration: 0, x: x[0], y: x[1], loss: f, grad_norm: hypot(g[0], g[1]))]
        var status = Status.maxIterations, reason: String?
        var converged: Int? = path[0].grad_norm <= tolerance ? 0 : nil
        var indefinite: [Int] = []
        var done = 0, evaluations = 1
        if converged != nil { status = .converged }
        while converged == nil, done < iterations {
            if monitor.shouldStop { status = .interrupted; break }
            let t = done + 1
            guard let h = try? hessian(&graph, x) else {
                status = .undefined; reason = "the Hessian cannot be computed near (\(x[0]), \(x[1])) in iteration \(t)"; break
            }
            evaluations += 4
            let (lo, hi) = eigenvalues(h)
            path[path.count - 1].eig_min = lo; path[path.count - 1].eig_max = hi
            let kind = Curvature.of(lo, hi)
            if kind == .singular {
                status = .singular
                reason = "the Hessian is singular at (\(Format6.n(x[0])), \(Format6.n(x[1]))) in iteration \(t) (eigenvalues \(Format6.n(lo)), \(Format6.n(hi))): H^-1 g does not exist"
                break
            }
            if kind != .positiveDefinite { indefinite.append(t) }
            // d = -H^-1 g by Cramer's rule.
            let det = h[0][0] * h[1][1] - h[0][1] * h[1][0]
            let d = [-(h[1][1] * g[0] - h[0][1] * g[1]) / det, -(h[0][0] * g[1] - h[1][0] * g[0]) / det]
            let next = [x[0] + d[0], x[1] + d[1]]
            guard let (nf, ng) = try? DescentExperiment.evaluate(&graph, next) else {
                status = .undefined; reason = "f has no value at (\(next[0]), \(next[1])) after iteration \(t)"; break
            }
            evaluations += 1
            guard bounded(next, nf) else {
                status = .diverged; reason = "the point or the loss left for infinity in iteration \(t)"; break
            }
            x = next; f = nf; g = ng; done = t
            path.append(Iterate(iteration: t, x: x[0], y: x[1], loss: f, grad_norm: hypot(g[0], g[1])))
            if path[path.count - 1].grad_norm <= tolerance { converged = t; status = .converged }
            monitor.progress(t, of: iterations, "iteration")
        }
        var finalEig: (Double, Double)?
        if let h = try? hessian(&graph, x) { finalEig = eigenvalues(h) }
        let comparisons = status == .interrupted ? [] :
            compare(graph, start: start, tolerance: tolerance, noise: 0, steps: comparisonSteps, rng: &rng, monitor: monitor)
        let map = ContourMap.render(graph: graph, paths: [path.map { ($0.x, $0.y) }], width: mapWidth)
        let last = path[path.count - 1]
        return Report(method: "newton", expression: text, start_x: start.0, start_y: start.1, final_x: last.x, final_y: last.y,
                      final_loss: last.loss, iterations: done, planned: iterations, tolerance: tolerance,
                      converged_iteration: converged, status: status, reason: reason,
                      final_eig_min: finalEig?.0, final_eig_max: finalEig?.1, final_curvature: finalEig.map { Curvature.of($0.0, $0.1) },
                      indefinite_iterations: indefinite, m: nil, noise: 0, evaluations: evaluations, comparisons: comparisons,
                      run: RunState(completed: done, planned: iterations, interrupted: status == .interrupted), path: path, map: map)
    }

    /// L-BFGS (Nocedal and Wright, Algorithm 7.4 and 7.5): the direction d = -H g from the two-loop
    /// recursion over the last m pairs s = x_{k+1} - x_k, y = g_{k+1} - g_k, with H0 = gamma I,
    /// gamma = s'y / y'y of the newest pair (gamma = 1 before the first). The weak Wolfe line search
    /// (Lewis and Overton) starts at alpha = 1 and bisects the bracket [lo, hi] (doubling while hi is
    /// unknown) until f(x + alpha d) <= f(x) + 1e-4 alpha g'd (Armijo: else hi = alpha) and
    /// g(x + alpha d)'d >= 0.9 g'd (curvature: else lo = alpha), at most 60 trials, each one function
    /// and gradient evaluation. The curvature condition makes s'y > 0, which BFGS's update needs; plain
    /// backtracking (Armijo alone) takes steps so short on Rosenbrock that the method crawls.
    /// A pair with s'y <= 1e-10 |s| |y| is skipped (the inverse-Hessian update needs s'y > 0); a d that
    /// is not downhill (g'd >= 0) is replaced by -g and the history cleared. With `noise` > 0 each
    /// gradient component gets N(0, noise^2) added, drawn from `rng` (f itself stays exact).
    public static func lbfgs(expression text: String, start: (Double, Double), m: Int, iterations: Int, tolerance: Double,
                             noise: Double, mapWidth: Int, rng: inout NumpyRandom, monitor: Monitor) throws -> Report {
        guard (1...maxIterations).contains(iterations) else {
            throw DescentExperiment.Failure(description: "steps must be from 1 to \(maxIterations), got \(iterations); e.g. steps=50")
        }
        guard (1...100).contains(m) else { throw DescentExperiment.Failure(description: "m must be from 1 to 100, got \(m); e.g. m=5") }
        var graph = try DescentExperiment.landscape(text, start: start)
        func gradient(_ p: [Double]) throws -> (Double, [Double]) {
            var (f, g) = try DescentExperiment.evaluate(&graph, p)
            if noise > 0 { g[0] += noise * rng.randn(); g[1] += noise * rng.randn() }
            return (f, g)
        }
        func dot(_ a: [Double], _ b: [Double]) -> Double { a[0] * b[0] + a[1] * b[1] }
        var x = [start.0, start.1]
        var (f, g) = try gradient(x)
        var path = [Iterate(iteration: 0, x: x[0], y: x[1], loss: f, grad_norm: hypot(g[0], g[1]))]
        var s: [[Double]] = [], y: [[Double]] = []
        var status = Status.maxIterations, reason: String?
        var converged: Int? = path[0].grad_norm <= tolerance ? 0 : nil
        var done = 0, evaluations = 1
        if converged != nil { status = .converged }
        while converged == nil, done < iterations {
            if monitor.shouldStop { status = .interrupted; break }
            let t = done + 1
            // Two-loop recursion: q = g; newest to oldest a_i = rho_i s_i'q, q -= a_i y_i; r = gamma q;
            // oldest to newest b = rho_i y_i'r, r += s_i (a_i - b); d = -r.
            var q = g
            var a = [Double](repeating: 0, count: s.count)
            for i in stride(from: s.count - 1, through: 0, by: -1) {
                a[i] = dot(s[i], q) / dot(y[i], s[i])
                q = [q[0] - a[i] * y[i][0], q[1] - a[i] * y[i][1]]
            }
            let gamma = s.last.map { dot($0, y[y.count - 1]) / dot(y[y.count - 1], y[y.count - 1]) } ?? 1
            var r = [gamma * q[0], gamma * q[1]]
            for i in s.indices {
                let b = dot(y[i], r) / dot(y[i], s[i])
                r = [r[0] + s[i][0] * (a[i] - b), r[1] + s[i][1] * (a[i] - b)]
            }
            var d = [-r[0], -r[1]]
            if !(dot(g, d) < 0) { d = [-g[0], -g[1]]; s.removeAll(); y.removeAll() }
            // Weak Wolfe line search (Lewis and Overton): bisect between the bracket ends, double while no
            // upper end is known; accept when Armijo and the curvature condition both hold.
            let slope = dot(g, d)
            var alpha = 1.0, lo = 0.0, hi = Double.infinity
            var accepted: ([Double], Double, [Double])?
            var used = 0
            var failedAt: [Double]?
            for _ in 0..<60 {
                let trial = [x[0] + alpha * d[0], x[1] + alpha * d[1]]
                used += 1
                guard let (ft, gt) = try? gradient(trial) else { failedAt = trial; break }
                if !ft.isFinite || ft > f + 1e-4 * alpha * slope {
                    hi = alpha
                } else if dot(gt, d) < 0.9 * slope {
                    lo = alpha
                } else {
                    accepted = (trial, ft, gt); break
                }
                alpha = hi < .infinity ? (lo + hi) / 2 : 2 * lo
            }
            evaluations += used
            if let p = failedAt {
                status = .undefined; reason = "f or its gradient has no value at (\(p[0]), \(p[1])) in iteration \(t)'s line search"; break
            }
            guard let (next, nf, ng) = accepted else {
                status = .lineSearchFailed
                reason = "no step length satisfied both Wolfe conditions in iteration \(t) (60 tried)"
                break
            }
            guard bounded(next, nf) else { status = .diverged; reason = "the point or the loss left for infinity in iteration \(t)"; break }
            let sk = [next[0] - x[0], next[1] - x[1]], yk = [ng[0] - g[0], ng[1] - g[1]]
            if dot(sk, yk) > 1e-10 * hypot(sk[0], sk[1]) * hypot(yk[0], yk[1]) {
                s.append(sk); y.append(yk)
                if s.count > m { s.removeFirst(); y.removeFirst() }
            }
            x = next; f = nf; g = ng; done = t
            path.append(Iterate(iteration: t, x: x[0], y: x[1], loss: f, grad_norm: hypot(g[0], g[1]), alpha: alpha, evaluations: used))
            if path[path.count - 1].grad_norm <= tolerance { converged = t; status = .converged }
            monitor.progress(t, of: iterations, "iteration")
        }
        // Adam gets as many steps as L-BFGS was allowed iterations, with the same gradient noise.
        let comparisons = status == .interrupted ? [] :
            compare(graph, start: start, tolerance: tolerance, noise: noise, steps: iterations, rng: &rng, monitor: monitor).filter { $0.rule == .adam }
        let map = ContourMap.render(graph: graph, paths: [path.map { ($0.x, $0.y) }], width: mapWidth)
        let last = path[path.count - 1]
        return Report(method: "lbfgs", expression: text, start_x: start.0, start_y: start.1, final_x: last.x, final_y: last.y,
                      final_loss: last.loss, iterations: done, planned: iterations, tolerance: tolerance,
                      converged_iteration: converged, status: status, reason: reason,
                      final_eig_min: nil, final_eig_max: nil, final_curvature: nil, indefinite_iterations: [],
                      m: m, noise: noise, evaluations: evaluations, comparisons: comparisons,
                      run: RunState(completed: done, planned: iterations, interrupted: status == .interrupted), path: path, map: map)
    }
}

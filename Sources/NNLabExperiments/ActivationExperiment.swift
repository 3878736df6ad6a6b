import Foundation
import NNLabCore

/// Activation functions up close: value and gradient at chosen points, the curves over [-10, 10],
/// and two small experiments of the lecture: inputs that are all positive force every weight
/// gradient of a neuron to share one sign, and ReLU units can die.
public enum ActivationExperiment {
    public static let functions = ["sigmoid", "tanh", "relu", "leaky", "prelu", "elu", "maxout"]

    public struct Maxout: Codable, Sendable, Equatable {
        public var w1 = 1.0, b1 = 0.0, w2 = 0.0, b2 = 0.0
        public init(w1: Double = 1, b1: Double = 0, w2: Double = 0, b2: Double = 0) { self.w1 = w1; self.b1 = b1; self.w2 = w2; self.b2 = b2 }
        func value(_ x: Double) -> Double { max(w1 * x + b1, w2 * x + b2) }
        func derivative(_ x: Double) -> Double { w1 * x + b1 >= w2 * x + b2 ? w1 : w2 }
    }

    public struct Point: Codable, Sendable, Equatable { public var x: Double, value: Double, gradient: Double }

    public struct Profile: Codable, Sendable, Equatable {
        public var name: String
        public var alpha: Double?
        public var maxout: Maxout?
        public var points: [Point]
        /// Samples over [-10, 10] for plotting (201 points, step 0.1).
        public var curve: [Point]
        public var max_gradient: Double
        public var min_value: Double, max_value: Double
        public var properties: [String]
    }

    public static func profile(_ name: String, at xs: [Double], alpha: Double?, maxout m: Maxout) throws -> Profile {
        let f: (Double) -> Double, df: (Double) -> Double
        var act: Activation?
        switch name {
        case "sigmoid": act = .sigmoid
        case "tanh": act = .tanh
        case "relu": act = .relu
        case "leaky": act = .leaky(alpha: alpha ?? 0.01)
        case "prelu": act = .prelu(alpha: alpha ?? 0.25)
        case "elu": act = .elu(alpha: alpha ?? 1)
        case "maxout": break
        default: throw NumericsError.outOfRange("no activation '\(name)'; known: \(functions.joined(separator: ", "))")
        }
        if let act { f = act.value; df = act.derivative } else { f = m.value; df = m.derivative }
        let points = xs.map { Point(x: $0, value: f($0), gradient: df($0)) }
        let curve = (0...200).map { i -> Point in let x = -10 + Double(i) * 0.1; return Point(x: x, value: f(x), gradient: df(x)) }
        let maxGrad = curve.map(\.gradient).max() ?? 0
        let values = curve.map(\.value)
        var p = Profile(name: name, alpha: act == nil || ["sigmoid", "tanh", "relu"].contains(name) ? nil : (alpha ?? (name == "leaky" ? 0.01 : name == "prelu" ? 0.25 : 1)),
                        maxout: act == nil ? m : nil, points: points, curve: curve, max_gradient: maxGrad,
                        min_value: values.min() ?? 0, max_value: values.max() ?? 0, properties: [])
        p.properties = properties(name, f: f, df: df, profile: p)
        return p
    }

    static func g(_ x: Double) -> String { String(format: "%.3g", x) }

    static func properties(_ name: String, f: (Double) -> Double, df: (Double) -> Double, profile p: Profile) -> [String] {
        let sat = "f'(-10) = \(g(df(-10))), f'(10) = \(g(df(10)))"
        switch name {
        case "sigmoid":
            return ["saturates: \(sat); a saturated unit passes almost no gradient back (it kills the gradient)",
                    "largest gradient \(g(p.max_gradient)) at x = 0: this local factor alone cuts the gradient to \(g(p.max_gradient)) of itself or less, but backprop through a layer also multiplies by its weights, so a layer as a whole can shrink the gradient or grow it (weights above \(g(1 / p.max_gradient)) in size can outweigh the factor)",
                    "not zero-centred: outputs lie in (0, 1), so the next layer's inputs are all positive",
                    "exp() is costly compared with a comparison"]
        case "tanh":
            return ["zero-centred: outputs lie in (-1, 1)",
                    "still saturates: \(sat)",
                    "largest gradient \(g(p.max_gradient)) at x = 0"]
        case "relu":
            return ["does not saturate for x > 0: f'(x) = 1 there", "cheap: one comparison",
                    "not zero-centred: outputs are >= 0",
                    "for x < 0 the gradient is 0: a unit whose input is always negative never learns again (a dead ReLU; try act dead-relu)"]
        case "leaky", "prelu":
            let a = p.alpha ?? 0
            return ["does not saturate and does not die: f'(x) = \(g(a)) for x < 0 instead of 0",
                    name == "prelu" ? "the slope \(g(a)) is a parameter learned by backprop (df/dalpha = min(0, x))" : "the slope \(g(a)) is fixed (alpha=)"]
                + (name == "leaky" ? ["note: the default slope 0.01 is max(0.01x, x) as one lecture writes it; the other writes max(0.1x, x) (act leaky alpha=0.1)"] : [])
        case "elu":
            return ["like relu for x > 0; for x < 0 it bends to -alpha = \(g(-(p.alpha ?? 1))), so mean outputs sit closer to zero",
                    "saturates for very negative inputs: f'(-10) = \(g(df(-10))), which makes it robust to noise there",
                    "exp() is costly"]
        default:
            let m = p.maxout ?? Maxout()
            let slopes = "f'(x) is the slope of whichever line is higher, \(g(m.w1)) or \(g(m.w2))"
            var lines = ["the larger of two lines, max(w1 x + b1, w2 x + b2); with w1 = 1, b1 = b2 = 0 it is relu when w2 = 0 and leaky relu when w2 = 0.01",
                         m.w1 == 0 || m.w2 == 0 ? slopes + ": no saturation, but a 0 slope passes no gradient back to x where that line is higher (with w2 = 0, b2 = 0 that is relu's x < 0)"
                                                : slopes + ": neither is 0 here, so it never saturates and always passes a gradient back"]
            lines.append("in a network w1, b1, w2, b2 are learned, and the higher line's own weights always get a gradient (x and 1), so a maxout unit never stops learning the way a dead relu does")
            lines.append("costs twice the parameters of a relu unit: two sets of weights and biases")
            return lines
        }
    }

    // MARK: all-positive inputs

    /// Quartiles as numpy's `np.percentile(a, [25, 50, 75])` gives them (linear interpolation).
    public struct Quartiles: Codable, Sendable, Equatable {
        public var q1: Double, median: Double, q3: Double
        public static func of(_ values: [Int]) -> Quartiles? {
            guard !values.isEmpty else { return nil }
            let v = values.sorted().map(Double.init)
            func at(_ p: Double) -> Double {
                let r = p * Double(v.count - 1), lo = Int(r.rounded(.down)), hi = min(lo + 1, v.count - 1)
                return v[lo] + (r - Double(lo)) * (v[hi] - v[lo])
            }
            return Quartiles(q1: at(0.25), median: at(0.5), q3: at(0.75))
        }
    }

    /// The inputs one descent draws: the same uniform numbers u in [0, 1), used as they are, centred,
    /// or centred and stretched back to the same mean square.
    public enum InputKind: String, Codable, Sendable, CaseIterable {
        case positive, centred, centredRescaled = "centred-rescaled"
        func input(_ u: Double) -> Double {
            switch self {
            case .positive: return u
            case .centred: return u - 0.5
            case .centredRescaled: return 2 * u - 1
            }
        }
        public var formula: String {
            switch self {
            case .positive: return "u"
            case .centred: return "u - 0.5"
            case .centredRescaled: return "2u - 1"
            }
        }
    }

    /// One kind of input over every completed trial.
    public struct SignCondition: Codable, Sendable, Equatable {
        public var inputs: InputKind
        /// Steps each trial took to come within `tolerance` of w* (the cap when it did not).
        public var steps: [Int]
        public var steps_quartiles: Quartiles?
        /// Over the trials whose w* - w0 has components of opposite signs, and over the others.
        public var steps_mixed_targets: Quartiles?, steps_same_sign_targets: Quartiles?
        /// Steps whose two weight gradients had opposite signs, per trial and in all.
        public var mixed_sign_steps: [Int]
        public var mixed_sign_steps_total: Int, steps_total: Int
        public var mixed_sign_fraction: Double
        /// The inputs' mean square over every step: the curvature E[x_i^2] the learning rate meets.
        public var mean_square: Double
        /// Trials that hit the step cap without reaching w*.
        public var unreached: Int
    }

    public struct SignExperiment: Codable, Sendable, Equatable {
        /// Completed trials; each runs all three kinds of input from the same start, target and draws.
        public var trials: Int
        public var planned: Int
        public var learning_rate: Double, tolerance: Double, step_cap: Int
        /// Completed trials whose w* - w0 needs one weight to rise and the other to fall.
        public var mixed_targets: Int
        /// Per trial: the target w* and start w0.
        public var targets: [[Double]], starts: [[Double]]
        /// positive, centred, centred-rescaled.
        public var conditions: [SignCondition]
        /// The first trial's first gradient sign patterns with positive inputs, e.g. "(+,+)".
        public var first_steps: [String]
        public var run: RunState
        public var interrupted: Bool
    }

    /// Gradient descent on one linear unit y = w . x with two weights, the loss 0.5 (w . x - w* . x)^2
    /// on one fresh input per step, so dL/dw_i = err * x_i: with every x_i > 0 both components share
    /// the sign of err, and a step moves both weights the same way. Trial t draws from numpy's
    /// `RandomState([seed, t])`: w* = (s1 (0.5 + u), s2 (0.5 + u)) with the signs (s1, s2) taking the
    /// four quadrants in turn, w0 = 0.5 * randn(2), then two uniforms per step; every kind of input
    /// replays the same draws, so the three descents differ only in the inputs.
    public static func signs(seed: UInt32, trials: Int = 200, learningRate lr: Double = 0.5, tolerance: Double = 0.1,
                             stepCap: Int = 10_000, monitor: Monitor = .silent()) throws -> SignExperiment {
        guard trials >= 1, trials <= 100_000 else { throw NumericsError.outOfRange("trials must be 1...100000, got \(trials)") }
        let quadrants: [(Double, Double)] = [(1, 1), (1, -1), (-1, -1), (-1, 1)]
        let kinds = InputKind.allCases
        var steps = [[Int]](repeating: [], count: kinds.count), mixed = steps
        var squares = [Double](repeating: 0, count: kinds.count), unreached = [Int](repeating: 0, count: kinds.count)
        var needsMixed: [Bool] = [], targets: [[Double]] = [], starts: [[Double]] = [], firsts: [String] = []
        var done = 0
        for t in 0..<trials {
            if monitor.shouldStop { break }
            let (s1, s2) = quadrants[t % 4]
            var head = NumpyRandom(seed: seed, stream: UInt32(t))
            let target = [s1 * (0.5 + head.rand()), s2 * (0.5 + head.rand())]
            let start = [0.5 * head.randn(), 0.5 * head.randn()]
            for (k, kind) in kinds.enumerated() {
                var rng = head
                var w = start, count = 0, mixedCount = 0
                for step in 1...stepCap {
                    let x = [kind.input(rng.rand()), kind.input(rng.rand())]
                    let err = (w[0] - target[0]) * x[0] + (w[1] - target[1]) * x[1]
                    let g = [err * x[0], err * x[1]]
                    if kind == .positive, t == 0, firsts.count < 8 { firsts.append("(" + g.map { $0 >= 0 ? "+" : "-" }.joined(separator: ",") + ")") }
                    if g[0] * g[1] < 0 { mixedCount += 1 }
                    squares[k] += x[0] * x[0] + x[1] * x[1]
                    w = [w[0] - lr * g[0], w[1] - lr * g[1]]
                    count = step
                    let d0 = w[0] - target[0], d1 = w[1] - target[1]
                    if (d0 * d0 + d1 * d1).squareRoot() < tolerance { break }
                    if step == stepCap { unreached[k] += 1 }
                }
                steps[k].append(count)
                mixed[k].append(mixedCount)
            }
            targets.append(target); starts.append(start)
            needsMixed.append((target[0] - start[0]) * (target[1] - start[1]) < 0)
            done = t + 1
            monitor.progress(done, of: trials, "trial")
        }
        let conditions = kinds.enumerated().map { k, kind -> SignCondition in
            let total = steps[k].reduce(0, +), m = mixed[k].reduce(0, +)
            return SignCondition(inputs: kind, steps: steps[k], steps_quartiles: .of(steps[k]),
                                 steps_mixed_targets: .of(zip(steps[k], needsMixed).filter { $0.1 }.map(\.0)),
                                 steps_same_sign_targets: .of(zip(steps[k], needsMixed).filter { !$0.1 }.map(\.0)),
                                 mixed_sign_steps: mixed[k], mixed_sign_steps_total: m, steps_total: total,
                                 mixed_sign_fraction: total > 0 ? Double(m) / Double(total) : 0,
                                 mean_square: total > 0 ? squares[k] / Double(2 * total) : 0, unreached: unreached[k])
        }
        return SignExperiment(trials: done, planned: trials, learning_rate: lr, tolerance: tolerance, step_cap: stepCap,
                              mixed_targets: needsMixed.filter { $0 }.count, targets: targets, starts: starts,
                              conditions: conditions, first_steps: firsts,
                              run: RunState(completed: done, planned: trials, interrupted: done < trials), interrupted: done < trials)
    }

    // MARK: dead ReLUs

    public struct DeadExperiment: Codable, Sendable, Equatable {
        public var examples: Int, inputs: Int, units: Int
        /// Fraction of units that output 0 for every example.
        public var dead_at_init: Double
        public var bias: Double
        public var dead_with_bias: Double
        public var learning_rate: Double
        public var dead_after_update: Double
        /// Largest gradient reaching a dead unit's weights after the update (0: they never recover).
        public var dead_unit_gradient: Double
    }

    public static func deadUnits(rng: inout NumpyRandom, examples n: Int = 500, inputs d: Int = 20, units h: Int = 100,
                                 bias: Double = -6, learningRate lr: Double = 10) throws -> DeadExperiment {
        let x = try Tensor.randn([n, d], using: &rng)
        let w = try Tensor.randn([d, h], using: &rng) * (2.0 / Double(d)).squareRoot()
        func deadFraction(_ b: Tensor, _ w: Tensor) throws -> (Double, Tensor) {
            let z = try Affine.forward(x, w, b)
            var active = [Int](repeating: 0, count: h)
            for i in 0..<n { for j in 0..<h where z.data[i * h + j] > 0 { active[j] += 1 } }
            return (Double(active.filter { $0 == 0 }.count) / Double(h), z)
        }
        let zero = try Tensor(shape: [h])
        let (d0, z0) = try deadFraction(zero, w)
        let (d1, _) = try deadFraction(try Tensor(shape: [h], repeating: bias), w)
        // One step of size lr on the biases, down the gradient of L = mean over examples of
        // sum_j relu(z_j): dL/db_j is the fraction of examples on which unit j fires, so a too-large
        // step moves each bias far below zero. (Only the biases move, to keep the story clean: a
        // large step on the weights as well can flip them, and units then fire on other inputs.)
        let mask = z0.map { $0 > 0 ? 1 : 0 } / Double(n)
        let g = try Affine.backward(mask, x: x, w: w)
        // The step goes through the update rule, on the biases alone: b -= lr * dL/db.
        var biases = try ParameterSet([Parameter(name: "b", value: zero)])
        try biases.setGradient(g.db, for: "b")
        var sgd = SGD(learningRate: lr)
        try sgd.step(&biases)
        guard let b2 = biases["b"]?.value else { throw NumericsError.invalidShape("the step lost the biases") }
        let w2 = w
        let (d2, z2) = try deadFraction(b2, w2)
        let mask2 = z2.map { $0 > 0 ? 1 : 0 } / Double(n)
        let g2 = try Affine.backward(mask2, x: x, w: w2)
        var deadGrad = 0.0
        for j in 0..<h {
            let col = (0..<n).allSatisfy { z2.data[$0 * h + j] <= 0 }
            if col { for i in 0..<d { deadGrad = max(deadGrad, abs(g2.dw.data[i * h + j])) } }
        }
        return DeadExperiment(examples: n, inputs: d, units: h, dead_at_init: d0, bias: bias, dead_with_bias: d1,
                              learning_rate: lr, dead_after_update: d2, dead_unit_gradient: deadGrad)
    }
}

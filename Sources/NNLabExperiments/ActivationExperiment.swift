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
                    "largest gradient \(g(p.max_gradient)) at x = 0: the local factor shrinks the gradient at least \(g(1 / p.max_gradient))x, though the layer's weights multiply it too and can grow it back",
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
        case "elu":
            return ["like relu for x > 0; for x < 0 it bends to -alpha = \(g(-(p.alpha ?? 1))), so mean outputs sit closer to zero",
                    "saturates for very negative inputs: f'(-10) = \(g(df(-10))), which makes it robust to noise there",
                    "exp() is costly"]
        default:
            return ["max of two linear pieces: generalizes relu (w2 = b2 = 0) and leaky relu (w2 = 0.01)",
                    "never saturates and never dies: one piece always passes its gradient",
                    "doubles the parameters of each unit (two sets of weights and biases)"]
        }
    }

    // MARK: all-positive inputs

    public struct SignExperiment: Codable, Sendable, Equatable {
        public var trials: Int
        /// Trials in which every weight gradient had the same sign (all positive or all negative).
        public var same_sign: Int
        public var same_sign_fraction: Double
        /// Steps of per-example gradient descent to bring w from (0, 0) within 0.1 of w* = (1, -1).
        public var steps_positive_inputs: Int
        public var steps_zero_centred_inputs: Int
        /// The first steps' gradient sign patterns with positive inputs, e.g. "(+,+)", "(-,-)".
        public var first_steps: [String]
        /// Steps whose two weight gradients had opposite signs: none can with positive inputs.
        public var mixed_sign_steps_positive: Int, mixed_sign_steps_centred: Int
        /// Ctrl-C stopped a descent before it reached w*: its step counts are the steps taken, not
        /// steps to convergence.
        public var interrupted: Bool
    }

    /// For f(sum_i w_i x_i + b), dL/dw_i = (dL/df) f'(.) x_i: with every x_i > 0 all components share
    /// the sign of the one upstream number. To reach w* = (1, -1) from (0, 0), each step must move
    /// both weights the same way, so the path zig-zags.
    public static func signs(rng: inout NumpyRandom, trials: Int = 1000, inputs: Int = 5,
                             interrupt: InterruptFlag? = nil) throws -> SignExperiment {
        var same = 0
        for _ in 0..<trials {
            let x = (0..<inputs).map { _ in rng.rand() + 1e-3 }
            let upstream = rng.randn()
            let grad = x.map { upstream * $0 }
            if grad.allSatisfy({ $0 > 0 }) || grad.allSatisfy({ $0 < 0 }) { same += 1 }
        }
        var stopped = false
        // Per-example SGD on the one parameter w (two numbers), lr 0.5, through the update rule.
        func descend(centred: Bool, _ rng: inout NumpyRandom, record: Bool) throws -> (Int, [String], Int) {
            var params = try ParameterSet([Parameter(name: "w", value: try Tensor(shape: [2]))])
            var sgd = SGD(learningRate: 0.5)
            let target = [1.0, -1.0]
            var firsts: [String] = []
            var mixed = 0
            for step in 1...100_000 {
                if stopped || interrupt?.isRaised == true { stopped = true; return (step - 1, firsts, mixed) }
                guard let w = params["w"]?.value else { throw NumericsError.invalidShape("the descent lost its parameter") }
                var x = [rng.rand(), rng.rand()]
                if centred { x = x.map { $0 - 0.5 } }
                let err = (w[flat: 0] - target[0]) * x[0] + (w[flat: 1] - target[1]) * x[1]  // L = 0.5 err^2
                let grad = [err * x[0], err * x[1]]
                if record && firsts.count < 8 { firsts.append("(" + grad.map { $0 >= 0 ? "+" : "-" }.joined(separator: ",") + ")") }
                if grad[0] * grad[1] < 0 { mixed += 1 }
                try params.setGradient(try Tensor(shape: [2], data: grad), for: "w")
                try sgd.step(&params)
                guard let moved = params["w"]?.value else { throw NumericsError.invalidShape("the descent lost its parameter") }
                let (w0, w1) = (moved[flat: 0], moved[flat: 1])
                if ((w0 - 1) * (w0 - 1) + (w1 + 1) * (w1 + 1)).squareRoot() < 0.1 { return (step, firsts, mixed) }
            }
            return (100_000, firsts, mixed)
        }
        let (pos, firsts, mixedPos) = try descend(centred: false, &rng, record: true)
        let (cen, _, mixedCen) = try descend(centred: true, &rng, record: false)
        return SignExperiment(trials: trials, same_sign: same, same_sign_fraction: Double(same) / Double(trials),
                              steps_positive_inputs: pos, steps_zero_centred_inputs: cen, first_steps: firsts,
                              mixed_sign_steps_positive: mixedPos, mixed_sign_steps_centred: mixedCen, interrupted: stopped)
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

import Foundation
import NNLabCore
import NNLabExercises
import NNLabExperiments
import NNLabGrading

/// Expected values computed by the core (its layers, losses and update rules), never by the
/// exercises' reference solutions: a grader compares the student's code with an independent
/// implementation. Only the instructor's build has this; a release gets its values as fixtures.
public struct CoreExpectedValues: ExpectedValues {
    public init() {}

    static func tensor(_ a: ExArray) throws -> Tensor { try Tensor(shape: a.shape, data: a.values) }
    static func array(_ t: Tensor) throws -> ExArray { try ExArray(shape: t.shape, values: t.data) }

    public func outputs(for c: GradingCase) throws -> CaseOutputs {
        switch c.exercise {
        case "conv-size":
            if c.numbers["depth"] != nil {
                // F*F*D weights per filter and one bias, K filters (the core's conv layer holds exactly these).
                let f = try c.integer("filter"), d = try c.integer("depth"), k = try c.integer("filters")
                let layer = try Conv(weight: Tensor(shape: [k, d, f, f]), bias: Tensor(shape: [k]))
                let count = layer.parameters.scalarCount
                return CaseOutputs(numbers: ["parameters": Double(count)])
            }
            let step = try? ConvGeometry.step(input: try c.integer("input"), filter: try c.integer("filter"),
                                              stride: try c.integer("stride"), padding: try c.integer("padding"))
            return CaseOutputs(numbers: ["size": Double(step?.output ?? -1)])
        case "activations":
            let x = try Self.tensor(try c.array("x")), dout = try Self.tensor(try c.array("dout"))
            var outs: [String: ExArray] = [:]
            for (name, act) in [("sigmoid", Activation.sigmoid), ("tanh", .tanh), ("relu", .relu)] {
                let y = act.forward(x)
                outs["\(name)-out"] = try Self.array(y)
                outs["\(name)-dx"] = try Self.array(try act.backward(dout, input: x))
            }
            return CaseOutputs(arrays: outs)
        case "relu-backward":
            let x = try Self.tensor(try c.array("x")), dout = try Self.tensor(try c.array("dout"))
            return CaseOutputs(arrays: ["dx": try Self.array(try Activation.relu.backward(dout, input: x))])
        case "affine":
            let x = try Self.tensor(try c.array("x")), w = try Self.tensor(try c.array("w")), b = try Self.tensor(try c.array("b"))
            let g = try Affine.backward(try Self.tensor(try c.array("dout")), x: x, w: w)
            return CaseOutputs(arrays: ["out": try Self.array(try Affine.forward(x, w, b)), "dx": try Self.array(g.dx),
                                        "dw": try Self.array(g.dw), "db": try Self.array(g.db)])
        case "softmax", "svm":
            let s = try Self.tensor(try c.array("scores"))
            let r = c.exercise == "softmax" ? try Loss.softmax(s, c.labels) : try Loss.svm(s, c.labels)
            return CaseOutputs(arrays: ["dscores": try Self.array(r.dscores)], numbers: ["loss": r.loss])
        case "dropout":
            let x = try Self.tensor(try c.array("x")), p = try c.number("keep")
            let mode: Dropout.Mode = try c.number("inverted") == 1 ? .inverted : .vanilla
            let out: Tensor
            if try c.number("train") == 1 {
                let u = try c.array("uniforms")
                let mask = try Tensor(shape: u.shape, data: u.values.map { $0 < p ? 1 : 0 })
                out = try Dropout.forwardTrain(x, mask: mask, keep: p, mode: mode)
            } else {
                out = Dropout.forwardTest(x, keep: p, mode: mode)
            }
            return CaseOutputs(arrays: ["out": try Self.array(out)])
        case "batchnorm":
            let x = try Self.tensor(try c.array("x")), d = x.shape.last ?? 0
            var rm = [Double](repeating: 0, count: d), rv = [Double](repeating: 1, count: d)
            let (out, cache) = try BatchNorm.forwardTrain(x, gamma: try Self.tensor(try c.array("gamma")), beta: try Self.tensor(try c.array("beta")),
                                                         runningMean: &rm, runningVar: &rv, eps: try c.number("eps"))
            let g = try BatchNorm.backward(try Self.tensor(try c.array("dout")), cache: cache)
            return CaseOutputs(arrays: ["out": try Self.array(out), "dx": try Self.array(g.dx), "dgamma": try Self.array(g.dgamma), "dbeta": try Self.array(g.dbeta)])
        case "momentum":
            var rule = Momentum(learningRate: try c.number("lr"), mu: try c.number("mu"))
            return try Self.steps(c) { x, g in rule.step(&x) { _ in g } } state: { ["velocity": rule.velocity] }
        case "rmsprop":
            var rule = RMSProp(learningRate: try c.number("lr"), decay: try c.number("decay"), epsilon: try c.number("eps"))
            return try Self.steps(c) { x, g in rule.step(&x) { _ in g } } state: { ["cache": rule.cache] }
        case "adam":
            var rule = Adam(learningRate: try c.number("lr"), beta1: try c.number("beta1"), beta2: try c.number("beta2"), epsilon: try c.number("eps"))
            return try Self.steps(c) { x, g in rule.step(&x) { _ in g } } state: { ["m": rule.s, "v": rule.r] }
        case "init-scales":
            var nums: [String: Double] = [:]
            for (key, n) in c.numbers where key.hasPrefix("fanIn") {
                let i = key.dropFirst("fanIn".count)
                nums["xavier\(i)"] = InitExperiment.Scheme.xavier.scale(fanIn: Int(n))
                nums["he\(i)"] = InitExperiment.Scheme.he.scale(fanIn: Int(n))
            }
            return CaseOutputs(numbers: nums)
        case "log-search":
            // 10^x, x uniform in [low, high): the core has no sampler of its own yet, so the formula is written here.
            let low = try c.number("low"), high = try c.number("high")
            var nums: [String: Double] = [:]
            for (key, u) in c.numbers where key.hasPrefix("u") {
                nums["sample\(key.dropFirst())"] = Foundation.pow(10, low + u * (high - low))
            }
            return CaseOutputs(numbers: nums)
        default:
            throw GradingError.noExpectedValues(c.key)
        }
    }

    /// Runs an update rule over the case's gradients g0, g1, ...; returns x after the last step, that
    /// step (x_t - x_{t-1}), and the rule's state named as the exercise returns it.
    static func steps(_ c: GradingCase, _ step: (inout [Double], [Double]) throws -> Void, state: () -> [String: [Double]]) throws -> CaseOutputs {
        let start = try c.array("x")
        var x = start.values, before = x
        for t in 0..<(try c.integer("steps")) {
            before = x
            try step(&x, try c.array("g\(t)").values)
        }
        var arrays = ["x": try ExArray(shape: start.shape, values: x),
                      "step": try ExArray(shape: start.shape, values: zip(x, before).map { $0 - $1 })]
        for (k, v) in state() { arrays[k] = try ExArray(shape: start.shape, values: v) }
        return CaseOutputs(arrays: arrays)
    }
}

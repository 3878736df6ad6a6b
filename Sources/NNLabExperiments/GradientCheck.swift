import NNLabCore

/// Analytic gradients of every layer against centred numeric differences.
///
/// For a layer with output `out` and a random upstream gradient `dout`, the scalar
/// L = sum(out * dout) has dL/dinput = backward(dout). Each input entry is nudged by +-h and
/// (L(x + h) - L(x - h)) / 2h is compared with the analytic value. The relative error of an input
/// is the worst entry's |a - n| / max(|a| + |n|, 1e-8) (the floor keeps entries where both are ~0
/// from reading as errors). With h = 1e-5 in double precision, a correct smooth layer gives about
/// 1e-7 or less; 1e-2 or more means a bug; a kink (relu at 0, max pooling ties, the hinge) crossed
/// by the nudge can give an occasional larger value.
public enum GradientCheck {
    public static let layers = ["affine", "relu", "leaky", "elu", "prelu", "sigmoid", "tanh", "maxout", "softmax", "svm",
                                "dropout", "dropout-inverted", "batchnorm", "conv", "conv-im2col", "maxpool", "avgpool",
                                "flatten", "l2", "l1"]

    public struct Row: Codable, Sendable, Equatable {
        public var layer: String
        /// Which input or parameter: x, w, b, gamma, ...
        public var input: String
        public var shape: String
        public var relative_error: Double
        public var verdict: String
    }

    public struct Report: Codable, Sendable, Equatable {
        public var h: Double
        public var rows: [Row]
        public var worst: Double
        public var worst_layer: String
        /// Largest difference between the naive and im2col conv outputs, when conv was checked.
        public var conv_naive_vs_im2col: Double?
        /// `errors.affine` is the worst relative error of that layer, for lab checks.
        public var errors: [String: Double]
        /// Layers checked of those asked for; `interrupted` when Ctrl-C stopped the check early.
        public var run: RunState
    }

    public static func verdict(_ e: Double) -> String {
        switch e {
        case ..<1e-6: return "correct"
        case ..<1e-4: return "probably right (a kink?)"
        case ..<1e-2: return "suspicious"
        default: return "wrong"
        }
    }

    struct Case {
        var inputs: [(String, Tensor)]
        var forward: ([String: Tensor]) throws -> Tensor
        var backward: ([String: Tensor], Tensor) throws -> [String: Tensor]
    }

    public static func run(_ names: [String], rng: inout NumpyRandom, h: Double = 1e-5,
                           interrupt: InterruptFlag? = nil) throws -> Report {
        var rows: [Row] = []
        var checked = 0
        for name in names {
            if interrupt?.isRaised == true { break }
            defer { checked += 1 }
            let c = try makeCase(name, rng: &rng)
            let values = Dictionary(uniqueKeysWithValues: c.inputs)
            let out = try c.forward(values)
            let dout = out.count == 1 ? try Tensor(shape: out.shape, repeating: 1) : try Tensor.randn(out.shape, using: &rng)
            let analytic = try c.backward(values, dout)
            for (input, x) in c.inputs {
                guard let a = analytic[input] else { continue }
                let n = try numeric(c.forward, values, input, dout, h)
                var worst = 0.0
                for (p, q) in zip(a.data, n.data) { worst = max(worst, abs(p - q) / max(abs(p) + abs(q), 1e-8)) }
                rows.append(Row(layer: name, input: input, shape: Tensor.describe(x.shape), relative_error: worst, verdict: verdict(worst)))
            }
        }
        var convDiff: Double?
        if names.contains(where: { $0.hasPrefix("conv") }) {
            let x = try Tensor.randn([2, 3, 7, 7], using: &rng), w = try Tensor.randn([4, 3, 3, 3], using: &rng), b = try Tensor.randn([4], using: &rng)
            let a = try Convolution.Naive.forward(x, w, b, stride: 2, pad: 1), c = try Convolution.Im2col.forward(x, w, b, stride: 2, pad: 1)
            convDiff = zip(a.data, c.data).map { abs($0 - $1) }.max() ?? 0
        }
        let worstRow = rows.max { $0.relative_error < $1.relative_error }
        var errors: [String: Double] = [:]
        for r in rows { errors[r.layer] = max(errors[r.layer] ?? 0, r.relative_error) }
        return Report(h: h, rows: rows, worst: worstRow?.relative_error ?? 0, worst_layer: worstRow?.layer ?? "",
                      conv_naive_vs_im2col: convDiff, errors: errors,
                      run: RunState(completed: checked, planned: names.count, interrupted: checked < names.count))
    }

    static func numeric(_ f: ([String: Tensor]) throws -> Tensor, _ values: [String: Tensor], _ name: String,
                        _ dout: Tensor, _ h: Double) throws -> Tensor {
        guard var x = values[name] else { throw NumericsError.invalidShape("no input \(name)") }
        var grad = try Tensor(shape: x.shape)
        var v = values
        for i in x.data.indices {
            let old = x.data[i]
            x.data[i] = old + h; v[name] = x
            let plus = try (f(v) * dout).sum()
            x.data[i] = old - h; v[name] = x
            let minus = try (f(v) * dout).sum()
            x.data[i] = old
            grad.data[i] = (plus - minus) / (2 * h)
        }
        return grad
    }

    /// Inputs away from the kinks at 0 (|x| >= 0.1), so the nudge never crosses one.
    static func awayFromZero(_ shape: [Int], _ rng: inout NumpyRandom) throws -> Tensor {
        try Tensor.randn(shape, using: &rng).map { abs($0) < 0.1 ? ($0 < 0 ? -0.1 : 0.1) + $0 : $0 }
    }

    static func makeCase(_ name: String, rng: inout NumpyRandom) throws -> Case {
        func t(_ k: String, _ v: [String: Tensor]) throws -> Tensor {
            guard let x = v[k] else { throw NumericsError.invalidShape("no input \(k)") }
            return x
        }
        switch name {
        case "affine":
            return Case(inputs: [("x", try .randn([4, 5], using: &rng)), ("w", try .randn([5, 3], using: &rng)), ("b", try .randn([3], using: &rng))],
                        forward: { v in try Affine.forward(t("x", v), t("w", v), t("b", v)) },
                        backward: { v, d in let g = try Affine.backward(d, x: t("x", v), w: t("w", v)); return ["x": g.dx, "w": g.dw, "b": g.db] })
        case "relu", "leaky", "elu", "sigmoid", "tanh":
            let act: Activation = name == "relu" ? .relu : name == "leaky" ? .leaky(alpha: 0.01) : name == "elu" ? .elu(alpha: 1)
                : name == "sigmoid" ? .sigmoid : .tanh
            return Case(inputs: [("x", try awayFromZero([4, 6], &rng))],
                        forward: { v in act.forward(try t("x", v)) },
                        backward: { v, d in ["x": try act.backward(d, input: t("x", v))] })
        case "prelu":
            return Case(inputs: [("x", try awayFromZero([4, 6], &rng)), ("alpha", try Tensor(shape: [1], data: [0.25]))],
                        forward: { v in Activation.prelu(alpha: try t("alpha", v).data[0]).forward(try t("x", v)) },
                        backward: { v, d in
                            let a = Activation.prelu(alpha: try t("alpha", v).data[0])
                            return ["x": try a.backward(d, input: t("x", v)), "alpha": try Tensor(shape: [1], data: [a.alphaGradient(d, input: t("x", v))])]
                        })
        case "maxout":
            return Case(inputs: [("x", try .randn([4, 5], using: &rng)), ("w1", try .randn([5, 3], using: &rng)), ("b1", try .randn([3], using: &rng)),
                                 ("w2", try .randn([5, 3], using: &rng)), ("b2", try .randn([3], using: &rng))],
                        forward: { v in try Maxout.forward(t("x", v), t("w1", v), t("b1", v), t("w2", v), t("b2", v)) },
                        backward: { v, d in
                            let g = try Maxout.backward(d, x: t("x", v), w1: t("w1", v), b1: t("b1", v), w2: t("w2", v), b2: t("b2", v))
                            return ["x": g.dx, "w1": g.dw1, "b1": g.db1, "w2": g.dw2, "b2": g.db2]
                        })
        case "softmax", "svm":
            let y = (0..<5).map { _ in rng.randint(0, 4) ?? 0 }
            let loss = name == "softmax" ? Loss.softmax : Loss.svm
            return Case(inputs: [("scores", try .randn([5, 4], using: &rng))],
                        forward: { v in try Tensor(shape: [1], data: [loss(try t("scores", v), y).loss]) },
                        backward: { v, d in ["scores": try loss(t("scores", v), y).dscores * d.data[0]] })
        case "dropout", "dropout-inverted":
            let mode: Dropout.Mode = name == "dropout" ? .vanilla : .inverted
            let x = try Tensor.randn([4, 6], using: &rng)
            let mask = try Dropout.mask(like: x, keep: 0.5, rng: &rng)
            return Case(inputs: [("x", x)],
                        forward: { v in try Dropout.forwardTrain(t("x", v), mask: mask, keep: 0.5, mode: mode) },
                        backward: { _, d in ["x": try Dropout.backward(d, mask: mask, keep: 0.5, mode: mode)] })
        case "batchnorm":
            let d = 4
            return Case(inputs: [("x", try Tensor.randn([6, d], using: &rng) * 3), ("gamma", try .randn([d], using: &rng)), ("beta", try .randn([d], using: &rng))],
                        forward: { v in
                            var rm = [Double](repeating: 0, count: d), rv = [Double](repeating: 1, count: d)
                            return try BatchNorm.forwardTrain(t("x", v), gamma: t("gamma", v), beta: t("beta", v), runningMean: &rm, runningVar: &rv).out
                        },
                        backward: { v, dout in
                            var rm = [Double](repeating: 0, count: d), rv = [Double](repeating: 1, count: d)
                            let c = try BatchNorm.forwardTrain(t("x", v), gamma: t("gamma", v), beta: t("beta", v), runningMean: &rm, runningVar: &rv).cache
                            let g = try BatchNorm.backward(dout, cache: c)
                            return ["x": g.dx, "gamma": g.dgamma, "beta": g.dbeta]
                        })
        case "conv", "conv-im2col":
            let naive = name == "conv"
            return Case(inputs: [("x", try .randn([2, 3, 5, 5], using: &rng)), ("w", try .randn([3, 3, 3, 3], using: &rng)), ("b", try .randn([3], using: &rng))],
                        forward: { v in naive ? try Convolution.Naive.forward(t("x", v), t("w", v), t("b", v), stride: 2, pad: 1)
                                              : try Convolution.Im2col.forward(t("x", v), t("w", v), t("b", v), stride: 2, pad: 1) },
                        backward: { v, d in
                            let g = naive ? try Convolution.Naive.backward(d, x: t("x", v), w: t("w", v), b: t("b", v), stride: 2, pad: 1)
                                          : try Convolution.Im2col.backward(d, x: t("x", v), w: t("w", v), b: t("b", v), stride: 2, pad: 1)
                            return ["x": g.dx, "w": g.dw, "b": g.db]
                        })
        case "maxpool", "avgpool":
            let kind: Pooling.Kind = name == "maxpool" ? .max : .avg
            return Case(inputs: [("x", try .randn([2, 2, 4, 4], using: &rng))],
                        forward: { v in try Pooling.forward(t("x", v), size: 2, stride: 2, kind: kind) },
                        backward: { v, d in ["x": try Pooling.backward(d, x: t("x", v), size: 2, stride: 2, kind: kind)] })
        case "flatten":
            return Case(inputs: [("x", try .randn([2, 3, 2, 2], using: &rng))],
                        forward: { v in try Flatten.forward(t("x", v)) },
                        backward: { v, d in ["x": try Flatten.backward(d, inputShape: t("x", v).shape)] })
        case "l2", "l1":
            let reg = 0.1
            return Case(inputs: [("w", try awayFromZero([3, 4], &rng))],
                        forward: { v in try Tensor(shape: [1], data: [(name == "l2" ? Penalty.l2 : Penalty.l1)(try t("w", v), reg).loss]) },
                        backward: { v, d in ["w": (name == "l2" ? Penalty.l2 : Penalty.l1)(try t("w", v), reg).grad * d.data[0]] })
        default:
            throw NumericsError.outOfRange("no layer '\(name)'")
        }
    }
}

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
        /// When the check at `h` was not "correct" and h > 1e-5: the same check repeated at
        /// h = 1e-5. Below 1e-6 there, the analytic gradient is right and the numeric one at `h`
        /// was off (the verdict is then `step too large`).
        public var error_at_small_h: Double?
        /// relu, leaky, prelu input x: entries within h of the kink at 0, whose centred difference
        /// straddles it.
        public var kinks_crossed: Int?
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

    /// The step the check is repeated at when a larger one gives an error.
    public static let smallStep = 1e-5

    public static func verdict(_ e: Double) -> String {
        switch e {
        case ..<1e-6: return "correct"
        case ..<1e-4: return "probably right (a kink?)"
        case ..<1e-2: return "suspicious"
        default: return "wrong"
        }
    }

    /// What one named check differentiates: a layer at an input (rows for the input `x` and then
    /// each of the layer's parameters, in the layer's order), a loss at some scores, or a penalty
    /// at some weights.
    enum Subject {
        case layer(any Layer, input: Tensor)
        case loss(LossKind, scores: Tensor, labels: [Int])
        case penalty(Regularization, weights: Tensor)
    }

    public static func run(_ names: [String], rng: inout NumpyRandom, h: Double = 1e-5,
                           interrupt: InterruptFlag? = nil) throws -> Report {
        var rows: [Row] = []
        var checked = 0
        for name in names {
            if interrupt?.isRaised == true { break }
            defer { checked += 1 }
            var replay = rng
            let subj = try subject(name, rng: &rng)
            let results = try check(subj, rng: &rng, h: h)
            // A large step's error may be the numeric difference's, not the analytic gradient's: the
            // same subject (same random stream) is checked again at the default step.
            var small: [Double]? = nil
            if h > smallStep, results.contains(where: { verdict($0.2) != "correct" }) {
                let again = try subject(name, rng: &replay)
                small = try check(again, rng: &replay, h: smallStep).map(\.2)
            }
            for (k, (input, shape, worst)) in results.enumerated() {
                var row = Row(layer: name, input: input, shape: Tensor.describe(shape), relative_error: worst, verdict: verdict(worst))
                if let small, k < small.count {
                    row.error_at_small_h = small[k]
                    if small[k] < 1e-6 { row.verdict = "step too large" }
                }
                if input == "x", ["relu", "leaky", "prelu"].contains(name), case let .layer(_, x) = subj {
                    row.kinks_crossed = x.data.filter { abs($0) < h }.count
                }
                rows.append(row)
            }
        }
        var convDiff: Double?
        if names.contains(where: { $0.hasPrefix("conv") }) {
            let x = try Tensor.randn([2, 3, 7, 7], using: &rng), w = try Tensor.randn([4, 3, 3, 3], using: &rng), b = try Tensor.randn([4], using: &rng)
            var naive = try Conv(weight: w, bias: b, stride: 2, pad: 1, algorithm: .naive)
            var fast = try Conv(weight: w, bias: b, stride: 2, pad: 1, algorithm: .im2col)
            let a = try naive.forward(x, mode: .train, rng: &rng), c = try fast.forward(x, mode: .train, rng: &rng)
            convDiff = zip(a.data, c.data).map { abs($0 - $1) }.max() ?? 0
        }
        let worstRow = rows.max { $0.relative_error < $1.relative_error }
        var errors: [String: Double] = [:]
        for r in rows { errors[r.layer] = max(errors[r.layer] ?? 0, r.relative_error) }
        return Report(h: h, rows: rows, worst: worstRow?.relative_error ?? 0, worst_layer: worstRow?.layer ?? "",
                      conv_naive_vs_im2col: convDiff, errors: errors,
                      run: RunState(completed: checked, planned: names.count, interrupted: checked < names.count))
    }

    /// The worst relative error |a - n| / max(|a| + |n|, 1e-8) of two gradients.
    static func relativeError(_ a: Tensor, _ n: Tensor) -> Double {
        var worst = 0.0
        for (p, q) in zip(a.data, n.data) { worst = max(worst, abs(p - q) / max(abs(p) + abs(q), 1e-8)) }
        return worst
    }

    /// For each input of the subject: its name, shape and the worst relative error between the
    /// analytic gradient of L = sum(out * dout) and the centred difference (L(v + h) - L(v - h)) / 2h.
    /// `dout` is all ones for a scalar output (a loss), else drawn from `rng` after the forward.
    static func check(_ subject: Subject, rng: inout NumpyRandom, h: Double) throws -> [(String, [Int], Double)] {
        switch subject {
        case let .layer(original, x):
            // Every evaluation replays the random stream the first forward saw, so a stochastic
            // layer (dropout) uses the same mask throughout; copies keep the layer itself untouched.
            let stream = rng
            var layer = original
            let out = try layer.forward(x, mode: .train, rng: &rng)
            let dout = out.count == 1 ? try Tensor(shape: out.shape, repeating: 1) : try Tensor.randn(out.shape, using: &rng)
            let dx = try layer.backward(dout)
            func objective(_ l: any Layer, _ input: Tensor) throws -> Double {
                var copy = l, r = stream
                return try (copy.forward(input, mode: .train, rng: &r) * dout).sum()
            }
            var results = [("x", x.shape, relativeError(dx, try numeric(x, h) { try objective(original, $0) }))]
            for p in layer.parameters {
                let n = try numeric(p.value, h) { v in
                    var nudged = original
                    try nudged.parameters.setValue(v, for: p.name)
                    return try objective(nudged, x)
                }
                results.append((p.name, p.value.shape, relativeError(p.gradient, n)))
            }
            return results
        case let .loss(kind, scores, labels):
            let analytic = try kind.evaluate(scores, labels).dscores
            let n = try numeric(scores, h) { try kind.evaluate($0, labels).loss }
            return [("scores", scores.shape, relativeError(analytic, n))]
        case let .penalty(reg, w):
            let n = try numeric(w, h) { reg.penalty($0).loss }
            return [("w", w.shape, relativeError(reg.penalty(w).grad, n))]
        }
    }

    /// The centred difference of a scalar function of a tensor, entry by entry.
    static func numeric(_ v: Tensor, _ h: Double, _ f: (Tensor) throws -> Double) throws -> Tensor {
        var x = v, grad = try Tensor(shape: v.shape)
        for i in 0..<v.count {
            let old = x[flat: i]
            x[flat: i] = old + h
            let plus = try f(x)
            x[flat: i] = old - h
            let minus = try f(x)
            x[flat: i] = old
            grad[flat: i] = (plus - minus) / (2 * h)
        }
        return grad
    }

    /// Inputs away from the kinks at 0 (|x| >= 0.1), so the nudge never crosses one.
    static func awayFromZero(_ shape: [Int], _ rng: inout NumpyRandom) throws -> Tensor {
        try Tensor.randn(shape, using: &rng).map { abs($0) < 0.1 ? ($0 < 0 ? -0.1 : 0.1) + $0 : $0 }
    }

    /// The subject of a named check, its inputs drawn from `rng` in the order listed.
    static func subject(_ name: String, rng: inout NumpyRandom) throws -> Subject {
        switch name {
        case "affine":
            let x = try Tensor.randn([4, 5], using: &rng), w = try Tensor.randn([5, 3], using: &rng), b = try Tensor.randn([3], using: &rng)
            return .layer(try Linear(weight: w, bias: b), input: x)
        case "relu", "leaky", "elu", "sigmoid", "tanh", "prelu":
            guard let kind = ActivationKind(rawValue: name) else { throw NumericsError.outOfRange("no layer '\(name)'") }
            return .layer(ActivationLayer(kind.activation()), input: try awayFromZero([4, 6], &rng))
        case "maxout":
            let x = try Tensor.randn([4, 5], using: &rng)
            let w1 = try Tensor.randn([5, 3], using: &rng), b1 = try Tensor.randn([3], using: &rng)
            let w2 = try Tensor.randn([5, 3], using: &rng), b2 = try Tensor.randn([3], using: &rng)
            return .layer(try MaxoutLayer(w1: w1, b1: b1, w2: w2, b2: b2), input: x)
        case "softmax", "svm":
            let y = (0..<5).map { _ in rng.randint(0, 4) ?? 0 }
            return .loss(name == "softmax" ? .softmax : .svm, scores: try .randn([5, 4], using: &rng), labels: y)
        case "dropout", "dropout-inverted":
            // The mask is drawn by the layer's first forward, right after x, as before.
            return .layer(try DropoutLayer(keep: 0.5, mode: name == "dropout" ? .vanilla : .inverted), input: try Tensor.randn([4, 6], using: &rng))
        case "batchnorm":
            let x = try Tensor.randn([6, 4], using: &rng) * 3, gamma = try Tensor.randn([4], using: &rng), beta = try Tensor.randn([4], using: &rng)
            return .layer(try BatchNormLayer(gamma: gamma, beta: beta), input: x)
        case "conv", "conv-im2col":
            let x = try Tensor.randn([2, 3, 5, 5], using: &rng), w = try Tensor.randn([3, 3, 3, 3], using: &rng), b = try Tensor.randn([3], using: &rng)
            return .layer(try Conv(weight: w, bias: b, stride: 2, pad: 1, algorithm: name == "conv" ? .naive : .im2col), input: x)
        case "maxpool", "avgpool":
            return .layer(try Pool(name == "maxpool" ? .max : .avg, size: 2, stride: 2), input: try .randn([2, 2, 4, 4], using: &rng))
        case "flatten":
            return .layer(Flatten(), input: try .randn([2, 3, 2, 2], using: &rng))
        case "l2", "l1":
            return .penalty(try Regularization(name == "l2" ? .l2 : .l1, strength: 0.1), weights: try awayFromZero([3, 4], &rng))
        default:
            throw NumericsError.outOfRange("no layer '\(name)'")
        }
    }
}

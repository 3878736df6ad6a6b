import Foundation
import NNLabCore

/// Generates quiz questions with fresh numbers. Question i of a set draws its numbers from
/// numpy's `RandomState([seed, i])` (`NumpyRandom(seed:stream:)`), so one seed gives one set an
/// instructor can share, and the answer of every question comes from the library function that
/// computes that quantity elsewhere in nnlab:
/// - conv output size and parameter count: `ConvArithmetic.run` (W2 = (W1 - F + 2P)/S + 1,
///   (F*F*D1 + 1)*K parameters); the padding that keeps the size: `ConvGeometry.samePadding`
///   (P = (F - 1)/2 at stride 1);
/// - Xavier and He: `InitExperiment.Scheme.scale(fanIn:)` (1/sqrt(n), sqrt(2/n));
/// - E[a] under dropout: `Dropout.forwardTest`, the test-time output that equals the expected
///   training output (p a for vanilla dropout, a for inverted);
/// - two momentum steps and Adam's first step: the `Momentum` and `Adam` rules of `descend`;
/// - the initial loss for C classes: `Loss.softmax` and `Loss.svm` on zero scores (ln C, C - 1);
/// - a gradient through a small graph: `GraphExperiment.run`'s backward pass.
public enum QuizGenerator {
    /// The largest set one command asks.
    public static let maxQuestions = 50

    public static func questions(topic: QuizTopic, count: Int, seed: UInt32) throws -> [QuizQuestion] {
        guard (1...maxQuestions).contains(count) else {
            throw NumericsError.outOfRange("a quiz has 1 to \(maxQuestions) questions, got \(count)")
        }
        var kinds = topic.kinds
        if topic == .all {
            // The mixed set starts at a seed-dependent kind and then cycles through them all.
            var r = NumpyRandom(seed: seed, stream: UInt32(maxQuestions))
            r.shuffle(&kinds)
        }
        return try (0..<count).map { i in
            var rng = NumpyRandom(seed: seed, stream: UInt32(i))
            return try question(kinds[i % kinds.count], number: i + 1, rng: &rng)
        }
    }

    /// One question of a kind, its numbers drawn from `rng`.
    public static func question(_ kind: QuizKind, number: Int, rng: inout NumpyRandom) throws -> QuizQuestion {
        switch kind {
        case .convOutput: return try convOutput(number, &rng)
        case .convParams: return try convParams(number, &rng)
        case .samePadding: return try samePadding(number, &rng)
        case .xavierStd, .heStd: return try initStd(kind, number, &rng)
        case .dropoutVanilla, .dropoutInverted: return try dropout(kind, number, &rng)
        case .momentumSteps: return try momentum(number, &rng)
        case .adamFirstStep: return try adam(number, &rng)
        case .softmaxInitialLoss, .svmInitialLoss: return try initialLoss(kind, number, &rng)
        case .gateGradient: return try gate(number, &rng)
        }
    }

    // MARK: drawing and formatting

    static func pick<T>(_ list: [T], _ rng: inout NumpyRandom) -> T {
        list[rng.randint(0, list.count) ?? 0]
    }

    /// A whole number in [low, high] other than zero.
    static func nonzero(_ low: Int, _ high: Int, _ rng: inout NumpyRandom) -> Int {
        let v = rng.randint(low, high + 1) ?? 1
        return v == 0 ? high : v
    }

    /// `32`, `0.1`, `1e-03`: whole numbers without a point, others with %g.
    public static func show(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
        return String(format: "%.4g", x)
    }

    /// 10^floor(log10(scale / 100)): one hundredth of the answer's size, rounded down to a power of ten.
    static func tolerance(forScale scale: Double) -> Double {
        let s = max(abs(scale), 1e-12) / 100
        return pow(10, (log10(s) + 1e-9).rounded(.down))  // log10(0.001) may come out a hair below -3
    }

    static func make(_ number: Int, _ kind: QuizKind, _ given: [String: Double], _ text: String, answer: Double,
                     answerText: String? = nil, whole: Bool, relative: Double? = nil, absolute: Double? = nil,
                     working: String, expression: String? = nil, variable: String? = nil) -> QuizQuestion {
        let tol: Double, tolText: String
        if whole {
            tol = 0; tolText = "a whole number, exactly"
        } else if let r = relative {
            tol = r * abs(answer); tolText = "within \(show(r * 100))% of the answer"
        } else {
            let a = absolute ?? 0
            tol = a; tolText = "within ±\(show(a))"
        }
        return QuizQuestion(number: number, kind: kind, given: given, expression: expression, variable: variable,
                            text: text, answer: answer, answer_text: answerText ?? show(whole ? answer.rounded() : answer),
                            whole: whole, tolerance: tol, tolerance_text: tolText, working: working)
    }

    // MARK: convolution

    static let inputSizes = [7, 28, 32, 64, 227, 224, 96]

    static func convOutput(_ number: Int, _ rng: inout NumpyRandom) throws -> QuizQuestion {
        // Draw until the window fits exactly (at most 64 draws, then the lecture's 32x32x3, 5x5, pad 2).
        var w = 32, f = 5, s = 1, p = 2
        for _ in 0..<64 {
            let w1 = pick(inputSizes, &rng), f1 = pick([1, 3, 5, 7, 11], &rng), s1 = pick([1, 1, 2, 2, 3, 4], &rng)
            let p1 = rng.randint(0, (f1 + 1) / 2 + 1) ?? 0
            if let st = try? ConvGeometry.step(input: w1, filter: f1, stride: s1, padding: p1), st.fits, f1 <= w1 {
                w = w1; f = f1; s = s1; p = p1
                break
            }
        }
        let d = pick([1, 3, 3, 16, 64], &rng), k = pick([6, 10, 16, 32, 96], &rng)
        let r = try ConvArithmetic.run(.init(kind: .conv, input: Volume(square: w, depth: d), filter: f, stride: s, padding: p, filters: k))
        let out = Double(r.out ?? 0)
        return make(number, .convOutput, ["W": Double(w), "D": Double(d), "F": Double(f), "S": Double(s), "P": Double(p), "K": Double(k)],
                    "A \(w)x\(w)x\(d) input goes through \(k) filters of \(f)x\(f), stride \(s), padding \(p). How wide is the output?",
                    answer: out, whole: true,
                    working: "W2 = (W1 - F + 2P)/S + 1 = \(r.formula); the output is \(r.volume ?? "?") (the depth is the number of filters).")
    }

    static func convParams(_ number: Int, _ rng: inout NumpyRandom) throws -> QuizQuestion {
        let f = pick([1, 3, 5, 7, 11], &rng), d = pick([1, 3, 16, 32, 64, 96], &rng), k = pick([6, 10, 16, 32, 64, 96], &rng)
        let w = pick([32, 64, 224], &rng)
        let r = try ConvArithmetic.run(.init(kind: .conv, input: Volume(square: w, depth: d), filter: f, stride: 1, padding: (f - 1) / 2, filters: k))
        let perFilter = r.params_per_filter ?? 0
        return make(number, .convParams, ["W": Double(w), "D": Double(d), "F": Double(f), "K": Double(k)],
                    "A conv layer takes a \(w)x\(w)x\(d) input with \(k) filters of \(f)x\(f). How many parameters does it have, biases included?",
                    answer: Double(r.params ?? 0), whole: true,
                    working: "each filter sees F*F*D1 = \(f)*\(f)*\(d) = \(perFilter - 1) inputs, so it has \(perFilter - 1) weights and 1 bias, "
                        + "\(perFilter) in all; \(k) filters give \(perFilter)*\(k) = \(r.params ?? 0). The input's width does not matter.")
    }

    static func samePadding(_ number: Int, _ rng: inout NumpyRandom) throws -> QuizQuestion {
        let f = pick([1, 3, 5, 7, 9, 11], &rng), w = pick([28, 32, 64, 224], &rng)
        let p = try ConvGeometry.samePadding(filter: f).padding ?? 0
        return make(number, .samePadding, ["W": Double(w), "F": Double(f)],
                    "A \(w)x\(w) input and \(f)x\(f) filters at stride 1. What padding keeps the output \(w) wide?",
                    answer: Double(p), whole: true,
                    working: "(N - F + 2P)/1 + 1 = N gives 2P = F - 1, so P = (F - 1)/2 = (\(f) - 1)/2 = \(p), whatever N is.")
    }

    // MARK: initialization

    static func initStd(_ kind: QuizKind, _ number: Int, _ rng: inout NumpyRandom) throws -> QuizQuestion {
        let conv = (rng.randint(0, 2) ?? 0) == 1
        let n: Int, layer: String
        if conv {
            let f = pick([3, 5], &rng), d = pick([3, 16, 64, 128], &rng)
            n = f * f * d; layer = "a conv layer of \(f)x\(f) filters on \(d) input channels (fan-in F*F*D = \(n))"
        } else {
            n = pick([50, 100, 256, 500, 784, 1000, 4096], &rng); layer = "a fully connected layer with \(n) inputs"
        }
        let he = kind == .heStd
        let scheme: InitExperiment.Scheme = he ? .he : .xavier
        let std = scheme.scale(fanIn: n)
        let text = he ? "He initialization for \(layer), followed by ReLU: what standard deviation do the weights get?"
                      : "Xavier initialization for \(layer), followed by tanh: what standard deviation do the weights get?"
        let working = he
            ? "ReLU sets about half its inputs to zero, which halves the variance, so He doubles Var(w) to 2/n: std = sqrt(2/\(n)) = \(show(std))."
            : "Var(y) = n Var(w) Var(x) keeps Var(x) when Var(w) = 1/n: std = 1/sqrt(\(n)) = \(show(std))."
        return make(number, kind, ["n": Double(n), "conv": conv ? 1 : 0], text, answer: std, whole: false, relative: 0.01, working: working)
    }

    // MARK: dropout

    static func dropout(_ kind: QuizKind, _ number: Int, _ rng: inout NumpyRandom) throws -> QuizQuestion {
        let keeps: [(Int, Int)] = [(1, 2), (1, 4), (3, 4), (1, 3), (2, 3), (4, 5), (9, 10)]
        let (pn, pd) = pick(keeps, &rng)
        var w = [1, 1], x = [1, 1]
        for _ in 0..<16 {
            w = [nonzero(-3, 3, &rng), nonzero(-3, 3, &rng)]; x = [nonzero(-4, 4, &rng), nonzero(-4, 4, &rng)]
            if w[0] * x[0] + w[1] * x[1] != 0 { break }
        }
        if w[0] * x[0] + w[1] * x[1] == 0 { w = [2, 1]; x = [1, 1] }
        let a = w[0] * x[0] + w[1] * x[1]
        let p = try Fraction(pn, pd)
        let inverted = kind == .dropoutInverted
        let mode: Dropout.Mode = inverted ? .inverted : .vanilla
        // The test-time output is, by construction, the expected training output.
        let expected = Dropout.forwardTest(try Tensor(shape: [1], data: [Double(a)]), keep: p.value, mode: mode)[flat: 0]
        let exact = inverted ? try Fraction(a) : try p * Fraction(a)
        let neuron = "a = w0*x0 + w1*x1 with w = (\(w[0]), \(w[1])) and x = (\(x[0]), \(x[1]))"
        let text = inverted
            ? "\(neuron). Inverted dropout keeps each input with probability p = \(p) and divides what it keeps by p. What is E[a] during training?"
            : "\(neuron). Dropout keeps each input with probability p = \(p) and does not rescale in training. What is E[a] during training?"
        let working = inverted
            ? "each w_i x_i is kept with probability p and then divided by p, so E[a] = p (w.x) / p = w.x = \(a): no scaling is needed at test time."
            : "w_i x_i survives exactly in the masks that keep input i, whose probabilities add up to p, so E[a] = p (w.x) = \(p) * \(a) = \(exact); at test time a is multiplied by p to match."
        return make(number, kind, ["p": p.value, "w0": Double(w[0]), "w1": Double(w[1]), "x0": Double(x[0]), "x1": Double(x[1])],
                    text, answer: expected, answerText: exact.description, whole: exact.denominator == 1, relative: 0.005, working: working)
    }

    // MARK: optimizers

    static func momentum(_ number: Int, _ rng: inout NumpyRandom) throws -> QuizQuestion {
        let x0 = Double(nonzero(-3, 3, &rng)), lr = pick([0.1, 0.1, 0.5, 0.01], &rng), mu = pick([0.9, 0.9, 0.5, 0.99], &rng)
        let g1 = Double(nonzero(-5, 5, &rng)), g2 = Double(nonzero(-5, 5, &rng))
        var rule = Momentum(learningRate: lr, mu: mu)
        var x = [x0]
        var calls = 0
        let gradients = [g1, g2]
        for _ in 0..<2 {
            rule.step(&x) { _ in calls += 1; return [gradients[min(calls - 1, 1)]] }
        }
        let v1 = -lr * g1, x1 = x0 + v1, v2 = mu * v1 - lr * g2
        let text = "Momentum with lr = \(show(lr)) and mu = \(show(mu)) starts at x = \(show(x0)) with v = 0. The gradient is \(show(g1)) "
            + "at the first step and \(show(g2)) at the second. Where is x after the two steps (v = mu v - lr g; x = x + v)?"
        let working = "v1 = \(show(mu))*0 - \(show(lr))*\(show(g1)) = \(show(v1)), x1 = \(show(x0)) + \(show(v1)) = \(show(x1)); "
            + "v2 = \(show(mu))*\(show(v1)) - \(show(lr))*\(show(g2)) = \(show(v2)), x2 = \(show(x1)) + \(show(v2)) = \(show(x[0])). "
            + "The first velocity carries into the second step: that is what momentum adds to SGD."
        return make(number, .momentumSteps, ["x0": x0, "lr": lr, "mu": mu, "g1": g1, "g2": g2], text, answer: x[0], whole: false,
                    absolute: tolerance(forScale: abs(x[0] - x0)), working: working)
    }

    static func adam(_ number: Int, _ rng: inout NumpyRandom) throws -> QuizQuestion {
        let x0 = Double(nonzero(-3, 3, &rng)), lr = pick([1e-3, 1e-2, 0.1], &rng)
        let g = pick([-100.0, -5, -0.5, -0.01, 0.01, 0.2, 3, 50], &rng)
        var rule = Adam(learningRate: lr)
        var x = [x0]
        rule.step(&x) { _ in [g] }
        let change = x[0] - x0
        let text = "Adam (lr = \(show(lr)), b1 = 0.9, b2 = 0.999, eps = 1e-8, with bias correction) takes its first step "
            + "from x = \(show(x0)) where the gradient is \(show(g)). By how much does x change (new x - old x)?"
        let working = "s = (1 - b1) g and r = (1 - b2) g^2; bias correction divides by 1 - b1 and 1 - b2, giving s_hat = g and "
            + "r_hat = g^2, so the step is -lr g / (|g| + eps) = -lr sign(g) = \(show(change)): the first step is lr long whatever the gradient's size."
        return make(number, .adamFirstStep, ["x0": x0, "lr": lr, "g": g], text, answer: change, whole: false,
                    absolute: tolerance(forScale: change), working: working)
    }

    // MARK: losses

    static func initialLoss(_ kind: QuizKind, _ number: Int, _ rng: inout NumpyRandom) throws -> QuizQuestion {
        let c = pick([2, 3, 5, 10, 10, 100, 1000], &rng)
        let scores = try Tensor(shape: [1, c])
        if kind == .softmaxInitialLoss {
            let loss = try Loss.softmax(scores, [0]).loss
            return make(number, kind, ["C": Double(c)],
                        "A softmax classifier over \(c) classes starts with weights so small that every score is 0. What is its loss?",
                        answer: loss, whole: false, relative: 0.01,
                        working: "equal scores give every class probability 1/C, so the loss is -ln(1/C) = ln C = ln \(c) = \(show(loss)). "
                            + "A first loss far from this means the set-up is wrong.")
        }
        let loss = try Loss.svm(scores, [0]).loss
        return make(number, kind, ["C": Double(c)],
                    "A multiclass SVM (margin 1) over \(c) classes starts with every score 0. What is its loss?",
                    answer: loss, whole: true,
                    working: "each of the C - 1 wrong classes contributes max(0, 0 - 0 + 1) = 1, so the loss is C - 1 = \(c - 1).")
    }

    // MARK: backprop

    /// Small graphs: the expression, its variables, and how the asked gradient is worked out by hand.
    static let graphs: [(expression: String, variables: [String])] = [
        ("(x+y)*z", ["x", "y", "z"]), ("x*y+z", ["x", "y", "z"]), ("max(x,y)*z", ["x", "y", "z"]), ("(x+y)*(y+z)", ["x", "y", "z"]),
        ("sigmoid(x)", ["x"]),
    ]

    static func gate(_ number: Int, _ rng: inout NumpyRandom) throws -> QuizQuestion {
        let k = rng.randint(0, graphs.count) ?? 0
        let (expr, vars) = graphs[k]
        var values: [String: Double] = [:]
        for v in vars { values[v] = Double(nonzero(-5, 5, &rng)) }
        if expr.hasPrefix("max"), values["x"] == values["y"] { values["y"] = (values["x"] ?? 0) + 1 }
        let v = pick(vars, &rng)
        let report = try GraphExperiment.run(expr, values: values)
        let answer = report.grad[v] ?? 0
        let x = values["x"] ?? 0, y = values["y"] ?? 0, z = values["z"] ?? 0
        let sig = 1 / (1 + exp(-x))
        func s(_ d: Double) -> String { show(d) }
        let working: String
        switch (k, v) {
        case (0, "z"): working = "f = q z with q = x + y: df/dz = q = \(s(x)) + \(s(y)) = \(s(x + y))."
        case (0, _): working = "f = q z with q = x + y: df/dq = z and the add gate passes it unchanged (local gradient 1), so df/d\(v) = z = \(s(z))."
        case (1, "z"): working = "the add gate gives z a local gradient of 1: df/dz = 1."
        case (1, "x"): working = "the add gate passes 1 to x*y, and the multiply gate swaps its inputs: df/dx = y = \(s(y))."
        case (1, _): working = "the add gate passes 1 to x*y, and the multiply gate swaps its inputs: df/dy = x = \(s(x))."
        case (2, "z"): working = "f = m z with m = max(x, y) = \(s(max(x, y))): df/dz = m = \(s(max(x, y)))."
        case (2, _):
            let routed = (v == "x") == (x > y)
            working = "df/dm = z = \(s(z)); the max gate routes it to the larger input (\(x > y ? "x" : "y")) and gives the other 0, so df/d\(v) = \(routed ? s(z) : "0")."
        case (4, _): working = "the sigmoid gate's local gradient is s(x)(1 - s(x)) with s(\(s(x))) = \(show(sig)): \(show(sig)) * \(show(1 - sig)) = \(show(sig * (1 - sig))); it is at most 1/4, at x = 0."
        case (3, "x"): working = "f = a b with a = x + y, b = y + z: df/dx = b = \(s(y)) + \(s(z)) = \(s(y + z))."
        case (3, "z"): working = "f = a b with a = x + y, b = y + z: df/dz = a = \(s(x)) + \(s(y)) = \(s(x + y))."
        default: working = "f = a b with a = x + y, b = y + z: y feeds both, and the gradients of its two paths add: df/dy = b + a = \(s(y + z)) + \(s(x + y)) = \(s(x + 2 * y + z))."
        }
        let at = vars.map { "\($0) = \(s(values[$0] ?? 0))" }.joined(separator: ", ")
        var given = values
        given["graph"] = Double(k)
        let text = k == 4 ? "A sigmoid gate f = sigmoid(x) receives x = \(s(x)). What is its local gradient df/dx?"
                          : "f = \(expr) at \(at). What is df/d\(v)?"
        return make(number, .gateGradient, given, text,
                    answer: answer, whole: answer == answer.rounded(), relative: 0.01, working: working, expression: expr, variable: v)
    }
}

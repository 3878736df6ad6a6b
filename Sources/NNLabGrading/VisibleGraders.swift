import NNLabExercises

/// The graders that ship to students. Inputs are fixed lecture cases or come from a
/// `SeededGenerator` with a fixed seed, so a release's fixtures match them exactly.
public enum VisibleGraders {
    public static let all: [Grader] = convSize + activations + reluBackward + affine + softmax + svm + dropout
        + batchnorm + momentum + rmsprop + adam + initScales + logSearch

    // MARK: cases

    static func convCase(_ id: String, input: Int, filter: Int, stride: Int, padding: Int) -> GradingCase {
        GradingCase(exercise: "conv-size", id: id, numbers: ["input": Double(input), "filter": Double(filter), "stride": Double(stride), "padding": Double(padding)])
    }

    static func paramCase(_ id: String, filter: Int, depth: Int, filters: Int) -> GradingCase {
        GradingCase(exercise: "conv-size", id: id, numbers: ["filter": Double(filter), "depth": Double(depth), "filters": Double(filters)])
    }

    /// Inputs x (shape) and upstream gradient dout for an elementwise function.
    public static func elementwiseCase(_ exercise: String, _ id: String, seed: UInt64, shape: [Int], scale: Double = 1) -> GradingCase {
        var g = SeededGenerator(seed: seed)
        return GradingCase(exercise: exercise, id: id, arrays: ["x": g.normalArray(shape, scale: scale), "dout": g.normalArray(shape)])
    }

    public static func affineCase(_ id: String, seed: UInt64, n: Int, d: Int, m: Int) -> GradingCase {
        var g = SeededGenerator(seed: seed)
        return GradingCase(exercise: "affine", id: id, arrays: ["x": g.normalArray([n, d]), "w": g.normalArray([d, m]),
                                                                "b": g.normalArray([m]), "dout": g.normalArray([n, m])])
    }

    public static func lossCase(_ exercise: String, _ id: String, seed: UInt64, n: Int, c: Int, scale: Double = 1, offset: Double = 0) -> GradingCase {
        var g = SeededGenerator(seed: seed)
        let scores = g.normalArray([n, c], scale: scale).map { $0 + offset }
        return GradingCase(exercise: exercise, id: id, arrays: ["scores": scores], labels: g.labels(n, classes: c))
    }

    public static func dropoutCase(_ id: String, seed: UInt64, shape: [Int], keep: Double, train: Bool, inverted: Bool) -> GradingCase {
        var g = SeededGenerator(seed: seed)
        return GradingCase(exercise: "dropout", id: id, arrays: ["x": g.normalArray(shape), "uniforms": g.uniformArray(shape)],
                           numbers: ["keep": keep, "train": train ? 1 : 0, "inverted": inverted ? 1 : 0])
    }

    public static func batchnormCase(_ id: String, seed: UInt64, n: Int, d: Int) -> GradingCase {
        var g = SeededGenerator(seed: seed)
        var x = g.normalArray([n, d], scale: 3)
        for i in x.values.indices { x.values[i] += 2 }
        var gamma = g.normalArray([d])
        for i in gamma.values.indices { gamma.values[i] += 1 }
        return GradingCase(exercise: "batchnorm", id: id, arrays: ["x": x, "gamma": gamma, "beta": g.normalArray([d]), "dout": g.normalArray([n, d])],
                           numbers: ["eps": 1e-5])
    }

    /// `steps` gradients g0, g1, ... (arrays "g0"...) from a start x, for an update rule.
    public static func optimizerCase(_ exercise: String, _ id: String, seed: UInt64, shape: [Int], steps: Int, numbers: [String: Double]) -> GradingCase {
        var g = SeededGenerator(seed: seed)
        var arrays = ["x": g.normalArray(shape)]
        for s in 0..<steps { arrays["g\(s)"] = g.normalArray(shape) }
        var nums = numbers
        nums["steps"] = Double(steps)
        return GradingCase(exercise: exercise, id: id, arrays: arrays, numbers: nums)
    }

    // MARK: conv-size

    /// -1 stands for "does not fit" (nil) in expected values.
    static func convChecker(_ s: Submission, _ cases: [GradingCase], _ expected: [CaseOutputs]) throws -> String? {
        for (c, e) in zip(cases, expected) {
            if c.numbers["depth"] != nil {
                let got = try s.convParameterCount(try c.integer("filter"), try c.integer("depth"), try c.integer("filters"))
                let want = try e.number("parameters")
                if Double(got) != want {
                    return "convParameterCount(filter: \(try c.integer("filter")), depth: \(try c.integer("depth")), filters: \(try c.integer("filters"))): got \(got), expected \(Int(want))"
                }
            } else {
                let got = try s.convOutputSize(try c.integer("input"), try c.integer("filter"), try c.integer("stride"), try c.integer("padding"))
                let want = try e.number("size")
                let call = "convOutputSize(input: \(try c.integer("input")), filter: \(try c.integer("filter")), stride: \(try c.integer("stride")), padding: \(try c.integer("padding")))"
                switch (got, want < 0) {
                case (nil, true): continue
                case let (g?, true): return "\(call): got \(g), expected nil: the filter does not fit evenly"
                case (nil, false): return "\(call): got nil, expected \(Int(want))"
                case let (g?, false): if Double(g) != want { return "\(call): got \(g), expected \(Int(want))" }
                }
            }
        }
        return nil
    }

    public static func convGrader(_ name: String, points: Double, visibility: Visibility = .visible, _ cases: [GradingCase]) -> Grader {
        Grader(name, exercise: "conv-size", points: points, visibility, cases: cases) { s, e in try convChecker(s, cases, e) }
    }

    static let convSize: [Grader] = [
        convGrader("conv-size: 7x7 input, 3x3 filter, strides 1 and 2", points: 1,
                   [convCase("7-3-s1", input: 7, filter: 3, stride: 1, padding: 0), convCase("7-3-s2", input: 7, filter: 3, stride: 2, padding: 0)]),
        convGrader("conv-size: stride 3 does not fit a 7x7 input", points: 1, [convCase("7-3-s3", input: 7, filter: 3, stride: 3, padding: 0)]),
        convGrader("conv-size: 32x32x3 input, ten 5x5 filters, pad 2", points: 1,
                   [convCase("32-5-p2", input: 32, filter: 5, stride: 1, padding: 2), paramCase("5x5x3x10", filter: 5, depth: 3, filters: 10)]),
    ]

    // MARK: activations

    /// Compares an elementwise forward, its backward, and the backward against the numeric gradient
    /// of the submission's own forward (L = sum(forward(x) * dout)).
    public static func forwardGrader(_ name: String, exercise: String, points: Double, visibility: Visibility = .visible, _ c: GradingCase,
                                     key: String = "out", _ f: @escaping @Sendable (Submission, ExArray) throws -> ExArray) -> Grader {
        Grader(name, exercise: exercise, points: points, visibility, cases: [c]) { s, e in
            Check.array(try f(s, try c.array("x")), try e[0].array(key), "out")
        }
    }

    public static func backwardGrader(_ name: String, exercise: String, points: Double, visibility: Visibility = .visible, _ c: GradingCase,
                                      key: String = "dx", _ f: @escaping @Sendable (Submission, ExArray, ExArray) throws -> ExArray) -> Grader {
        Grader(name, exercise: exercise, points: points, visibility, cases: [c]) { s, e in
            Check.array(try f(s, try c.array("dout"), try c.array("x")), try e[0].array(key), "dx")
        }
    }

    /// The submission's backward (given x) against the numeric gradient of its own forward.
    public static func numericGrader(_ name: String, exercise: String, points: Double, _ c: GradingCase,
                                     forward: @escaping @Sendable (Submission, ExArray) throws -> ExArray,
                                     backward: @escaping @Sendable (Submission, ExArray, ExArray) throws -> ExArray) -> Grader {
        Grader(name, exercise: exercise, points: points, cases: []) { s, _ in
            let x = try c.array("x"), dout = try c.array("dout")
            let numeric = try Check.numericGradient(at: x) { Check.dot(try forward(s, $0), dout) }
            return Check.array(try backward(s, dout, x), numeric, "dx against the numeric gradient of your forward", rtol: 1e-5, atol: 1e-7)
        }
    }

    static let act = elementwiseCase("activations", "random-4x5", seed: 11, shape: [4, 5], scale: 2)
    static let activations: [Grader] = [
        forwardGrader("activations: sigmoid forward", exercise: "activations", points: 1, act, key: "sigmoid-out") { try $0.sigmoidForward($1) },
        backwardGrader("activations: sigmoid backward from its output", exercise: "activations", points: 1, act, key: "sigmoid-dx") { s, dout, x in
            try s.sigmoidBackward(dout, try s.sigmoidForward(x))
        },
        numericGrader("activations: sigmoid backward against a numeric gradient", exercise: "activations", points: 1, act,
                      forward: { try $0.sigmoidForward($1) }, backward: { s, dout, x in try s.sigmoidBackward(dout, try s.sigmoidForward(x)) }),
        forwardGrader("activations: tanh forward", exercise: "activations", points: 1, act, key: "tanh-out") { try $0.tanhForward($1) },
        backwardGrader("activations: tanh backward from its output", exercise: "activations", points: 1, act, key: "tanh-dx") { s, dout, x in
            try s.tanhBackward(dout, try s.tanhForward(x))
        },
        forwardGrader("activations: relu forward", exercise: "activations", points: 1, act, key: "relu-out") { try $0.reluForward($1) },
    ]

    // MARK: relu backward

    static let relu = elementwiseCase("relu-backward", "random-6x4", seed: 12, shape: [6, 4])
    static let reluBackward: [Grader] = [
        backwardGrader("relu-backward: random 6x4 input", exercise: "relu-backward", points: 2, relu) { try $0.reluBackward($1, $2) },
        numericGrader("relu-backward: against a numeric gradient of your relu forward", exercise: "relu-backward", points: 1, relu,
                      forward: { try $0.reluForward($1) }, backward: { try $0.reluBackward($1, $2) }),
    ]

    // MARK: affine

    public static func affineGraders(_ c: GradingCase, _ label: String, _ visibility: Visibility, points: Double) -> [Grader] {
        let parts: [(String, String)] = [("dx", "dx"), ("dw", "dw"), ("db", "db")]
        var out = [Grader("affine: forward, \(label)", exercise: "affine", points: points, visibility, cases: [c]) { s, e in
            Check.array(try s.affineForward(try c.array("x"), try c.array("w"), try c.array("b")), try e[0].array("out"), "out")
        }]
        for (key, title) in parts {
            out.append(Grader("affine: backward \(title), \(label)", exercise: "affine", points: points, visibility, cases: [c]) { s, e in
                let g = try s.affineBackward(try c.array("dout"), try c.array("x"), try c.array("w"))
                let got = key == "dx" ? g.dx : key == "dw" ? g.dw : g.db
                return Check.array(got, try e[0].array(key), title, factors: [NamedFactor("N", Double(try c.array("x").rows))])
            })
        }
        return out
    }

    static let affineRandom = affineCase("random-4x3x5", seed: 21, n: 4, d: 3, m: 5)
    static let affine: [Grader] = affineGraders(affineRandom, "random 4x3 x and 3x5 w", .visible, points: 1) + [
        Grader("affine: backward dx against a numeric gradient of your forward", exercise: "affine", points: 1, cases: []) { s, _ in
            let c = affineRandom
            let x = try c.array("x"), w = try c.array("w"), b = try c.array("b"), dout = try c.array("dout")
            let numeric = try Check.numericGradient(at: x) { Check.dot(try s.affineForward($0, w, b), dout) }
            return Check.array(try s.affineBackward(dout, x, w).dx, numeric, "dx against the numeric gradient", rtol: 1e-5, atol: 1e-7)
        },
    ]

    // MARK: losses

    public static func lossGraders(_ exercise: String, _ c: GradingCase, _ label: String, visibility: Visibility = .visible,
                                   _ f: @escaping @Sendable (Submission, ExArray, [Int]) throws -> (loss: Double, dscores: ExArray)) -> [Grader] {
        let n = Double(c.labels.count)
        return [
            Grader("\(exercise): loss, \(label)", exercise: exercise, points: 1, visibility, cases: [c]) { s, e in
                Check.number(try f(s, try c.array("scores"), c.labels).loss, try e[0].number("loss"), "loss", factors: [NamedFactor("N", n)])
            },
            Grader("\(exercise): dscores, \(label)", exercise: exercise, points: 2, visibility, cases: [c]) { s, e in
                Check.array(try f(s, try c.array("scores"), c.labels).dscores, try e[0].array("dscores"), "dscores", factors: [NamedFactor("N", n)])
            },
        ]
    }

    public static func lossNumericGrader(_ exercise: String, _ c: GradingCase,
                                         _ f: @escaping @Sendable (Submission, ExArray, [Int]) throws -> (loss: Double, dscores: ExArray)) -> Grader {
        Grader("\(exercise): dscores against a numeric gradient of your loss", exercise: exercise, points: 1, cases: []) { s, _ in
            let scores = try c.array("scores")
            let numeric = try Check.numericGradient(at: scores) { try f(s, $0, c.labels).loss }
            return Check.array(try f(s, scores, c.labels).dscores, numeric, "dscores against the numeric gradient of your loss",
                               factors: [NamedFactor("N", Double(c.labels.count))], rtol: 1e-5, atol: 1e-7)
        }
    }

    static let softmaxCase = lossCase("softmax", "random-5x4", seed: 31, n: 5, c: 4)
    static let softmaxZero = GradingCase(exercise: "softmax", id: "zero-scores-3x10", arrays: ["scores": ExArray(shape: [3, 10])], labels: [0, 4, 9])
    static let softmax: [Grader] = lossGraders("softmax", softmaxCase, "random 5x4 scores") { try $0.softmaxLoss($1, $2) }
        + [lossNumericGrader("softmax", softmaxCase) { try $0.softmaxLoss($1, $2) },
           Grader("softmax: zero scores over 10 classes give loss log(10)", exercise: "softmax", points: 1, cases: [softmaxZero]) { s, e in
               Check.number(try s.softmaxLoss(try softmaxZero.array("scores"), softmaxZero.labels).loss, try e[0].number("loss"), "loss")
           }]

    static let svmCase = lossCase("svm", "random-6x3", seed: 41, n: 6, c: 3)
    static let svm: [Grader] = lossGraders("svm", svmCase, "random 6x3 scores") { try $0.svmLoss($1, $2) }
        + [lossNumericGrader("svm", svmCase) { try $0.svmLoss($1, $2) }]

    // MARK: dropout

    public static func dropoutGrader(_ name: String, points: Double, visibility: Visibility = .visible, _ c: GradingCase) -> Grader {
        Grader(name, exercise: "dropout", points: points, visibility, cases: [c]) { s, e in
            let p = try c.number("keep")
            let got = try s.dropoutForward(try c.array("x"), p, try c.array("uniforms"), try c.number("train") == 1, try c.number("inverted") == 1)
            return Check.array(got, try e[0].array("out"), "out", factors: [NamedFactor("p", p)])
        }
    }

    static let dropout: [Grader] = [
        dropoutGrader("dropout: vanilla, training, p = 0.5", points: 1, dropoutCase("vanilla-train", seed: 51, shape: [4, 6], keep: 0.5, train: true, inverted: false)),
        dropoutGrader("dropout: vanilla, testing scales by p = 0.5", points: 1, dropoutCase("vanilla-test", seed: 52, shape: [4, 6], keep: 0.5, train: false, inverted: false)),
        dropoutGrader("dropout: inverted, training, p = 0.5", points: 1, dropoutCase("inverted-train", seed: 53, shape: [4, 6], keep: 0.5, train: true, inverted: true)),
        dropoutGrader("dropout: inverted, testing leaves x unchanged", points: 1, dropoutCase("inverted-test", seed: 54, shape: [4, 6], keep: 0.5, train: false, inverted: true)),
    ]

    // MARK: batch norm

    public static func batchnormGraders(_ c: GradingCase, _ label: String, _ visibility: Visibility) -> [Grader] {
        let n = Double(c.arrays["x"]?.rows ?? 1)
        var out = [Grader("batchnorm: forward, \(label)", exercise: "batchnorm", points: 2, visibility, cases: [c]) { s, e in
            Check.array(try s.batchnormForward(try c.array("x"), try c.array("gamma"), try c.array("beta"), try c.number("eps")), try e[0].array("out"), "out")
        }]
        for key in ["dx", "dgamma", "dbeta"] {
            out.append(Grader("batchnorm: backward \(key), \(label)", exercise: "batchnorm", points: 1, visibility, cases: [c]) { s, e in
                let g = try s.batchnormBackward(try c.array("dout"), try c.array("x"), try c.array("gamma"), try c.number("eps"))
                let got = key == "dx" ? g.dx : key == "dgamma" ? g.dgamma : g.dbeta
                return Check.array(got, try e[0].array(key), key, factors: [NamedFactor("N", n)], rtol: 1e-5, atol: 1e-8)
            })
        }
        return out
    }

    static let bnCase = batchnormCase("random-8x3", seed: 61, n: 8, d: 3)
    static let batchnorm: [Grader] = batchnormGraders(bnCase, "random 8x3 batch", .visible) + [
        Grader("batchnorm: backward dx against a numeric gradient of your forward", exercise: "batchnorm", points: 1, cases: []) { s, _ in
            let c = bnCase
            let x = try c.array("x"), gamma = try c.array("gamma"), beta = try c.array("beta"), dout = try c.array("dout"), eps = try c.number("eps")
            let numeric = try Check.numericGradient(at: x) { Check.dot(try s.batchnormForward($0, gamma, beta, eps), dout) }
            return Check.array(try s.batchnormBackward(dout, x, gamma, eps).dx, numeric, "dx against the numeric gradient", rtol: 1e-4, atol: 1e-6)
        },
    ]

    // MARK: update rules

    /// Runs `steps` updates of a rule from zero state; returns x after each step and the final state.
    public static func runSteps(_ c: GradingCase, steps: Int,
                                _ step: (_ x: ExArray, _ g: ExArray, _ state: [ExArray], _ t: Int) throws -> (ExArray, [ExArray]), stateCount: Int) throws -> (xs: [ExArray], state: [ExArray]) {
        var x = try c.array("x")
        var state = [ExArray](repeating: ExArray(shape: x.shape), count: stateCount)
        var xs: [ExArray] = []
        for t in 0..<steps {
            (x, state) = try step(x, try c.array("g\(t)"), state, t + 1)
            xs.append(x)
        }
        return (xs, state)
    }

    /// x after step `steps` minus x before it: compared as a step, so a missing factor shows as one.
    public static func stepOf(_ xs: [ExArray], start: ExArray) -> ExArray {
        guard let last = xs.last else { return start }
        let before = xs.count >= 2 ? xs[xs.count - 2] : start
        var d = last
        for i in d.values.indices where i < before.values.count { d.values[i] -= before.values[i] }
        return d
    }

    public static func ruleGrader(_ name: String, exercise: String, points: Double, visibility: Visibility = .visible, _ c: GradingCase,
                                  stateCount: Int, stateNames: [String] = [], factors: [NamedFactor] = [],
                                  step: @escaping @Sendable (Submission, GradingCase, ExArray, ExArray, [ExArray], Int) throws -> (ExArray, [ExArray])) -> Grader {
        Grader(name, exercise: exercise, points: points, visibility, cases: [c]) { s, e in
            let steps = try c.integer("steps")
            let (xs, state) = try runSteps(c, steps: steps, { try step(s, c, $0, $1, $2, $3) }, stateCount: stateCount)
            for (i, key) in stateNames.enumerated() where i < state.count {
                if let m = Check.array(state[i], try e[0].array(key), "\(key) after \(steps) step\(steps == 1 ? "" : "s")") { return m }
            }
            if !stateNames.isEmpty { return nil }
            let x0 = try c.array("x")
            if let m = Check.array(stepOf(xs, start: x0), try e[0].array("step"), "the step of x at t = \(steps)", factors: factors) { return m }
            return Check.array(xs.last ?? x0, try e[0].array("x"), "x after \(steps) step\(steps == 1 ? "" : "s")")
        }
    }

    static func momentumStep(_ s: Submission, _ c: GradingCase, _ x: ExArray, _ g: ExArray, _ st: [ExArray], _ t: Int) throws -> (ExArray, [ExArray]) {
        let r = try s.momentumUpdate(x, g, st[0], try c.number("lr"), try c.number("mu"))
        return (r.x, [r.velocity])
    }

    static func rmspropStep(_ s: Submission, _ c: GradingCase, _ x: ExArray, _ g: ExArray, _ st: [ExArray], _ t: Int) throws -> (ExArray, [ExArray]) {
        let r = try s.rmspropUpdate(x, g, st[0], try c.number("lr"), try c.number("decay"), try c.number("eps"))
        return (r.x, [r.cache])
    }

    static func adamStep(_ s: Submission, _ c: GradingCase, _ x: ExArray, _ g: ExArray, _ st: [ExArray], _ t: Int) throws -> (ExArray, [ExArray]) {
        let r = try s.adamUpdate(x, g, st[0], st[1], t, try c.number("lr"), try c.number("beta1"), try c.number("beta2"), try c.number("eps"))
        return (r.x, [r.m, r.v])
    }

    static let momentumParams = ["lr": 0.1, "mu": 0.9]
    static let momentum: [Grader] = [
        ruleGrader("momentum: first step from zero velocity", exercise: "momentum", points: 1,
                   optimizerCase("momentum", "one-step", seed: 71, shape: [5], steps: 1, numbers: momentumParams), stateCount: 1, step: momentumStep),
        ruleGrader("momentum: five steps", exercise: "momentum", points: 1,
                   optimizerCase("momentum", "five-steps", seed: 72, shape: [2, 3], steps: 5, numbers: momentumParams), stateCount: 1, step: momentumStep),
    ]

    static let rmspropParams = ["lr": 0.01, "decay": 0.9, "eps": 1e-7]
    static let rmsprop: [Grader] = [
        ruleGrader("rmsprop: first step from a zero cache", exercise: "rmsprop", points: 1,
                   optimizerCase("rmsprop", "one-step", seed: 81, shape: [5], steps: 1, numbers: rmspropParams), stateCount: 1, step: rmspropStep),
        ruleGrader("rmsprop: five steps", exercise: "rmsprop", points: 1,
                   optimizerCase("rmsprop", "five-steps", seed: 82, shape: [2, 3], steps: 5, numbers: rmspropParams), stateCount: 1, step: rmspropStep),
    ]

    public static let adamParams = ["lr": 1e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8]
    /// Without bias correction step t is (1 - b1^t)/sqrt(1 - b2^t) times the corrected one (eps aside):
    /// 0.1/sqrt(0.001) = 3.162 at t = 1 for the defaults.
    public static func adamFactors(_ c: GradingCase) -> [NamedFactor] {
        guard let b1 = c.numbers["beta1"], let b2 = c.numbers["beta2"], let t = c.numbers["steps"] else { return [] }
        return [NamedFactor("(1 - beta1^t)/sqrt(1 - beta2^t) with t = \(Int(t)), as without bias correction",
                            (1 - powOf(b1, t)) / (1 - powOf(b2, t)).squareRoot())]
    }
    static let adamOne = optimizerCase("adam", "one-step", seed: 91, shape: [5], steps: 1, numbers: adamParams)
    static let adamFive = optimizerCase("adam", "five-steps", seed: 92, shape: [2, 3], steps: 5, numbers: adamParams)
    static let adam: [Grader] = [
        ruleGrader("adam: first step", exercise: "adam", points: 1,
                   adamOne, stateCount: 2, factors: adamFactors(adamOne), step: adamStep),
        ruleGrader("adam: five steps", exercise: "adam", points: 1, adamFive, stateCount: 2, factors: adamFactors(adamFive), step: adamStep),
        ruleGrader("adam: moments m and v after five steps", exercise: "adam", points: 1, adamFive, stateCount: 2, stateNames: ["m", "v"], step: adamStep),
    ]

    // MARK: scales and search

    public static func scaleGrader(_ name: String, points: Double, visibility: Visibility = .visible, fanIns: [Int]) -> Grader {
        let c = GradingCase(exercise: "init-scales", id: "fan-in-" + fanIns.map(String.init).joined(separator: "-"), numbers: Dictionary(uniqueKeysWithValues: fanIns.enumerated().map { ("fanIn\($0.offset)", Double($0.element)) }))
        return Grader(name, exercise: "init-scales", points: points, visibility, cases: [c]) { s, e in
            for (i, n) in fanIns.enumerated() {
                if let m = Check.number(try s.xavierScale(n), try e[0].number("xavier\(i)"), "xavierScale(fanIn: \(n))", factors: [NamedFactor("sqrt(2)", 2.squareRoot()), NamedFactor("sqrt(fanIn)", Double(n).squareRoot())]) { return m }
                if let m = Check.number(try s.heScale(n), try e[0].number("he\(i)"), "heScale(fanIn: \(n))", factors: [NamedFactor("sqrt(2)", 2.squareRoot()), NamedFactor("sqrt(fanIn)", Double(n).squareRoot())]) { return m }
            }
            return nil
        }
    }

    static let initScales: [Grader] = [
        scaleGrader("init-scales: fan-in 500 (the lecture's 500-unit layers)", points: 1, fanIns: [500]),
        scaleGrader("init-scales: fan-ins 1, 10, 4096", points: 1, fanIns: [1, 10, 4096]),
    ]

    public static func searchGrader(_ name: String, points: Double, visibility: Visibility = .visible, id: String, low: Double, high: Double, us: [Double]) -> Grader {
        var nums = ["low": low, "high": high]
        for (i, u) in us.enumerated() { nums["u\(i)"] = u }
        let c = GradingCase(exercise: "log-search", id: id, numbers: nums)
        return Grader(name, exercise: "log-search", points: points, visibility, cases: [c]) { s, e in
            for (i, u) in us.enumerated() {
                if let m = Check.number(try s.logUniformSample(u, low, high), try e[0].number("sample\(i)"), "logUniformSample(\(u), lowExponent: \(low), highExponent: \(high))") { return m }
            }
            return nil
        }
    }

    static let logSearch: [Grader] = {
        var g = SeededGenerator(seed: 101)
        return [
            searchGrader("log-search: lr = 10^x, x in [-6, -3], ends and middle", points: 1, id: "lr-ends", low: -6, high: -3, us: [0, 1, 0.5]),
            searchGrader("log-search: reg = 10^x, x in [-5, 5], random u", points: 1, id: "reg-random", low: -5, high: 5, us: (0..<5).map { _ in g.uniform() }),
        ]
    }()
}

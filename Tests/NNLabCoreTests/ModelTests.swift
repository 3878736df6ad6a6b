import XCTest
@testable import NNLabCore

/// `Sequential`, `ParameterSet` and `SGD`: the whole model's gradient against numeric differences,
/// names and counts worked out by hand, one SGD step by hand, checkpoints.
final class ModelTests: XCTestCase {
    /// A small network with every kind of parameter: linear, batch norm, PReLU, dropout, linear.
    func makeModel(_ rng: inout NumpyRandom, regularization: Regularization? = nil, loss: LossKind = .softmax) throws -> Sequential {
        try Sequential([try Linear(weight: try Tensor.randn([4, 5], using: &rng) * 0.5, bias: try .randn([5], using: &rng)),
                        try BatchNormLayer(gamma: try .randn([5], using: &rng), beta: try .randn([5], using: &rng)),
                        ActivationLayer(.prelu(alpha: 0.25)),
                        try DropoutLayer(keep: 0.7, mode: .inverted),
                        try Linear(weight: try .randn([5, 3], using: &rng), bias: try .randn([3], using: &rng))],
                       loss: loss, regularization: regularization)
    }

    /// dL/dparameter from `lossAndGradients` against (L(p + h) - L(p - h)) / 2h of the whole model's
    /// loss (penalty included), every parameter entry, the generator replayed so dropout keeps its
    /// mask. Each entry must satisfy |a - n| <= 1e-8 + 1e-6 (|a| + |n|): the loss is about 5, so
    /// rounding alone gives |a - n| of about 1e-16 * 5 / h = 5e-11 (entries whose true gradient is
    /// 0, like the bias before batch norm, show only that); a wrong term gives 1e-3 or more. At this
    /// seed no nudge crosses PReLU's kink or a hinge (a crossing would fail the same way).
    func testWholeModelGradientMatchesNumericDifferences() throws {
        for (loss, reg) in [(LossKind.softmax, try Regularization(.l2, strength: 0.3)), (.svm, try Regularization(.l1, strength: 0.2))] {
            var rng = NumpyRandom(seed: 21)
            let model = try makeModel(&rng, regularization: reg, loss: loss)
            let x = try Tensor.randn([6, 4], using: &rng)
            let y = [0, 2, 1, 1, 0, 2]
            let stream = rng
            var trained = model, r = stream
            let evaluation = try trained.lossAndGradients(x, y, rng: &r)
            XCTAssertGreaterThan(evaluation.penalty, 0)
            XCTAssertEqual(evaluation.loss, evaluation.dataLoss + evaluation.penalty, accuracy: 1e-15)
            let h = 1e-5
            for p in trained.parameters {
                for i in 0..<p.value.count {
                    func loss(_ delta: Double) throws -> Double {
                        var m = model, v = p.value, replay = stream
                        v[flat: i] += delta
                        try m.restore(try Self.replacing(m.checkpoint(), p.name, v))
                        return try m.loss(x, y, mode: .train, rng: &replay).loss
                    }
                    let n = (try loss(h) - loss(-h)) / (2 * h), a = p.gradient[flat: i]
                    XCTAssertLessThanOrEqual(abs(a - n), 1e-8 + 1e-6 * (abs(a) + abs(n)), "\(loss) d\(p.name)[\(i)]: \(a) vs \(n)")
                }
            }
        }
    }

    static func replacing(_ set: ParameterSet, _ name: String, _ value: Tensor) throws -> ParameterSet {
        var s = set
        try s.setValue(value, for: name)
        return s
    }

    func testNamesAndCountsByHand() throws {
        var rng = NumpyRandom(seed: 22)
        let model = try makeModel(&rng)
        XCTAssertEqual(model.parameters.names, ["layer1.w", "layer1.b", "layer2.gamma", "layer2.beta", "layer3.alpha", "layer5.w", "layer5.b"])
        // 4*5 + 5 + 5 + 5 + 1 + 5*3 + 3 = 54.
        XCTAssertEqual(model.parameterCount, 54)
        XCTAssertEqual(model.parameters.scalarCount, 54)
        XCTAssertEqual(model.parameters.filter(\.regularized).map(\.name), ["layer1.w", "layer5.w"])
        XCTAssertEqual(try model.outputShape(for: [4]), [3])
        let named = try Sequential([Flatten(), ActivationLayer(.relu)], names: ["flat", "act"])
        XCTAssertEqual(named.names, ["flat", "act"])
        XCTAssertThrowsError(try Sequential([Flatten(), Flatten()], names: ["a", "a"]))
        XCTAssertThrowsError(try Sequential([Flatten()], names: ["a", "b"]))
    }

    func testOneSGDStepByHand() throws {
        // x -= lr * dx with lr = 0.1: (1, -2, 3) - 0.1 * (0.5, 0.5, -1) = (0.95, -2.05, 3.1).
        var set = try ParameterSet([Parameter(name: "p", value: try Tensor(shape: [3], data: [1, -2, 3]))])
        try set.setGradient(try Tensor(shape: [3], data: [0.5, 0.5, -1]), for: "p")
        var sgd = SGD(learningRate: 0.1)
        try sgd.step(&set)
        let v = try XCTUnwrap(set["p"]).value.data
        for (a, b) in zip(v, [0.95, -2.05, 3.1]) { XCTAssertEqual(a, b, accuracy: 1e-15) }
        XCTAssertEqual(set["p"]?.gradient.data, [0.5, 0.5, -1], "the step leaves the gradient")
        set.zeroGradients()
        XCTAssertEqual(set["p"]?.gradient.data, [0, 0, 0])
        XCTAssertThrowsError(try set.setGradient(try Tensor(shape: [2]), for: "p"), "wrong shape")
        XCTAssertThrowsError(try set.setValue(try Tensor(shape: [3]), for: "q"), "no such parameter")
        XCTAssertThrowsError(try ParameterSet([Parameter(name: "a", value: try Tensor(shape: [1])), Parameter(name: "a", value: try Tensor(shape: [1]))]))
    }

    /// A rule that records the names it is handed, and one that breaks the shape.
    struct Recorder: UpdateRule {
        var seen: [String] = []
        mutating func update(_ name: String, value: inout Tensor, gradient: Tensor) throws { seen.append(name) }
    }
    struct Reshaper: UpdateRule {
        mutating func update(_ name: String, value: inout Tensor, gradient: Tensor) throws { value = try Tensor(shape: [1]) }
    }

    func testModelUpdateHandsEveryParameterToTheRuleByName() throws {
        var rng = NumpyRandom(seed: 23)
        var model = try makeModel(&rng)
        var recorder = Recorder()
        try model.update(using: &recorder)
        XCTAssertEqual(recorder.seen, model.parameters.names)
        var bad = Reshaper()
        XCTAssertThrowsError(try model.update(using: &bad), "a rule may not change a shape")
    }

    func testSGDOnTheModelMovesEachValueByMinusLearningRateTimesGradient() throws {
        var rng = NumpyRandom(seed: 24)
        var model = try makeModel(&rng, regularization: try Regularization(.l2, strength: 0.1))
        let x = try Tensor.randn([5, 4], using: &rng)
        _ = try model.lossAndGradients(x, [0, 1, 2, 0, 1], rng: &rng)
        let before = model.parameters
        var sgd = SGD(learningRate: 0.05)
        try model.update(using: &sgd)
        for (old, new) in zip(before, model.parameters) {
            for i in 0..<old.value.count {
                XCTAssertEqual(new.value[flat: i], old.value[flat: i] - 0.05 * old.gradient[flat: i], accuracy: 1e-15, old.name)
            }
        }
    }

    func testTrainingLowersTheLossAndCheckpointsRestore() throws {
        // Two separable blobs; a few SGD steps must lower the loss, and restoring the first
        // checkpoint gives back the first loss exactly.
        var rng = NumpyRandom(seed: 25)
        var model = try Sequential([try Linear(weight: try Tensor.randn([2, 8], using: &rng) * 0.5, bias: try Tensor(shape: [8])),
                                    ActivationLayer(.tanh),
                                    try Linear(weight: try Tensor.randn([8, 2], using: &rng) * 0.5, bias: try Tensor(shape: [2]))])
        var rows: [[Double]] = [], y: [Int] = []
        for i in 0..<20 { let c = i % 2; rows.append([Double(2 * c - 1) + 0.3 * rng.randn(), Double(2 * c - 1) + 0.3 * rng.randn()]); y.append(c) }
        let x = try Tensor(rows: rows)
        let start = model.checkpoint()
        let first = try model.loss(x, y, mode: .test, rng: &rng).loss
        var sgd = SGD(learningRate: 0.5)
        for _ in 0..<50 { _ = try model.lossAndGradients(x, y, rng: &rng); try model.update(using: &sgd) }
        let last = try model.loss(x, y, mode: .test, rng: &rng).loss
        XCTAssertLessThan(last, first / 2)
        XCTAssertEqual(try model.predict(x), y, "the blobs are 2 apart with noise 0.3: all separated")
        try model.restore(start)
        XCTAssertEqual(try model.loss(x, y, mode: .test, rng: &rng).loss, first)
        var other = try Sequential([Flatten()])
        XCTAssertThrowsError(try other.restore(start), "a checkpoint of another model")
    }
}

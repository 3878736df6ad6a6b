import XCTest
@testable import NNLabCore

/// The shortcuts the training loop takes (issue 14's speed work) against hand-derived values and
/// numpy: each must give the numbers of the long way, bit for bit where the log prints them.
final class TrainingHotPathTests: XCTestCase {
    /// ReLU's backward keeps dout where y > 0 and writes +0 elsewhere, a NaN output included
    /// (y > 0 is false for NaN), an infinite dout kept as it is.
    func testReluBackwardMasksByTheOutput() throws {
        let dout = try Tensor(shape: [5], data: [1, -2, 3, .infinity, 5])
        let y = try Tensor(shape: [5], data: [0.5, 0, -0.0, 2, .nan])
        let dx = try Activation.relu.backward(dout, input: nil, output: y)
        XCTAssertEqual(dx.data.map(\.bitPattern), [1.0, 0, 0, .infinity, 0].map(\.bitPattern))
        XCTAssertEqual(Activation.relu.forward(try Tensor(shape: [4], data: [-1, 2, -0.0, .nan])).data.map(\.bitPattern),
                       [0.0, 2, 0, 0].map(\.bitPattern), "max(0, x) with NaN and -0 giving +0, as x > 0 ? x : 0")
    }

    /// The loss without its gradient: numpy gives 1.0744586305507688 for these scores
    /// (p = softmax rows, -mean log p[y]); the gradient-building form must give the same bits.
    func testSoftmaxLossAloneMatchesNumpyAndTheFullForm() throws {
        let s = try Tensor(rows: [[1, 2, 3], [0.5, -1, 2]])
        let alone = try Loss.softmaxLoss(s, [2, 0])
        XCTAssertEqual(alone, 1.0744586305507688, accuracy: 1e-15)
        XCTAssertEqual(alone.bitPattern, try Loss.softmax(s, [2, 0]).loss.bitPattern)
        XCTAssertThrowsError(try Loss.softmaxLoss(s, [3, 0]), "label 3 is not one of 3 classes")
    }

    /// The first layer's backward without dx: dW = x^T dout and db = column sums, from numpy
    /// (x^T dout = [[-1, -1.5], [3, -1.75], [7, -2]], db = [3, -0.5]), equal to the full backward's.
    func testLinearParameterGradientsWithoutDx() throws {
        let x = try Tensor(rows: [[1, 2, 3], [-1, 0.5, 2]])
        let dout = try Tensor(rows: [[1, -1], [2, 0.5]])
        var a = try Linear(weight: try Tensor(rows: [[0.1, 0.2], [0.3, -0.4], [0.5, 0.6]]), bias: try Tensor(shape: [2], data: [0, 1]))
        var unused = NumpyRandom(seed: 0)
        var b = a
        _ = try a.forward(x, mode: .train, rng: &unused)
        _ = try b.forward(x, mode: .train, rng: &unused)
        _ = try a.backward(dout)
        try b.backwardParameters(dout)
        XCTAssertEqual(b.parameters[0].gradient.data, [-1, -1.5, 3, -1.75, 7, -2])
        XCTAssertEqual(b.parameters[1].gradient.data, [3, -0.5])
        XCTAssertEqual(a.parameters, b.parameters)
    }

    /// `lossAndGradients` (first layer without dx, penalty added in place) against forward,
    /// `backward` and the penalty's own gradient added the long way.
    func testLossAndGradientsEqualTheLongWay() throws {
        var rng = NumpyRandom(seed: 1)
        let layers: [any Layer] = [try Linear(weight: try Tensor.randn([4, 5], using: &rng), bias: try Tensor(shape: [5])),
                                   ActivationLayer(.relu),
                                   try Linear(weight: try Tensor.randn([5, 3], using: &rng), bias: try Tensor(shape: [3]))]
        var fast = try Sequential(layers, regularization: try Regularization(.l2, strength: 0.1))
        var slow = fast
        let x = try Tensor.randn([6, 4], using: &rng), y = [0, 1, 2, 2, 1, 0]
        var r1 = NumpyRandom(seed: 2), r2 = NumpyRandom(seed: 2)
        let e = try fast.lossAndGradients(x, y, rng: &r1)
        let scores = try slow.forward(x, mode: .train, rng: &r2)
        let (data, dscores) = try Loss.softmax(scores, y)
        _ = try slow.backward(dscores)
        let reg = try Regularization(.l2, strength: 0.1)
        var penalty = 0.0
        for (p, q) in zip(fast.parameters, slow.parameters) {
            var g = q.gradient
            if q.regularized { let (l, pg) = reg.penalty(q.value); penalty += l; g = try g + pg }
            XCTAssertEqual(p.gradient, g, p.name)
        }
        XCTAssertEqual(e.loss, data + penalty)
        XCTAssertEqual(e.penalty, penalty)
    }
}

import XCTest
@testable import NNLabCore

final class LayerTests: XCTestCase {
    /// The fast convolution against the loops, on geometries with stride, padding, non-square inputs
    /// and single channels. Both sum the same products in different orders: 1e-12 relative is ample.
    func testIm2colAgreesWithNaiveForwardAndBackward() throws {
        var rng = NumpyRandom(seed: 3)
        for (n, c, h, w, f, k, s, p) in [(2, 3, 5, 5, 4, 3, 1, 1), (1, 1, 7, 5, 2, 3, 2, 0), (3, 2, 8, 8, 5, 1, 1, 0), (2, 3, 9, 9, 2, 5, 2, 2)] {
            let x = try Tensor.randn([n, c, h, w], using: &rng), wt = try Tensor.randn([f, c, k, k], using: &rng), b = try Tensor.randn([f], using: &rng)
            let a = try Convolution.Naive.forward(x, wt, b, stride: s, pad: p), q = try Convolution.Im2col.forward(x, wt, b, stride: s, pad: p)
            XCTAssertEqual(a.shape, q.shape)
            for (u, v) in zip(a.data, q.data) { XCTAssertEqual(u, v, accuracy: 1e-12 * max(1, abs(u))) }
            let dout = try Tensor.randn(a.shape, using: &rng)
            let g1 = try Convolution.Naive.backward(dout, x: x, w: wt, b: b, stride: s, pad: p)
            let g2 = try Convolution.Im2col.backward(dout, x: x, w: wt, b: b, stride: s, pad: p)
            for (t1, t2) in [(g1.dx, g2.dx), (g1.dw, g2.dw), (g1.db, g2.db)] {
                for (u, v) in zip(t1.data, t2.data) { XCTAssertEqual(u, v, accuracy: 1e-11 * max(1, abs(u))) }
            }
        }
    }

    func testConvolutionByHand() throws {
        // A 3x3 input of 1..9 and a 2x2 filter of ones, stride 1: each output sums a 2x2 window.
        let x = try Tensor(shape: [1, 1, 3, 3], data: (1...9).map(Double.init))
        let w = try Tensor(shape: [1, 1, 2, 2], repeating: 1), b = try Tensor(shape: [1], data: [0.5])
        XCTAssertEqual(try Convolution.Im2col.forward(x, w, b, stride: 1, pad: 0).data, [12.5, 16.5, 24.5, 28.5])
        XCTAssertThrowsError(try Convolution.Naive.forward(x, w, b, stride: 2, pad: 0), "(3 - 2)/2 + 1 = 1.5 does not fit")
    }

    func testPoolingByHand() throws {
        let x = try Tensor(shape: [1, 1, 2, 4], data: [1, 5, 2, 0, 3, 4, 8, 7])
        XCTAssertEqual(try Pooling.forward(x, size: 2, stride: 2, kind: .max).data, [5, 8])
        XCTAssertEqual(try Pooling.forward(x, size: 2, stride: 2, kind: .avg).data, [3.25, 4.25])
        let dx = try Pooling.backward(try Tensor(shape: [1, 1, 1, 2], data: [1, 2]), x: x, size: 2, stride: 2, kind: .max)
        XCTAssertEqual(dx.data, [0, 1, 0, 0, 0, 0, 2, 0], "the gradient goes to each window's maximum")
    }

    func testSoftmaxLossOfEqualScoresIsLogC() throws {
        // Equal scores give p = 1/C for every class, so L = -log(1/C) = log C (2.302585 for 10).
        let s = try Tensor(shape: [3, 10], repeating: 0.7)
        let (loss, d) = try Loss.softmax(s, [0, 4, 9])
        XCTAssertEqual(loss, log(10.0), accuracy: 1e-12)
        XCTAssertEqual(d[0, 0], (0.1 - 1) / 3, accuracy: 1e-15)
        XCTAssertEqual(d[0, 1], 0.1 / 3, accuracy: 1e-15)
        XCTAssertThrowsError(try Loss.softmax(s, [0, 10, 1]), "label out of range")
        XCTAssertEqual(try Loss.softmax(try Tensor(rows: [[1000, 0]]), [0]).loss, 0, accuracy: 1e-12, "no overflow")
    }

    func testSVMLossByHand() throws {
        // Scores (3.2, 5.1, -1.7), correct class 0: max(0, 5.1 - 3.2 + 1) + max(0, -1.7 - 3.2 + 1) = 2.9.
        let (loss, d) = try Loss.svm(try Tensor(rows: [[3.2, 5.1, -1.7]]), [0])
        XCTAssertEqual(loss, 2.9, accuracy: 1e-12)
        XCTAssertEqual(d.data, [-1, 1, 0])
    }

    func testBatchNormNormalizesAndCanUndoItself() throws {
        var rng = NumpyRandom(seed: 5)
        let x = try Tensor.randn([50, 3], using: &rng).addingRow(try Tensor(shape: [3], data: [10, -5, 0]))
        var rm = [0.0, 0, 0], rv = [1.0, 1, 1]
        let ones = try Tensor(shape: [3], repeating: 1), zeros = try Tensor(shape: [3])
        let (y, cache) = try BatchNorm.forwardTrain(x, gamma: ones, beta: zeros, runningMean: &rm, runningVar: &rv)
        for m in try y.mean(axis: 0).data { XCTAssertEqual(m, 0, accuracy: 1e-12) }
        for s in try y.std(axis: 0).data { XCTAssertEqual(s, 1, accuracy: 1e-5) }  // eps = 1e-5 shrinks it slightly
        // gamma = sqrt(var + eps), beta = mean recovers x (the lecture's identity).
        let gamma = try Tensor(shape: [3], data: cache.variance.map { ($0 + BatchNorm.defaultEps).squareRoot() })
        let beta = try Tensor(shape: [3], data: cache.mean)
        var rm2 = rm, rv2 = rv
        let back = try BatchNorm.forwardTrain(x, gamma: gamma, beta: beta, runningMean: &rm2, runningVar: &rv2).out
        for (a, b) in zip(back.data, x.data) { XCTAssertEqual(a, b, accuracy: 1e-12) }
        // Running mean after one batch: 0.9 * 0 + 0.1 * batch mean.
        XCTAssertEqual(rm[0], 0.1 * cache.mean[0], accuracy: 1e-12)
    }

    func testDropoutMaskMatchesNumpyAndTestTimeScaling() throws {
        // np.random.seed(0); np.random.rand(5) < 0.5 -> [F, F, F, F, T] (0.549, 0.715, 0.603, 0.545, 0.424).
        var rng = NumpyRandom(seed: 0)
        let x = try Tensor(shape: [1, 5], repeating: 2)
        let m = try Dropout.mask(like: x, keep: 0.5, rng: &rng)
        XCTAssertEqual(m.data, [0, 0, 0, 0, 1])
        XCTAssertEqual(try Dropout.forwardTrain(x, mask: m, keep: 0.5, mode: .inverted).data, [0, 0, 0, 0, 4])
        XCTAssertEqual(Dropout.forwardTest(x, keep: 0.5, mode: .vanilla).data, [1, 1, 1, 1, 1])
        XCTAssertEqual(Dropout.forwardTest(x, keep: 0.5, mode: .inverted).data, x.data)
    }

    func testActivationDerivativesAgainstDifferences() {
        for a in [Activation.sigmoid, .tanh, .relu, .leaky(alpha: 0.01), .elu(alpha: 1)] {
            for x in [-3.0, -0.5, 0.7, 2.5] {
                let numeric = (a.value(x + 1e-6) - a.value(x - 1e-6)) / 2e-6
                XCTAssertEqual(a.derivative(x), numeric, accuracy: 1e-8, "\(a.name) at \(x)")
            }
        }
        XCTAssertEqual(Activation.sigmoid.derivative(0), 0.25)
    }

    func testAffineBackwardByHand() throws {
        let x = try Tensor(rows: [[1, 2]]), w = try Tensor(rows: [[3], [4]]), b = try Tensor(shape: [1], data: [1])
        XCTAssertEqual(try Affine.forward(x, w, b).data, [12])  // 1*3 + 2*4 + 1
        let g = try Affine.backward(try Tensor(rows: [[2]]), x: x, w: w)
        XCTAssertEqual(g.dx.data, [6, 8]); XCTAssertEqual(g.dw.data, [2, 4]); XCTAssertEqual(g.db.data, [2])
    }

    func testTransposedProducts() throws {
        var rng = NumpyRandom(seed: 9)
        let a = try Tensor.randn([4, 3], using: &rng), b = try Tensor.randn([4, 5], using: &rng)
        let viaFlag = try a.matmul(b, transposeA: true), viaCopy = try a.transposed().matmulNaive(b)
        for (u, v) in zip(viaFlag.data, viaCopy.data) { XCTAssertEqual(u, v, accuracy: 1e-12) }
        let c = try Tensor.randn([5, 3], using: &rng)
        let t2 = try a.matmul(c, transposeA: false, transposeB: true), t2n = try a.matmulNaive(c.transposed())
        for (u, v) in zip(t2.data, t2n.data) { XCTAssertEqual(u, v, accuracy: 1e-12) }
    }
}

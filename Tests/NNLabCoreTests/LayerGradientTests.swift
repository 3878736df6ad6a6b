import XCTest
@testable import NNLabCore

/// Every `Layer` conformance against centred numeric differences, for its input and each of its
/// parameters. L = sum(out * dout) for a random dout, so dL/dv = what backward returns (or leaves in
/// the parameter's gradient), and (L(v + h) - L(v - h)) / 2h approximates it with error O(h^2):
/// about 1e-10 relative at h = 1e-5 for smooth layers, limited by rounding (1e-16 / h^2... / h).
/// 1e-6 leaves two orders of margin and still catches any wrong term (those give 1e-2 or more).
/// Inputs of the kinked layers (relu, max pool, maxout) are kept away from their kinks.
final class LayerGradientTests: XCTestCase {
    static let h = 1e-5, tolerance = 1e-6

    /// Worst |a - n| / max(|a| + |n|, 1e-8) over the entries.
    static func relativeError(_ a: Tensor, _ n: Tensor) -> Double {
        zip(a.data, n.data).map { abs($0 - $1) / max(abs($0) + abs($1), 1e-8) }.max() ?? 0
    }

    static func numeric(_ v: Tensor, _ f: (Tensor) throws -> Double) rethrows -> Tensor {
        var x = v, g = v
        for i in 0..<v.count {
            let old = x[flat: i]
            x[flat: i] = old + h; let plus = try f(x)
            x[flat: i] = old - h; let minus = try f(x)
            x[flat: i] = old
            g[flat: i] = (plus - minus) / (2 * h)
        }
        return g
    }

    /// Checks dx and every parameter gradient of `layer` at `x`; returns the parameter names seen.
    /// Each evaluation replays the same generator state, so dropout keeps one mask.
    @discardableResult
    static func check(_ layer: any Layer, _ x: Tensor, mode: ForwardMode = .train, seed: UInt32 = 1,
                      file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        let stream = NumpyRandom(seed: seed)
        var rng = stream, l = layer
        let out = try l.forward(x, mode: mode, rng: &rng)
        var doutRng = NumpyRandom(seed: 99)
        let dout = try Tensor.randn(out.shape, using: &doutRng)
        let dx = try l.backward(dout)
        XCTAssertEqual(dx.shape, x.shape, "dx has the input's shape", file: file, line: line)
        func objective(_ m: any Layer, _ input: Tensor) throws -> Double {
            var copy = m, r = stream
            return try (copy.forward(input, mode: mode, rng: &r) * dout).sum()
        }
        let ex = relativeError(dx, try numeric(x) { try objective(layer, $0) })
        XCTAssertLessThan(ex, tolerance, "\(layer.kind) dx", file: file, line: line)
        for p in l.parameters {
            let n = try numeric(p.value) { v in
                var nudged = layer
                try nudged.parameters.setValue(v, for: p.name)
                return try objective(nudged, x)
            }
            XCTAssertLessThan(relativeError(p.gradient, n), tolerance, "\(layer.kind) d\(p.name)", file: file, line: line)
        }
        return l.parameters.names
    }

    static func awayFromZero(_ shape: [Int], _ rng: inout NumpyRandom) throws -> Tensor {
        try Tensor.randn(shape, using: &rng).map { abs($0) < 0.1 ? $0 + ($0 < 0 ? -0.2 : 0.2) : $0 }
    }

    func testLinearOnMatricesAndOnVolumes() throws {
        var rng = NumpyRandom(seed: 10)
        let layer = try Linear(weight: try .randn([5, 3], using: &rng), bias: try .randn([3], using: &rng))
        XCTAssertEqual(try Self.check(layer, try .randn([4, 5], using: &rng)), ["w", "b"])
        // A (N, C, H, W) volume is read as N rows of C*H*W = 2*2*2 = 8 numbers.
        let wide = try Linear(weight: try .randn([8, 2], using: &rng), bias: try .randn([2], using: &rng))
        try Self.check(wide, try .randn([3, 2, 2, 2], using: &rng))
        XCTAssertEqual(try wide.outputShape(for: [2, 2, 2]), [2])
        XCTAssertThrowsError(try wide.outputShape(for: [3, 3]), "9 numbers per example, not 8")
    }

    func testEveryActivation() throws {
        var rng = NumpyRandom(seed: 11)
        for kind in ActivationKind.allCases {
            let names = try Self.check(ActivationLayer(kind.activation()), try Self.awayFromZero([3, 2, 4], &rng))
            XCTAssertEqual(names, kind == .prelu ? ["alpha"] : [], "\(kind)")
        }
    }

    func testPReLUSlopeIsLearned() throws {
        // x = (-2, 3), alpha = 0.25: out = (-0.5, 3); with dout = (1, 1), dalpha = min(0, -2) = -2,
        // dx = (alpha, 1) = (0.25, 1).
        var layer = ActivationLayer(.prelu(alpha: 0.25)), rng = NumpyRandom(seed: 0)
        XCTAssertEqual(try layer.forward(try Tensor(rows: [[-2, 3]]), mode: .train, rng: &rng).data, [-0.5, 3])
        XCTAssertEqual(try layer.backward(try Tensor(rows: [[1, 1]])).data, [0.25, 1])
        XCTAssertEqual(layer.parameters["alpha"]?.gradient.data, [-2])
        try layer.parameters.setValue(try Tensor(shape: [1], data: [0.5]), for: "alpha")
        XCTAssertEqual(try layer.forward(try Tensor(rows: [[-2, 3]]), mode: .test, rng: &rng).data, [-1, 3], "the new slope is used")
    }

    func testMaxout() throws {
        var rng = NumpyRandom(seed: 12)
        let layer = try MaxoutLayer(w1: try .randn([4, 3], using: &rng), b1: try .randn([3], using: &rng),
                                    w2: try .randn([4, 3], using: &rng), b2: try .randn([3], using: &rng))
        XCTAssertEqual(try Self.check(layer, try .randn([5, 4], using: &rng)), ["w1", "b1", "w2", "b2"])
    }

    func testBatchNormOnFeaturesAndOnChannels() throws {
        var rng = NumpyRandom(seed: 13)
        let bn = try BatchNormLayer(gamma: try .randn([3], using: &rng), beta: try .randn([3], using: &rng))
        XCTAssertEqual(try Self.check(bn, try Tensor.randn([8, 3], using: &rng) * 4), ["gamma", "beta"])
        // Spatial: (N, C, H, W) normalized per channel over N*H*W.
        try Self.check(bn, try Tensor.randn([2, 3, 2, 3], using: &rng) * 2)
    }

    func testBatchNormSpatialNormalizesEachChannelOverImagesAndPositions() throws {
        var rng = NumpyRandom(seed: 14), layer = try BatchNormLayer(features: 2)
        let x = try Tensor.randn([3, 2, 2, 2], using: &rng) * 5
        let y = try layer.forward(x, mode: .train, rng: &rng)
        for c in 0..<2 {
            var values: [Double] = []
            for n in 0..<3 { for k in 0..<4 { values.append(y.data[(n * 2 + c) * 4 + k]) } }
            let mean = values.reduce(0, +) / 12, variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 12
            XCTAssertEqual(mean, 0, accuracy: 1e-12)
            // var(xhat) = var / (var + eps), just under 1.
            XCTAssertEqual(variance, 1, accuracy: 1e-5)
        }
    }

    func testBatchNormTestModeUsesTheRunningAverages() throws {
        // After one batch with momentum 0.9 from (mean 0, var 1): running = 0.9 * old + 0.1 * batch.
        // The batch (1, 3) has mean 2 and variance 1, so running mean 0.2 and variance 1.0.
        var layer = try BatchNormLayer(features: 1), rng = NumpyRandom(seed: 0)
        _ = try layer.forward(try Tensor(rows: [[1], [3]]), mode: .train, rng: &rng)
        XCTAssertEqual(layer.runningMean[0], 0.2, accuracy: 1e-15)
        XCTAssertEqual(layer.runningVariance[0], 1.0, accuracy: 1e-15)
        // Test mode: (x - 0.2) / sqrt(1 + 1e-5), the same for any batch.
        let y = try layer.forward(try Tensor(rows: [[1.2]]), mode: .test, rng: &rng)
        XCTAssertEqual(y.data[0], 1 / (1 + 1e-5).squareRoot(), accuracy: 1e-15)
        XCTAssertThrowsError(try layer.backward(try Tensor(rows: [[1]])), "backward needs a training forward")
    }

    func testDropoutBothModesTrainAndTest() throws {
        var rng = NumpyRandom(seed: 15)
        let x = try Tensor.randn([4, 5], using: &rng)
        for mode in Dropout.Mode.allCases {
            try Self.check(try DropoutLayer(keep: 0.6, mode: mode), x, mode: .train)
            try Self.check(try DropoutLayer(keep: 0.6, mode: mode), x, mode: .test)
        }
        // Test mode: vanilla scales by p, inverted passes through.
        var vanilla = try DropoutLayer(keep: 0.25, mode: .vanilla), inverted = try DropoutLayer(keep: 0.25, mode: .inverted)
        let ones = try Tensor(shape: [1, 4], repeating: 1)
        XCTAssertEqual(try vanilla.forward(ones, mode: .test, rng: &rng).data, [0.25, 0.25, 0.25, 0.25])
        XCTAssertEqual(try inverted.forward(ones, mode: .test, rng: &rng).data, [1, 1, 1, 1])
        XCTAssertThrowsError(try DropoutLayer(keep: 0))
        XCTAssertThrowsError(try DropoutLayer(keep: 1.5))
    }

    func testDropoutDrawsTheLecturesMaskFromTheGeneratorPassedIn() throws {
        // The mask is np.random.rand(*x.shape) < p: the same uniform draws, compared with p.
        var a = NumpyRandom(seed: 3), b = NumpyRandom(seed: 3)
        var layer = try DropoutLayer(keep: 0.5, mode: .inverted)
        let out = try layer.forward(try Tensor(shape: [2, 5], repeating: 1), mode: .train, rng: &a)
        let expected = (0..<10).map { _ in b.rand() < 0.5 ? 2.0 : 0 }
        XCTAssertEqual(out.data, expected)
        XCTAssertEqual(a.rand(), b.rand(), "the generator passed in advanced by exactly the mask's draws")
    }

    func testConvBothAlgorithmsPoolAndFlatten() throws {
        var rng = NumpyRandom(seed: 16)
        let w = try Tensor.randn([3, 2, 3, 3], using: &rng), b = try Tensor.randn([3], using: &rng)
        let x = try Tensor.randn([2, 2, 5, 5], using: &rng)
        for algorithm in Conv.Algorithm.allCases {
            XCTAssertEqual(try Self.check(try Conv(weight: w, bias: b, stride: 2, pad: 1, algorithm: algorithm), x), ["w", "b"])
        }
        // Max pooling's gradient is exact away from ties; randn has none.
        for kind in PoolKind.allCases { try Self.check(try Pool(kind, size: 2, stride: 2), try .randn([2, 3, 4, 4], using: &rng)) }
        try Self.check(Flatten(), try .randn([2, 3, 2, 2], using: &rng))
    }

    func testOutputShapesFollowTheLectureFormula() throws {
        // (W - F + 2P)/S + 1: (32 - 5 + 2*2)/1 + 1 = 32 for ten 5x5 filters, and a 2x2/2 pool halves it.
        let conv = try Conv(weight: try Tensor(shape: [10, 3, 5, 5]), bias: try Tensor(shape: [10]), stride: 1, pad: 2)
        XCTAssertEqual(try conv.outputShape(for: [3, 32, 32]), [10, 32, 32])
        XCTAssertEqual(try Pool(.max, size: 2, stride: 2).outputShape(for: [10, 32, 32]), [10, 16, 16])
        XCTAssertEqual(try Flatten().outputShape(for: [10, 16, 16]), [2560])
        // (7 - 3)/3 + 1 is not whole: refused, as in the lecture.
        let s3 = try Conv(weight: try Tensor(shape: [1, 1, 3, 3]), bias: try Tensor(shape: [1]), stride: 3)
        XCTAssertThrowsError(try s3.outputShape(for: [1, 7, 7]))
        XCTAssertThrowsError(try conv.outputShape(for: [4, 32, 32]), "filter depth 3, input depth 4")
    }

    func testBackwardBeforeForwardIsAnErrorNotATrap() throws {
        let dout = try Tensor(shape: [1, 2], repeating: 1)
        var layers: [any Layer] = [try Linear(weight: try Tensor(shape: [2, 2]), bias: try Tensor(shape: [2])), ActivationLayer(.tanh),
                                   try BatchNormLayer(features: 2), try DropoutLayer(keep: 0.5), Flatten(), try Pool(.max, size: 1, stride: 1),
                                   try Conv(weight: try Tensor(shape: [1, 1, 1, 1]), bias: try Tensor(shape: [1]))]
        for i in layers.indices {
            XCTAssertThrowsError(try layers[i].backward(dout), layers[i].kind) { e in
                XCTAssertTrue("\(e)".contains("forward"), "\(e)")
            }
        }
    }

    func testConvIm2colLayerEqualsTheNaiveLayer() throws {
        // The fast path against the loops through the Layer interface: same outputs, dx, dw, db.
        // Both sum the same products in another order: 1e-12 relative is ample.
        var rng = NumpyRandom(seed: 17)
        for (n, c, h, f, k, s, p) in [(2, 3, 7, 4, 3, 2, 1), (1, 1, 6, 2, 5, 1, 2), (3, 2, 5, 3, 1, 1, 0)] {
            let w = try Tensor.randn([f, c, k, k], using: &rng), b = try Tensor.randn([f], using: &rng)
            let x = try Tensor.randn([n, c, h, h], using: &rng)
            var fast = try Conv(weight: w, bias: b, stride: s, pad: p, algorithm: .im2col)
            var naive = try Conv(weight: w, bias: b, stride: s, pad: p, algorithm: .naive)
            let a = try fast.forward(x, mode: .train, rng: &rng), q = try naive.forward(x, mode: .train, rng: &rng)
            XCTAssertEqual(a.shape, q.shape)
            for (u, v) in zip(a.data, q.data) { XCTAssertEqual(u, v, accuracy: 1e-12 * max(1, abs(u))) }
            let dout = try Tensor.randn(a.shape, using: &rng)
            let dx1 = try fast.backward(dout), dx2 = try naive.backward(dout)
            for (t1, t2) in [(dx1, dx2), (fast.parameters[0].gradient, naive.parameters[0].gradient),
                             (fast.parameters[1].gradient, naive.parameters[1].gradient)] {
                XCTAssertEqual(t1.shape, t2.shape)
                for (u, v) in zip(t1.data, t2.data) { XCTAssertEqual(u, v, accuracy: 1e-11 * max(1, abs(u))) }
            }
        }
    }
}

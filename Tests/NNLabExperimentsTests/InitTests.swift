import Foundation
import XCTest
import NNLabCore
@testable import NNLabExperiments

/// `init` against the lecture's numpy code run after np.random.seed(0)
/// (Fixtures/init_reference.json, made by Fixtures/make_init_fixtures.py).
///
/// Tolerance: the random numbers are bit-identical, but BLAS sums each product in a different
/// order than numpy's BLAS, so every activation differs by a few ulps, and ten layers compound
/// that. Statistics over 500,000 numbers agree to about 1e-12 relative; 1e-7 relative (plus 1e-15
/// absolute for the collapsed layers) leaves room for that and still catches any real difference.
final class InitTests: XCTestCase {
    struct Reference: Decodable {
        struct Case: Decodable {
            let scheme: String, act: String, bn: Bool, layers: Int, width: Int, batch: Int
            let input_mean: Double, input_std: Double
            let means: [Double], stds: [Double], grad_w_std: [Double], grad_x_std: [Double]
            let hist_last: [Int]
        }
        let cases: [Case]
    }

    func close(_ a: Double, _ b: Double, _ what: String, rel: Double = 1e-7) {
        XCTAssertEqual(a, b, accuracy: rel * max(abs(a), abs(b)) + 1e-15, what)
    }

    func testEverySchemeAndActivationMatchesNumpy() throws {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "init_reference", withExtension: "json", subdirectory: "Fixtures"))
        let ref = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
        XCTAssertEqual(ref.cases.count, 16)
        for c in ref.cases {
            guard let scheme = InitExperiment.Scheme(c.scheme) else { return XCTFail("scheme \(c.scheme)") }
            var rng = NumpyRandom(seed: 0)
            let r = try InitExperiment.run(.init(scheme: scheme, act: c.act == "relu" ? .relu : .tanh, layers: c.layers, width: c.width,
                                                 batch: c.batch, batchNorm: c.bn, gradients: true), rng: &rng)
            let name = "\(c.scheme) \(c.act)\(c.bn ? " bn" : "")"
            close(r.input_mean, c.input_mean, "\(name) input mean", rel: 1e-12)
            close(r.input_std, c.input_std, "\(name) input std", rel: 1e-12)
            for (i, l) in r.layers.enumerated() {
                close(l.mean, c.means[i], "\(name) layer \(i + 1) mean", rel: 1e-6)
                close(l.std, c.stds[i], "\(name) layer \(i + 1) std")
                close(l.grad_w_std ?? .nan, c.grad_w_std[i], "\(name) layer \(i + 1) grad W")
                close(l.grad_x_std ?? .nan, c.grad_x_std[i], "\(name) layer \(i + 1) grad X")
            }
            // Histogram bins can differ only for values within rounding of a bin edge. The fixture's
            // are over [-1, 1], tanh's range (ReLU's is its own: testReLUHistogramRange).
            if c.act == "tanh" {
                XCTAssertEqual(r.layers.last?.histogram_range, [-1, 1])
                let diff = zip(r.layers.last?.histogram ?? [], c.hist_last).map { abs($0 - $1) }.reduce(0, +)
                XCTAssertLessThanOrEqual(diff, 4, "\(name) histogram")
            }
        }
    }

    func testVerdictsOfTheLecturesCases() throws {
        func verdict(_ s: InitExperiment.Scheme, _ a: Activation, bn: Bool = false) throws -> String {
            var rng = NumpyRandom(seed: 0)
            return try InitExperiment.run(.init(scheme: s, act: a, width: 200, batch: 300, batchNorm: bn), rng: &rng).verdict
        }
        XCTAssertEqual(try verdict(.small, .tanh), "collapse")
        XCTAssertEqual(try verdict(.big, .tanh), "saturate")
        XCTAssertEqual(try verdict(.xavier, .tanh), "healthy")
        XCTAssertEqual(try verdict(.xavier, .relu), "shrink")
        XCTAssertEqual(try verdict(.he, .relu), "healthy")
        XCTAssertEqual(try verdict(.small, .tanh, bn: true), "healthy")
        XCTAssertEqual(try verdict(.zero, .tanh), "collapse")
    }

    func testSymmetryAndSizeLimits() throws {
        var rng = NumpyRandom(seed: 0)
        let r = try InitExperiment.run(.init(scheme: .zero, act: .tanh, layers: 2, width: 10, batch: 10), rng: &rng)
        XCTAssertEqual(r.symmetry?.distinct_from_zero, 1)
        XCTAssertEqual(r.symmetry?.distinct_from_equal, 1)
        XCTAssertEqual(r.symmetry?.distinct_from_random, r.symmetry?.hidden_units)
        XCTAssertThrowsError(try InitExperiment.run(.init(scheme: .xavier, act: .tanh, layers: 100, width: 4096, batch: 100_000), rng: &rng))
    }

    /// Issue 10, item 6: the guard counts the weights kept for the backward pass too.
    /// By hand: 100 kept 4096x4096 weights are 100 * 4096^2 * 8 B = 12.5 GiB; one layer of
    /// 32768x4096 activations is 1 GiB, and the backward pass holds at least five such arrays
    /// (data, H, Z, dh, dz, dx). Both are over 4 GiB and must be refused before anything is drawn.
    func testMemoryGuardCountsWeightsAndBackwardBuffers() throws {
        for (width, batch, layers) in [(4096, 1, 100), (4096, 32768, 1)] {
            var rng = NumpyRandom(seed: 0)
            let before = rng
            XCTAssertThrowsError(try InitExperiment.run(.init(scheme: .xavier, act: .tanh, layers: layers, width: width, batch: batch,
                                                              gradients: true), rng: &rng)) { error in
                XCTAssertTrue("\(error)".contains("at most 4 GiB"), "\(error)")
            }
            var a = rng, b = before
            XCTAssertEqual(a.nextUInt32(), b.nextUInt32(), "refused up front: no number drawn")
        }
        // The lecture's size fits: 10 layers of 1000x500 with the backward pass is about 0.1 GiB.
        XCTAssertLessThan(try InitExperiment.memoryNeeded(.init(scheme: .xavier, act: .tanh)), 1 << 30)
        // 100 weights of 4096^2 alone exceed the limit, whatever the batch.
        XCTAssertGreaterThan(try InitExperiment.memoryNeeded(.init(scheme: .xavier, act: .tanh, layers: 100, width: 4096, batch: 1)),
                             100 * 4096 * 4096 * 8)
    }

    func testVarianceArgument() throws {
        var rng = NumpyRandom(seed: 0)
        let v = try InitExperiment.variance(rng: &rng)
        // Measured against predicted. The noise is not the 1000 x 500 sample's (sqrt(2/500000) = 0.2%)
        // but the weights': after a ReLU the inputs have mean E[r] != 0, so each output unit's batch mean
        // is E[r] * (its column sum of w), and that between-unit part, 1/(2 pi) of the total 1/2 (32%),
        // is estimated from only 500 columns: a relative sd of sqrt(2/500) = 6.3% of 32%, so 2% of the
        // total. 6% allows three standard deviations; the linear rows are well inside it.
        for r in v.rows { XCTAssertEqual(r.measured, r.predicted, accuracy: 0.06 * r.predicted, r.case_) }
        XCTAssertEqual(v.conv.first { $0.fan_in == 576 }?.xavier_std ?? 0, 1 / 24, accuracy: 1e-15)  // 3*3*64 = 576 = 24^2
    }

    /// Issue 11 section 4: a ReLU layer's histogram covers its data. The activations are rebuilt
    /// here from the same draws (data, then each W) and counted with plain loops: the range
    /// starts at 0 and holds at least 99.9% of the values, the values beyond it are the ones
    /// reported outside, the bins hold the rest, and "log" is claimed exactly when the largest
    /// bin holds over half of the values in range (ReLU's zeros: always here).
    func testReLUHistogramRange() throws {
        let (layers, width, batch) = (4, 60, 200)
        for (scheme, act) in [(InitExperiment.Scheme.he, Activation.relu), (.big, .relu), (.xavier, .tanh), (.xavier, .sigmoid)] {
            var rng = NumpyRandom(seed: 3)
            let r = try InitExperiment.run(.init(scheme: scheme, act: act, layers: layers, width: width, batch: batch, gradients: false), rng: &rng)
            var again = NumpyRandom(seed: 3)
            var x = try Tensor.randn([batch, width], using: &again)
            for l in r.layers {
                let w = try Tensor.randn([width, width], scale: scheme.scale(fanIn: width), using: &again)
                var h = try x.matmul(w)
                act.apply(&h)
                x = h
                let name = "\(scheme.name) \(act.name) layer \(l.layer)"
                let (lo, hi) = (l.histogram_range[0], l.histogram_range[1])
                switch act {
                case .tanh: XCTAssertEqual([lo, hi], [-1, 1], name)
                case .sigmoid: XCTAssertEqual([lo, hi], [0, 1], name)
                default:
                    XCTAssertEqual(lo, 0, name)
                    XCTAssertLessThanOrEqual(hi, h.data.max() ?? 0, name)
                }
                let inside = h.data.filter { $0 >= lo && $0 <= hi }.count
                XCTAssertGreaterThanOrEqual(Double(inside), 0.999 * Double(h.count), name)
                XCTAssertEqual(l.histogram_outside, h.count - inside, name)
                XCTAssertEqual(l.histogram.reduce(0, +), inside, name)
                let zeros = h.data.filter { $0 == 0 }.count
                if act == .relu {
                    XCTAssertGreaterThan(l.histogram[0], inside / 2, name)   // the zeros and the smallest positives
                    XCTAssertGreaterThan(zeros, h.count / 3, name)
                }
                XCTAssertEqual(l.histogram_log, Double(l.histogram.max() ?? 0) > 0.5 * Double(inside), name)
            }
        }
    }

    /// Issue 11 section 5: the lecture's Xavier printout has layer 2's std at 0.480651 and layer
    /// 6's at 0.209116; the lecture's code (numpy, seeds 0-19, see the note's ranges) never gives
    /// those. One other seed, run here, lands inside the stated ranges, and the note quotes the
    /// lecture's figures and this run's.
    func testLectureXavierPrintoutNote() throws {
        var rng = NumpyRandom(seed: 11)
        let r = try InitExperiment.run(.init(scheme: .xavier, act: .tanh, gradients: false), rng: &rng)
        let note = try XCTUnwrap(r.lecture_note)
        for o in InitExperiment.LecturePrintout.outliers {
            let std = r.layers[o.layer - 1].std
            XCTAssertTrue((o.low...o.high).contains(std), "layer \(o.layer): \(std)")
            XCTAssertFalse((o.low...o.high).contains(InitExperiment.LecturePrintout.stds[o.layer - 1]))
            XCTAssertTrue(note.contains(String(format: "%f", std)), note)
        }
        XCTAssertTrue(note.contains("0.480651") && note.contains("0.209116"), note)
        var small = NumpyRandom(seed: 11)
        XCTAssertNil(try InitExperiment.run(.init(scheme: .xavier, act: .tanh, width: 50, batch: 100), rng: &small).lecture_note)
    }
}

import XCTest
import NNLabCore
@testable import NNLabExperiments

final class SetupTests: XCTestCase {
    func testDropoutProofIsExact() throws {
        var rng = NumpyRandom(seed: 0)
        let r = try DropoutExperiment.run(keep: try Fraction(1, 2), n: 2, mode: .vanilla, rng: &rng)
        XCTAssertEqual(r.masks.map(\.probability), ["1/4", "1/4", "1/4", "1/4"])
        XCTAssertEqual(r.masks.map(\.term), ["w0*0 + w1*0", "w0*0 + w1*y", "w0*x + w1*0", "w0*x + w1*y"])
        XCTAssertEqual(r.coefficients, ["1/2", "1/2"])
        XCTAssertTrue(r.proof.hasSuffix("= 1/2 (w0*x + w1*y)"), r.proof)
        // p = 1/3 with three inputs: (1/3)^3 for all kept, (2/3)^3 = 8/27 for none.
        let t = try DropoutExperiment.run(keep: try Fraction(1, 3), n: 3, mode: .inverted, rng: &rng)
        XCTAssertEqual(t.masks.first?.probability, "8/27")
        XCTAssertEqual(t.masks.last?.probability, "1/27")
        // Inverted: each kept term is divided by p, so the masks keeping input i (probabilities adding
        // up to 1/3) give it coefficient 1/3 * 3 = 1: E[a] is the test-time output itself.
        XCTAssertEqual(t.masks.last?.term, "w0*x0/(1/3) + w1*x1/(1/3) + w2*x2/(1/3)")
        XCTAssertEqual(t.masks.first?.term, "w0*0 + w1*0 + w2*0")
        XCTAssertEqual(t.coefficients, ["1", "1", "1"])
        XCTAssertTrue(t.proof.hasSuffix("= w0*x0 + w1*x1 + w2*x2, the test-time output"), t.proof)
        // The Monte Carlo average converges: the last error is within 5 standard errors.
        let sd = zip(r.weights, r.inputs).map { ($0 * $1) * ($0 * $1) * 0.25 }.reduce(0, +).squareRoot()
        XCTAssertLessThan(r.monte_carlo.last?.error ?? 1, 5 * sd / (100_000.0).squareRoot())
    }

    func testFractionParsing() throws {
        XCTAssertEqual(Fraction.parse("0.5"), try Fraction(1, 2))
        XCTAssertEqual(Fraction.parse("0.25"), try Fraction(1, 4))
        XCTAssertEqual(Fraction.parse("1/3"), try Fraction(1, 3))
        XCTAssertEqual(Fraction.parse(".75"), try Fraction(3, 4))
        XCTAssertNil(Fraction.parse("abc"))
        XCTAssertNil(Fraction.parse("1/0"))
        XCTAssertNil(Fraction.parse("0.1234567891"))
        XCTAssertThrowsError(try Fraction(Int.max, 1) + Fraction(1, 1))
    }

    func testBatchNormExperiment() throws {
        var rng = NumpyRandom(seed: 0)
        let r = try BatchNormExperiment.run(rng: &rng)
        for f in r.features.prefix(3) {
            XCTAssertEqual(f.mean_after, 0, accuracy: 1e-12)
            XCTAssertEqual(f.var_after, f.var_before / (f.var_before + 1e-5), accuracy: 1e-12)
        }
        XCTAssertLessThan(r.identity_max_error, 1e-9)
        XCTAssertLessThan(r.running.last?.mean_error ?? 1, r.running.first?.mean_error ?? 0, "running averages converge")
        XCTAssertLessThan(r.gradcheck_error ?? 1, 1e-5)
    }

    func testDigitsAndPreprocessing() throws {
        let d = try Digits.bundled()
        XCTAssertEqual(d.labels.count, 1797)
        XCTAssertEqual(d.images.shape, [1797, 64])
        // The first row of the shipped file: 0,0,5,13,9,1,0,0,... label 0.
        XCTAssertEqual(Array(d.images.data.prefix(5)), [0, 0, 5, 13, 9])
        XCTAssertEqual(d.labels.first, 0)
        var rng = NumpyRandom(seed: 0)
        let r = try PreprocessExperiment.run(rng: &rng, digits: d)
        let whitened = try XCTUnwrap(r.steps.last)
        XCTAssertEqual(whitened.covariance[0][0], 1, accuracy: 1e-4)
        XCTAssertEqual(whitened.covariance[0][1], 0, accuracy: 1e-10)
        XCTAssertEqual(r.digits_train + r.digits_val + r.digits_test, 1797)
        XCTAssertThrowsError(try Digits.parse("1,2,3\n", source: "t.csv")) { XCTAssertTrue("\($0)".contains("t.csv:1: expected 65")) }
        XCTAssertThrowsError(try Digits.parse(String(repeating: "0,", count: 64) + "11\n", source: "t.csv")) { XCTAssertTrue("\($0)".contains("label 11")) }
    }
}

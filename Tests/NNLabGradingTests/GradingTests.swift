import XCTest
import NNLabExercises
@testable import NNLabGrading
import NNLabExerciseReference

/// The graders against the references (full marks), the stubs (zero) and the wrong implementations
/// (their partial marks and messages), all in this process with the core's expected values.
final class GradingTests: XCTestCase {
    let core = CoreExpectedValues()

    func results(_ s: Submission, exercise: String) -> [TestResult] {
        Grading.run(Grading.allGraders.filter { $0.exercise == exercise }, s, expected: core)
    }

    func failed(_ r: [TestResult]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: r.filter { $0.score < $0.maxScore }.map { ($0.name, $0.output) })
    }

    func score(_ r: [TestResult], _ visibility: Visibility? = nil) -> Double {
        r.filter { visibility == nil || $0.visibility == visibility }.reduce(0) { $0 + $1.score }
    }

    func testReferencesGetFullMarks() {
        let r = Grading.run(Grading.allGraders, .student, expected: core)
        for t in r where t.score != t.maxScore { XCTFail("\(t.name): \(t.output)") }
        XCTAssertEqual(Set(r.map(\.exercise)), Set(Exercises.all.map(\.id)), "every exercise has graders")
        XCTAssertTrue(r.contains { $0.visibility == .hidden })
    }

    func testGraderNamesAreUniqueAndNameTheirExercise() {
        let names = Grading.allGraders.map(\.name)
        XCTAssertEqual(Set(names).count, names.count)
        for g in Grading.allGraders { XCTAssertTrue(g.name.hasPrefix(g.exercise + ": "), g.name) }
    }

    func testStubsGetZeroAndSayWhatIsNotImplemented() {
        let r = Grading.run(Grading.allGraders, WrongImplementations.stubs, expected: core)
        XCTAssertEqual(score(r), 0)
        for t in r { XCTAssertTrue(t.output.hasPrefix("not implemented: "), "\(t.name): \(t.output)") }
        XCTAssertEqual(r.first { $0.exercise == "adam" }?.output, "not implemented: adamUpdate")
    }

    func testDropoutOffByP() {
        let r = results(WrongImplementations.dropoutMissingP, exercise: "dropout")
        XCTAssertEqual(score(r, .visible), 3)   // vanilla train and test, inverted test
        XCTAssertEqual(score(r, .hidden), 0)
        XCTAssertEqual(failed(r)["dropout: inverted, training, p = 0.5"],
                       "out: off by a factor of p (= 0.5): every element is 0.5 times the expected one")
        XCTAssertEqual(failed(r)["dropout: inverted, keep 0.8, 3-D input"],
                       "out: off by a factor of p (= 0.8): every element is 0.8 times the expected one")
    }

    func testSoftmaxMissingOneOverN() {
        let r = results(WrongImplementations.softmaxMissingN, exercise: "softmax")
        XCTAssertEqual(score(r, .visible), 2)   // the loss and the zero-scores loss
        XCTAssertEqual(failed(r)["softmax: dscores, random 5x4 scores"],
                       "dscores: off by a factor of N (= 5): every element is 5 times the expected one")
        XCTAssertEqual(failed(r)["softmax: dscores against a numeric gradient of your loss"],
                       "dscores against the numeric gradient of your loss: off by a factor of N (= 5): every element is 5 times the expected one")
    }

    func testReluBackwardWrongSign() {
        let r = results(WrongImplementations.reluWrongSign, exercise: "relu-backward")
        XCTAssertEqual(score(r), 0)
        XCTAssertEqual(failed(r)["relu-backward: random 6x4 input"], "dx: wrong sign: every element is the negative of the expected one")
    }

    func testAffineTransposedGradient() {
        let r = results(WrongImplementations.affineTransposedDW, exercise: "affine")
        XCTAssertEqual(score(r, .visible), 4)   // forward, dx, db, numeric dx
        XCTAssertEqual(failed(r)["affine: backward dw, random 4x3 x and 3x5 w"],
                       "dw: wrong shape [5, 3], expected [3, 5]: it is the transpose of the expected array")
        XCTAssertEqual(failed(r).count, 2, "\(failed(r))")   // the hidden one-example dw too
    }

    func testAdamWithoutBiasCorrection() {
        let r = results(WrongImplementations.adamNoBiasCorrection, exercise: "adam")
        XCTAssertEqual(score(r, .visible), 1)   // the moments are right
        // First step: (1 - 0.9) / sqrt(1 - 0.999) = 0.1 / 0.0316228 = 3.16228 times the corrected one.
        XCTAssertEqual(failed(r)["adam: first step"],
                       "the step of x at t = 1: off by a factor of (1 - beta1^t)/sqrt(1 - beta2^t) with t = 1, as without bias correction (= 3.162278): every element is 3.162278 times the expected one")
        // t = 5: (1 - 0.9^5) / sqrt(1 - 0.999^5) = 0.40951 / sqrt(0.0049900) = 0.40951 / 0.0706399 = 5.79714.
        XCTAssertEqual(failed(r)["adam: five steps"],
                       "the step of x at t = 5: off by a factor of (1 - beta1^t)/sqrt(1 - beta2^t) with t = 5, as without bias correction (= 5.79714): every element is 5.79714 times the expected one")
        XCTAssertEqual(score(r, .hidden), 0)
    }
}

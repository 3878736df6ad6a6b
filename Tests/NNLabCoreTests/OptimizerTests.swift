import Foundation
import XCTest
@testable import NNLabCore

/// The update rules against trajectories numpy computed from the lectures' formulas
/// (Fixtures/optimizer_reference.json, written by Fixtures/make_optimizer_fixtures.py), and the
/// identities the lectures rest on, derived by hand.
final class OptimizerTests: XCTestCase {
    struct Reference: Decodable {
        struct Case: Decodable { var rule: String; var lr: Double; var mu: Double; var decay: Double; var path: [[Double]] }
        var start: [Double]
        var steps: Int
        var cases: [Case]
    }

    /// The ravine x^2/20 + y^2: gradient (x/10, 2y).
    static func ravine(_ p: [Double]) -> [Double] { [p[0] / 10, 2 * p[1]] }

    func testEveryRuleStepByStepAgainstNumpy() throws {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "optimizer_reference", withExtension: "json", subdirectory: "Fixtures"))
        let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
        var seen = Set<OptimizerKind>()
        for c in reference.cases {
            let kind = try XCTUnwrap(OptimizerKind(rawValue: c.rule), c.rule)
            seen.insert(kind)
            var rule = kind.make(.init(learningRate: c.lr, mu: c.mu, decay: c.decay))
            var x = reference.start
            for (t, expected) in c.path.enumerated() {
                rule.step(&x, gradient: Self.ravine)
                for i in 0..<2 {
                    // Same operations in the same order as numpy: agreement to a few ulps.
                    XCTAssertEqual(x[i], expected[i], accuracy: 1e-12 * max(1, abs(expected[i])), "\(c.rule) step \(t + 1) coordinate \(i)")
                }
            }
        }
        XCTAssertEqual(seen, Set(OptimizerKind.allCases), "every rule has a numpy trajectory")
    }

    /// phi = theta + mu v: the rewritten Nesterov's points are the look-ahead form's theta + mu v
    /// at every step (derivation in Nesterov.swift), on a non-quadratic function too.
    func testNesterovRewriteTracksLookAheadPoint() {
        let f: ([Double]) -> [Double] = { p in [4 * p[0] * p[0] * p[0] - 2 * p[1], 2 * p[1] - 2 * p[0] + cos(p[1])] }
        var rewrite = Nesterov(learningRate: 0.01, mu: 0.9)
        var look = NesterovLookAhead(learningRate: 0.01, mu: 0.9)
        var phi = [1.5, -0.5], theta = [1.5, -0.5]
        for t in 1...50 {
            rewrite.step(&phi, gradient: f)
            look.step(&theta, gradient: f)
            let tracked = look.lookAhead(theta)
            for i in 0..<2 { XCTAssertEqual(phi[i], tracked[i], accuracy: 1e-12, "step \(t)") }
        }
        XCTAssertNotEqual(phi[0], theta[0], accuracy: 1e-6, "the two forms store different points")
    }

    /// On a constant slope g the velocity tends to -lr g / (1 - mu): 10, 2 and 100 times SGD's step.
    func testMomentumTerminalVelocityFactors() {
        for (mu, factor) in [(0.9, 10.0), (0.5, 2.0), (0.99, 100.0)] {
            var rule = Momentum(learningRate: 0.01, mu: mu)
            var x = [0.0]
            for _ in 0..<5000 { rule.step(&x, gradient: { _ in [1] }) }
            XCTAssertEqual(-rule.velocity[0] / 0.01, factor, accuracy: factor * 1e-9, "mu \(mu)")
        }
    }

    /// The two momentum forms visit the same points at a constant learning rate (v differs by -lr).
    func testMomentumFormsAgree() {
        var a = Momentum(learningRate: 0.05), b = ClassicMomentum(learningRate: 0.05)
        var x = [-7.0, 2.0], y = [-7.0, 2.0]
        for _ in 0..<100 {
            a.step(&x, gradient: Self.ravine); b.step(&y, gradient: Self.ravine)
            XCTAssertEqual(x[0], y[0], accuracy: 1e-12); XCTAssertEqual(x[1], y[1], accuracy: 1e-12)
            XCTAssertEqual(a.velocity[1], -0.05 * b.velocity[1], accuracy: 1e-12)
        }
    }

    /// Adam's first step: corrected s_hat/sqrt(r_hat) = sign(g), so the step is lr; uncorrected it is
    /// lr (1 - b1)/sqrt(1 - b2) = lr * 0.1/sqrt(0.001) = 3.1623 lr (eps aside).
    func testAdamFirstStepBiasCorrectionFactor() {
        var with = Adam(learningRate: 0.1), without = Adam(learningRate: 0.1, biasCorrection: false)
        var x = [3.0], y = [3.0]
        with.step(&x, gradient: { _ in [2.5] }); without.step(&y, gradient: { _ in [2.5] })
        XCTAssertEqual(3 - x[0], 0.1, accuracy: 1e-8)
        XCTAssertEqual((3 - y[0]) / (3 - x[0]), 0.1 / 0.001.squareRoot(), accuracy: 1e-6)
    }

    /// AdaGrad on a constant gradient g: effective step lr / (|g| sqrt(t)); RMSProp's tends to lr / |g|.
    func testAdaGradDecaysRMSPropDoesNot() {
        var ada = AdaGrad(learningRate: 1), rms = RMSProp(learningRate: 1)
        var x = [0.0], y = [0.0]
        for _ in 0..<400 { ada.step(&x, gradient: { _ in [2] }); rms.step(&y, gradient: { _ in [2] }) }
        XCTAssertEqual(ada.effectiveStep[0], 1 / (2 * 20), accuracy: 1e-9)   // sqrt(400) = 20
        XCTAssertEqual(rms.effectiveStep[0], 0.5, accuracy: 1e-6)             // 1 - 0.9^400 is 1 to 1e-18
    }

    /// Algorithm 8.6 with delta: a zero gradient component on the first step stays put (no 0/0).
    func testRMSPropNesterovZeroGradientIsFinite() {
        var rule = RMSPropNesterov(learningRate: 0.1)
        var x = [1.0, 0.0]
        rule.step(&x, gradient: { p in [p[0], 0] })
        XCTAssertEqual(x[1], 0)
        // r = 0.1 * 1 = 0.1, step = 0.1 / sqrt(1e-6 + 0.1)
        XCTAssertEqual(x[0], 1 - 0.1 / (1e-6 + 0.1).squareRoot(), accuracy: 1e-15)
    }
}

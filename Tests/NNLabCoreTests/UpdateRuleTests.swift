import Foundation
import XCTest
@testable import NNLabCore

/// The tensor update rules `train` uses against trajectories numpy computed from the lectures'
/// formulas (Fixtures/update_rule_reference.json, written by Fixtures/make_update_rule_fixtures.py):
/// two parameters stepped in turn, so state kept under the wrong name shows.
final class UpdateRuleTests: XCTestCase {
    struct Reference: Decodable {
        struct Step: Decodable { var w: [Double]; var b: [Double] }
        struct Case: Decodable { var rule: String; var lr: Double; var mu: Double; var path: [Step] }
        var start: Step
        var curvature: Step
        var linear: Step
        var steps: Int
        var cases: [Case]
    }

    func testEveryRuleAgainstNumpy() throws {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "update_rule_reference", withExtension: "json", subdirectory: "Fixtures"))
        let ref = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
        var seen = Set<UpdateKind>()
        for c in ref.cases {
            let kind = try XCTUnwrap(UpdateKind(rawValue: c.rule))
            seen.insert(kind)
            var rule = kind.makeRule(learningRate: c.lr, mu: c.mu)
            var params = try ParameterSet([Parameter(name: "layer1.w", value: try Tensor(shape: [3, 2], data: ref.start.w)),
                                           Parameter(name: "layer1.b", value: try Tensor(shape: [2], data: ref.start.b))])
            for (t, expected) in c.path.enumerated() {
                for (name, cu, li) in [("layer1.w", ref.curvature.w, ref.linear.w), ("layer1.b", ref.curvature.b, ref.linear.b)] {
                    let x = try XCTUnwrap(params[name]).value
                    let g = try Tensor(shape: x.shape, data: (0..<x.count).map { cu[$0] * x.data[$0] + li[$0] })
                    try params.setGradient(g, for: name)
                }
                try rule.step(&params)
                for (got, want) in zip(try XCTUnwrap(params["layer1.w"]).value.data + (try XCTUnwrap(params["layer1.b"]).value.data),
                                       expected.w + expected.b) {
                    XCTAssertEqual(got, want, accuracy: 1e-12 * max(1, abs(want)), "\(c.rule) lr \(c.lr) step \(t + 1)")
                }
            }
        }
        XCTAssertEqual(seen, Set(UpdateKind.allCases), "every rule has a reference trajectory")
    }

    /// Momentum under a constant gradient g: v_t = -lr g (1 - mu^t) / (1 - mu), by summing the
    /// geometric series, so after many steps each step is 1/(1 - mu) = 10 times SGD's.
    func testMomentumTerminalVelocity() throws {
        var rule = MomentumUpdate(learningRate: 0.01, mu: 0.9)
        var x = try Tensor(shape: [1], data: [0])
        let g = try Tensor(shape: [1], data: [1])
        var previous = 0.0
        for t in 1...200 {
            try rule.update("p", value: &x, gradient: g)
            let step = x.data[0] - previous
            previous = x.data[0]
            XCTAssertEqual(step, -0.01 * (1 - pow(0.9, Double(t))) / 0.1, accuracy: 1e-12)
        }
    }

    /// Adam's first step is lr * sign(g) (bias correction undoes the zero start): m_hat = g,
    /// v_hat = g^2, so the step is lr g / (|g| + eps).
    func testAdamFirstStepIsTheLearningRate() throws {
        var rule = AdamUpdate(learningRate: 0.1)
        var x = try Tensor(shape: [3], data: [0, 0, 0])
        try rule.update("p", value: &x, gradient: try Tensor(shape: [3], data: [5, -0.001, 300]))
        XCTAssertEqual(x.data[0], -0.1, accuracy: 1e-8)
        XCTAssertEqual(x.data[1], 0.1, accuracy: 1e-5)
        XCTAssertEqual(x.data[2], -0.1, accuracy: 1e-8)
    }

    func testLearningRateCanChangeBetweenStepsAndShapesAreChecked() throws {
        var rule = UpdateKind.sgd.makeRule(learningRate: 1)
        rule.learningRate = 0.5
        var x = try Tensor(shape: [2], data: [1, 1])
        try rule.update("p", value: &x, gradient: try Tensor(shape: [2], data: [1, 2]))
        XCTAssertEqual(x.data, [0.5, 0])
        var m = MomentumUpdate(learningRate: 0.1)
        try m.update("p", value: &x, gradient: try Tensor(shape: [2], data: [1, 2]))
        var y = try Tensor(shape: [3], data: [1, 1, 1])
        XCTAssertThrowsError(try m.update("p", value: &y, gradient: try Tensor(shape: [3], data: [1, 2, 3])))
        XCTAssertThrowsError(try m.update("q", value: &y, gradient: try Tensor(shape: [2], data: [1, 2])))
    }
}

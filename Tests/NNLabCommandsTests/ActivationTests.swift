import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import NNLabCore
import NNLabExperiments
import XCTest
@testable import NNLabCommands

/// `act`: the positive-inputs experiment against numpy, the claims its text makes against its own
/// numbers, Ctrl-C between trials, the saved figure, and the properties' words.
final class ActivationTests: XCTestCase {
    typealias Kind = ActivationExperiment.InputKind

    /// numpy, the same procedure (python3; SIGNS = [(1,1),(1,-1),(-1,-1),(-1,1)]):
    ///
    ///     r = np.random.RandomState([0, t]); a = r.rand(2) + 0.5; ws = SIGNS[t % 4] * a; w = 0.5 * r.randn(2)
    ///     per step: x = r.rand(2) (positive), x - 0.5 (centred), 2x - 1 (rescaled); err = (w - ws) @ x
    ///     g = err * x; w -= 0.5 * g; stop when |w - ws| < 0.1
    ///
    /// gives for t = 0..<8 the steps and opposite-sign steps below, and np.percentile(steps, [25, 50, 75]).
    func testPositiveInputsMatchNumpy() throws {
        let r = try ActivationExperiment.signs(seed: 0, trials: 8)
        let expected: [Kind: ([Int], [Int], [Double])] = [
            .positive: ([28, 50, 50, 65, 55, 43, 62, 90], [0, 0, 0, 0, 0, 0, 0, 0], [48.25, 52.5, 62.75]),
            .centred: ([61, 47, 69, 69, 51, 55, 80, 74], [26, 25, 34, 33, 25, 29, 34, 33], [54, 65, 70.25]),
            .centredRescaled: ([13, 14, 25, 7, 13, 12, 17, 18], [5, 8, 11, 2, 7, 7, 5, 5], [12.75, 13.5, 17.25]),
        ]
        XCTAssertEqual(r.conditions.map(\.inputs), Kind.allCases)
        for c in r.conditions {
            guard let (steps, mixed, quartiles) = expected[c.inputs] else { return XCTFail("no \(c.inputs)") }
            XCTAssertEqual(c.steps, steps, "\(c.inputs)")
            XCTAssertEqual(c.mixed_sign_steps, mixed, "\(c.inputs)")
            XCTAssertEqual(c.steps_total, steps.reduce(0, +))
            let q = try XCTUnwrap(c.steps_quartiles)
            XCTAssertEqual([q.q1, q.median, q.q3], quartiles, "\(c.inputs)")
        }
        // Trials 1, 3, 5, 7 aim at (+,-) and (-,+) from a start near 0: those need opposite moves.
        XCTAssertEqual(r.mixed_targets, 4)
        XCTAssertEqual(r.conditions[0].steps_mixed_targets?.median, 57.5, "median of 50, 65, 43, 90")
        XCTAssertEqual(r.conditions[0].steps_same_sign_targets?.median, 52.5, "median of 28, 50, 55, 62")
    }

    /// By hand: U(0, 1) has E[u^2] = 1/3, u - 0.5 has 1/12, 2u - 1 has 1/3; with centred inputs the
    /// two gradient components have opposite signs exactly when x1 x2 < 0, probability 1/2.
    func testMeanSquaresAndOppositeSignShareFollowTheInputs() throws {
        let r = try ActivationExperiment.signs(seed: 3, trials: 200)
        let byKind = Dictionary(uniqueKeysWithValues: r.conditions.map { ($0.inputs, $0) })
        XCTAssertEqual(byKind[.positive]?.mean_square ?? 0, 1.0 / 3, accuracy: 0.01)
        XCTAssertEqual(byKind[.centred]?.mean_square ?? 0, 1.0 / 12, accuracy: 0.003)
        XCTAssertEqual(byKind[.centredRescaled]?.mean_square ?? 0, 1.0 / 3, accuracy: 0.01)
        XCTAssertEqual(byKind[.centred]?.mixed_sign_fraction ?? 0, 0.5, accuracy: 0.03)
        XCTAssertEqual(byKind[.centredRescaled]?.mixed_sign_fraction ?? 0, 0.5, accuracy: 0.03)
    }

    /// Whatever the seed, every sentence matches the numbers: no opposite-sign step with positive
    /// inputs in any trial (structural: dL/dw_i = err * x_i), and each "fewer/more/about as many"
    /// is the one the medians give (10% margin).
    func testPrintedClaimsAreTrueOfTheNumbers() throws {
        func words(_ a: Double, _ b: Double) -> String {
            a < 0.9 * b ? "fewer steps than" : a > 1.1 * b ? "more steps than" : "about as many steps as"
        }
        func n(_ x: Double) -> String { Format.short6(x) }
        for seed: UInt32 in [0, 1, 2, 5] {
            let r = try ActivationExperiment.signs(seed: seed, trials: 40)
            let text = r.renderText(TextStyle(width: 1000)).replacingOccurrences(of: "\n    ", with: " ")
            let p = r.conditions[0], c = r.conditions[1], s = r.conditions[2]
            XCTAssertEqual(p.inputs, .positive)
            XCTAssertTrue(p.mixed_sign_steps.allSatisfy { $0 == 0 }, "seed \(seed): \(p.mixed_sign_steps)")
            XCTAssertTrue(text.contains("none of the \(Format.grouped(p.steps_total)) steps had gradients of opposite signs"), text)
            XCTAssertGreaterThan(c.mixed_sign_steps_total, 0)
            let (pm, ps) = (try XCTUnwrap(p.steps_mixed_targets?.median), try XCTUnwrap(p.steps_same_sign_targets?.median))
            XCTAssertTrue(text.contains("needing opposite moves took \(words(pm, ps)) a same-sign w* (median \(n(pm)) against \(n(ps)) steps)"), "seed \(seed): \(text)")
            for other in [c, s] {
                let (a, b) = (try XCTUnwrap(other.steps_quartiles?.median), try XCTUnwrap(p.steps_quartiles?.median))
                XCTAssertTrue(text.contains("\(other.inputs.formula) inputs took \(words(a, b)) positive ones (median \(n(a)) against \(n(b)) steps)"), "seed \(seed): \(text)")
            }
            let (sm, ss) = (try XCTUnwrap(s.steps_mixed_targets?.median), try XCTUnwrap(s.steps_same_sign_targets?.median))
            let faster = sm < 0.9 * pm && ss <= 1.1 * ps
            XCTAssertEqual(text.contains("zero-mean inputs of the same size reached w* in fewer steps"), faster, "seed \(seed): \(text)")
            XCTAssertEqual(text.contains("that costs steps where w* needs opposite moves"), pm > 1.1 * ps, "seed \(seed)")
        }
    }

    /// lectures/activations.md quotes these, after `seed 0`; numpy gives the same (the procedure
    /// above, 200 trials): if the experiment changes, the note goes stale here, loudly.
    func testTheLectureNumbers() throws {
        let r = try ActivationExperiment.signs(seed: 0)
        let (p, c, s) = (r.conditions[0], r.conditions[1], r.conditions[2])
        XCTAssertEqual(p.steps_total, 9025)
        XCTAssertEqual(p.mixed_sign_steps_total, 0)
        XCTAssertEqual(p.steps_mixed_targets?.median, 60)
        XCTAssertEqual(p.steps_same_sign_targets?.median, 31)
        XCTAssertEqual(c.steps_mixed_targets?.median, 62)
        XCTAssertEqual(c.steps_same_sign_targets?.median, 62)
        XCTAssertEqual(c.steps_quartiles?.median, 62)
        XCTAssertEqual(p.steps_quartiles?.median, 47)
        XCTAssertEqual(s.steps_quartiles?.median, 14)
        // "in 24 of the 200, all with same-sign targets, the positive inputs got there first"
        let first = (0..<r.trials).filter { p.steps[$0] < s.steps[$0] }
        XCTAssertEqual(first.count, 24)
        XCTAssertTrue(first.allSatisfy { t in (r.targets[t][0] - r.starts[t][0]) * (r.targets[t][1] - r.starts[t][1]) > 0 })
    }

    /// Ctrl-C during trial 4: the three completed trials are reported, marked interrupted.
    func testInterruptStopsAtTheNextTrial() throws {
        let flag = InterruptFlag()
        let monitor = Monitor(interrupt: flag, progress: { done, _, _ in if done == 3 { flag.raise() } })
        let r = try ActivationExperiment.signs(seed: 0, trials: 200, monitor: monitor)
        XCTAssertEqual(r.trials, 3)
        XCTAssertTrue(r.interrupted)
        XCTAssertEqual(r.run, RunState(completed: 3, planned: 200, interrupted: true))
        XCTAssertEqual(r.conditions[0].steps, [28, 50, 50], "the first three trials, as numpy gives them")
        XCTAssertTrue(r.renderText(.plain).contains("interrupted after 3 of 200 trials"))
    }

    /// `act NAME` leaves a figure: its SVG parses and holds 201 points of f and 201 of f'.
    func testActFigureIsSavableSVG() throws {
        var i = Interpreter()
        guard case .success = i.execute(statement: "act tanh") else { return XCTFail("act tanh failed") }
        let svg = try XCTUnwrap(i.session.lastFigure?.svg)
        final class Counter: NSObject, XMLParserDelegate {
            var polylines: [Int] = [], circles = 0
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                if name == "polyline" { polylines.append(attributes["points"]?.split(separator: " ").count ?? 0) }
                if name == "circle" { circles += 1 }
            }
        }
        let counter = Counter()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = counter
        XCTAssertTrue(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        XCTAssertEqual(counter.polylines, [201, 201], "f and f' over [-10, 10] in steps of 0.1")
        XCTAssertEqual(counter.circles, 402)
        // tanh(-10) is drawn at the bottom-left of the f panel, tanh(10) at its top-right: the
        // curve rises (y grows downward in SVG).
        let f = try XCTUnwrap(svg.components(separatedBy: "points=\"").dropFirst().first?.split(separator: "\"").first)
        let ys = f.split(separator: " ").compactMap { $0.split(separator: ",").last.flatMap { Double($0) } }
        XCTAssertGreaterThan(try XCTUnwrap(ys.first), try XCTUnwrap(ys.last))
    }

    func testPropertiesSayWhatIsTrue() throws {
        let sigmoid = try ActivationExperiment.profile("sigmoid", at: [0], alpha: nil, maxout: .init())
        XCTAssertFalse(sigmoid.properties.joined().contains("at least 4"))
        XCTAssertTrue(sigmoid.properties.joined().contains("can shrink the gradient or grow it"))
        // maxout with w2 = 0 is relu: no gradient back to x for x < 0, so it must not claim it always passes one.
        let relu = try ActivationExperiment.profile("maxout", at: [-1], alpha: nil, maxout: .init())
        XCTAssertEqual(relu.points[0].gradient, 0)
        XCTAssertTrue(relu.properties.joined().contains("a 0 slope passes no gradient back"), "\(relu.properties)")
        let leakyish = try ActivationExperiment.profile("maxout", at: [-1], alpha: nil, maxout: .init(w2: 0.01))
        XCTAssertEqual(leakyish.points[0].gradient, 0.01)
        XCTAssertTrue(leakyish.properties.joined().contains("always passes a gradient back"))
        let leaky = try ActivationExperiment.profile("leaky", at: [-1], alpha: nil, maxout: .init())
        XCTAssertEqual(leaky.points[0].gradient, 0.01, "the default slope")
        XCTAssertTrue(leaky.properties.contains { $0.contains("0.01") && $0.contains("0.1x") })
    }
}

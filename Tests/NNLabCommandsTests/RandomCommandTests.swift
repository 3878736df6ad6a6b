import XCTest
import NNLabCore
@testable import NNLabCommands

/// `rand`, `randn`, `randint`, `permutation` against what numpy printed for the same lines
/// (RandomCommandFixtures.swift, written by scripts/make_random_fixtures.py with the numpy code
/// beside each case).
final class RandomCommandTests: XCTestCase {
    /// Each statement's text, rendered at 80 columns.
    func printed(_ line: String) -> [String] {
        var i = Interpreter()
        var out: [String] = []
        for o in i.execute(line: line) {
            switch o {
            case let .success(c, r): if c != "seed" { out.append(r.renderText(TextStyle(color: false, width: 80))) }
            case let .failure(e): XCTFail("`\(line)`: \(e)")
            case .quit: break
            }
        }
        return out
    }

    func testPrintsWhatNumpyPrints() {
        for c in RandomCommandFixtures.cases {
            XCTAssertEqual(printed(c.line), c.printed, "\(c.line) against \(c.numpy)")
        }
    }

    func testRandintAndPermutationDrawNumpysValuesForSeveralSeeds() throws {
        for d in RandomCommandFixtures.draws {
            let r = try result(d.line)
            guard case let .array(a)? = r["values"] else { return XCTFail(d.line) }
            XCTAssertEqual(a, d.values.map { .number(Double($0)) }, "\(d.line) against \(d.numpy)")
        }
    }

    func testJSONCarriesTheNumpyCallAndShape() throws {
        let r = try result("seed 0; randn 2 3")
        XCTAssertEqual(r["numpy"], .string("np.random.randn(2, 3)"))
        XCTAssertEqual(r["shape"], .array([.number(2), .number(3)]))
        XCTAssertEqual(r["values[0]"], .number(1.764052345967664))
        XCTAssertEqual(r["integers"], .bool(false))
    }

    func testRefusesMoreThanNumpyPrintsInFull() throws {
        let m = try XCTUnwrap(errorMessage("randn 40 40"))
        XCTAssertTrue(m.contains("at most 1000"), m)
        XCTAssertTrue(m.contains("e.g. randn 2 3"), m)
        XCTAssertNotNil(errorMessage("rand 1000 1000 1000 1000"), "no overflow trap")
        XCTAssertNotNil(errorMessage("permutation 1001"))
        XCTAssertNotNil(errorMessage("randint 0 10 1001"))
        let empty = try XCTUnwrap(errorMessage("randint 5 5"))
        XCTAssertTrue(empty.contains("LOW < HIGH"), empty)
        XCTAssertNotNil(errorMessage("randint 3 1 2"))
    }

    func testDrawsContinueTheSessionsStream() throws {
        // seed 0: randn 3 then randn 2 continue numpy's stream (the fixtures); an experiment after them
        // starts where they stopped, so the generator is shared, not copied.
        var i = Interpreter()
        _ = i.execute(line: "seed 0; randn 5")
        var fresh = i.context.session.rng
        var reference = NumpyRandom(seed: 0)
        for _ in 0..<5 { _ = reference.randn() }
        XCTAssertEqual(fresh.randn(), reference.randn())
    }

    func testNarrowScreensWrapAsNumpyDoesAtThatWidth() {
        // np.set_printoptions(linewidth=40); np.random.seed(1); print(np.random.randn(6)) prints
        // '[ 1.62434536 -0.61175641 -0.52817175\n -1.07296862  0.86540763 -2.3015387 ]'.
        var i = Interpreter()
        guard case let .success(_, r)? = i.execute(line: "seed 1; randn 6").last else { return XCTFail() }
        XCTAssertEqual(r.renderText(TextStyle(color: false, width: 40)),
                       "[ 1.62434536 -0.61175641 -0.52817175\n -1.07296862  0.86540763 -2.3015387 ]")
    }
}

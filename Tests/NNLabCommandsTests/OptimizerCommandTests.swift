import Foundation
import XCTest
import NNLabCore
@testable import NNLabCommands

/// The optimizer commands through the interpreter: every screen fits 80 and 140 columns, the
/// session keeps the schedule, and the sentences printed agree with the numbers beside them.
final class OptimizerCommandTests: XCTestCase {
    func text(_ line: String, width: Int, wide: Bool = false) throws -> String {
        var i = Interpreter()
        var out = ""
        for o in i.execute(line: line) {
            switch o {
            case let .success(_, r): out = r.renderText(TextStyle(color: false, width: width, wide: wide))
            case let .failure(e): XCTFail("`\(line)` failed: \(e)")
            case .quit: break
            }
        }
        return out
    }

    static let lines = [
        "descend sgd", "descend adam rosenbrock steps=300 width=400", "descend momentum schedule=step steps=40",
        "race", "race all rosenbrock steps=500 every=100", "race sgd momentum saddle steps=60 schedule=exponential",
        "race adam f=\"(x - 1)^2 + 10*(y + 2)^2 + x*y\" from=3,3", "schedule step", "schedule exponential epochs=200",
        "schedule inverse k=0.01 epochs=50", "schedule constant", "newton rosenbrock", "newton saddle", "newton f=\"x+y\"",
        "lbfgs rosenbrock", "lbfgs rosenbrock noise=1 m=3", "lbfgs f=\"(x - 1)^2 + 10*(y + 2)^2 + x*y\" from=3,3",
    ]

    func testEveryScreenFitsItsWidth() throws {
        for line in Self.lines {
            for width in [80, 140] {
                let t = try text(line, width: width)
                XCTAssertFalse(t.isEmpty, line)
                for l in t.split(separator: "\n") {
                    XCTAssertLessThanOrEqual(l.count, width, "`\(line)` at \(width): \(l)")
                }
            }
        }
        // The race's final x and y appear with --wide (and are dropped at 80 without it).
        XCTAssertTrue(try text("race sgd momentum", width: 80, wide: true).contains("final x"))
        XCTAssertFalse(try text("race sgd momentum", width: 80).contains("final x  final y"))
    }

    /// schedule keeps its k and every in the session; descend schedule=step then uses them with the
    /// rule's lr as lr0: SGD on f = x with lr 1, k 0.5 every 2 moves 1, 1, 0.5, 0.5, 0.25: x = -3.25.
    func testScheduleIsKeptAndUsedByDescend() throws {
        var i = Interpreter()
        _ = i.execute(line: "schedule step k=0.5 every=2")
        XCTAssertEqual(i.context.session.settings.schedule.every, 2)
        guard case let .success(c, out)? = i.execute(line: "descend sgd f=\"x\" from=0,0 lr=1 steps=5 tol=0 schedule=step").last else {
            return XCTFail("descend failed")
        }
        let r = try i.resultValue(command: c, output: out)
        XCTAssertEqual(r["final_x"], .number(-3.25))
        _ = i.execute(line: "set schedule inverse")
        XCTAssertEqual(i.context.session.settings.schedule.kind, .inverse)
        XCTAssertEqual(i.context.session.settings.schedule.decay, 0.1, "a new kind takes its own default k")
        XCTAssertNotNil(errorMessage("set schedule sometimes"))
    }

    /// The race's winner line names the rule its table ranks first, with the step in that row.
    func testRaceVerdictIsReadOffTheTable() throws {
        let r = try result("race sgd adam momentum f=\"x^2+y^2\" from=-3,2 steps=400")
        guard case let .array(rows)? = r["ranking"], case let .object(first)? = rows.first else { return XCTFail("no ranking") }
        XCTAssertEqual(r["winner"], first["rule"])
        if case let .number(step)? = first["converged_step"] {
            XCTAssertEqual(r["reason"], .string("first to reach |grad| <= tol, at step \(Int(step))"))
        }
        let t = try text("race sgd adam momentum f=\"x^2+y^2\" from=-3,2 steps=400", width: 80)
        if case let .string(w)? = r["winner"] { XCTAssertTrue(t.contains("winner: \(w),"), t) }
    }

    func testBadInputIsOneClearLine() {
        for line in ["race sgd sgd", "race sgd ravine saddle", "race nosuch", "race all steps=20000", "schedule step k=2",
                     "schedule exponential epochs=0", "newton steps=0", "newton nowhere", "lbfgs m=0", "lbfgs f=\"x+z\"",
                     "newton f=\"log(x)\" from=-1,0", "descend sgd schedule=sometimes", "race sgd from=inf,0", "lbfgs lr=0.1"] {
            guard let e = errorMessage(line) else { XCTFail("`\(line)` should fail"); continue }
            XCTAssertFalse(e.contains("internal"), "\(line): \(e)")
            XCTAssertFalse(e.split(separator: "\n").first?.isEmpty ?? true, line)
        }
    }

    /// save after race writes an SVG with one polyline per rule (a colour each).
    func testRaceFigureHasOnePathPerRule() throws {
        var i = Interpreter()
        _ = i.execute(line: "race sgd momentum adam steps=50")
        let svg = try XCTUnwrap(i.context.session.lastFigure?.svg)
        XCTAssertEqual(svg.components(separatedBy: "<polyline").count - 1, 3)
        for c in ["#1f77b4", "#ff7f0e", "#2ca02c"] { XCTAssertTrue(svg.contains(c), c) }
    }
}

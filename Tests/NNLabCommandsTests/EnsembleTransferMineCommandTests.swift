import XCTest
import NNLabCore
import NNLabExperiments
@testable import NNLabCommands

/// `ensemble`, `transfer` and `mine` as a user meets them: every screen within the width, bad
/// input as one clear line that leaves the session as it was.
final class EnsembleTransferMineCommandTests: XCTestCase {
    static let digits = Result { try NNLabExperiments.Dataset.digits() }

    func session() throws -> Interpreter {
        var i = Interpreter()
        i.context.session.data = try Self.digits.get()
        guard case .success = i.execute(statement: "model 64-30-10 act=relu") else { XCTFail("model failed"); return i }
        return i
    }

    func testScreensFitTheWidth() throws {
        for line in ["ensemble n=2 epochs=2", "ensemble checkpoints epochs=3 k=2", "ensemble polyak epochs=3 k=2 beta=0.9",
                     "transfer shots=1,5 epochs=5 pretrain=2", "mine top=12 epochs=2 show=6"] {
            var i = try session()
            guard case let .success(_, out) = i.execute(statement: line) else { XCTFail("\(line) failed"); continue }
            for width in [80, 140] {
                for style in [TextStyle(width: width), TextStyle(width: width, wide: true)] {
                    let text = out.renderText(style)
                    XCTAssertFalse(text.isEmpty)
                    for l in text.split(separator: "\n") { XCTAssertLessThanOrEqual(l.count, width, "\(line) at \(width): \(l)") }
                }
            }
        }
    }

    func testVerdictsComeFromTheNumbers() throws {
        var i = try session()
        guard case let .success(name, out) = i.execute(statement: "ensemble n=3 epochs=3"),
              case let .object(o) = try i.resultValue(command: name, output: out),
              case let .number(gain)? = o["gain_over_mean"] else { return XCTFail("ensemble failed") }
        let text = out.renderText(.plain).replacingOccurrences(of: "\n  ", with: " ")
        let points = String(format: "%+.1f", 100 * gain)
        XCTAssertTrue(text.contains("Gain over the mean model: \(points) points"), text)
        XCTAssertTrue(text.contains(gain >= 0.02 ? "as large as the lecture's" : (gain > 0 ? "smaller than the lecture's" : (gain == 0 ? "no gain" : "did worse"))), text)

        guard case let .success(n2, out2) = i.execute(statement: "mine top=10 epochs=3"),
              case let .object(m) = try i.resultValue(command: n2, output: out2),
              case let .number(change)? = m["val_change"] else { return XCTFail("mine failed") }
        let mt = out2.renderText(.plain).replacingOccurrences(of: "\n  ", with: " ")
        XCTAssertTrue(mt.contains(change >= 0.01 ? "Mining helped" : (change <= -0.01 ? "Mining hurt" : "Mining did not help")), mt)
        if case let .array(hard)? = m["hard"] { XCTAssertEqual(hard.count, 10) } else { XCTFail("no hard list") }
    }

    func testBadInputIsOneLineAndLeavesTheSession() throws {
        var i = try session()
        let before = i.session.model?.network.parameters
        let seed = i.session.rng
        let cases: [(String, String)] = [
            ("ensemble checkpoints n=3", "ensemble checkpoints does not use n=, which is for ensemble models only"),
            ("ensemble n=3 k=2", "does not use k=, which is for ensemble checkpoints or ensemble polyak only"),
            ("ensemble checkpoints epochs=3 k=5", "need at least 5 epochs"),
            ("ensemble n=1", "n"),
            ("ensemble polyak beta=1", "beta"),
            ("transfer shots=10,5", "must rise"),
            ("transfer shots=0", "not a whole number from 1"),
            ("transfer shots=1,,5", "not a whole number"),
            ("transfer shots=x", "not a whole number"),
            ("transfer shots=100000", "not a whole number from 1 to"),
            ("transfer shots=1,2,3,4,5,6,7,8,9,10,11,12,13", "at most 12"),
            ("transfer ft=2", "ft"),
            ("mine top=501", "from 1 to 500"),
            ("mine top=0", "top"),
            ("mine extra=0", "extra"),
        ]
        for (line, part) in cases {
            guard case let .failure(e) = i.execute(statement: line) else { XCTFail("\(line) should fail"); continue }
            XCTAssertTrue(e.description.contains(part), "\(line): \(e)")
            XCTAssertFalse(e.description.contains("\n"), "\(line): \(e)")
        }
        XCTAssertEqual(i.session.model?.network.parameters, before)
        var now = i.session.rng, then = seed
        XCTAssertEqual(now.nextUInt32(), then.nextUInt32(), "a refused command draws nothing")
        var empty = Interpreter()
        for c in ["ensemble", "transfer", "mine"] {
            guard case let .failure(e) = empty.execute(statement: c) else { XCTFail("\(c) without data should fail"); continue }
            XCTAssertTrue(e.description.contains("no data loaded"), e.description)
        }
        var big = Interpreter()
        big.context.session.data = try Self.digits.get()
        _ = big.execute(statement: "model 64-1000-1000-10")
        for line in ["ensemble n=20 epochs=200", "ensemble checkpoints epochs=200", "transfer epochs=500 shots=1,5,10,50", "mine epochs=200"] {
            guard case let .failure(e) = big.execute(statement: line) else { XCTFail("\(line) should be refused up front"); continue }
            XCTAssertTrue(e.description.contains("multiply-adds"), e.description)
        }
        var points = Interpreter()
        _ = points.execute(line: "data blobs n=10 classes=2; model 2-5-2")
        guard case let .failure(e) = points.execute(statement: "transfer") else { return XCTFail("transfer on 2 classes should fail") }
        XCTAssertTrue(e.description.contains("4 or more"), e.description)
        guard case let .failure(e2) = points.execute(statement: "mine top=500") else { return XCTFail("mine top=500 on a few points should fail") }
        XCTAssertTrue(e2.description.contains("would mark every one of the"), e2.description)
    }
}

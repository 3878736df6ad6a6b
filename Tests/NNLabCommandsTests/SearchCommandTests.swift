import Foundation
import XCTest
import NNLabCore
import NNLabExperiments
@testable import NNLabCommands

/// `search` through the interpreter on the digits: the lecture's lines in trial order, the same
/// lines after the same seed, a best that is the best of the printed lines, refine inside the ranges.
final class SearchCommandTests: XCTestCase {
    let h = TrainHarness()

    func testLinesAreTheLecturesAndRepeatAfterTheSameSeed() throws {
        var outputs: [[String]] = []
        for _ in 0..<2 {
            let capture = TrainCommandTests.Capture()
            var i = try h.interpreter(capture)
            _ = try h.run(&i, "seed 1; model 64-100-10 act=relu")
            let (r, text) = try h.run(&i, "search trials=6 epochs=2")
            let lines = capture.lock.withLock { capture.lines }
            XCTAssertEqual(lines.count, 6, lines.joined(separator: "\n"))
            for (k, line) in lines.enumerated() {
                XCTAssertNotNil(line.range(of: #"^val_acc: \d\.\d{6}, lr: \d\.\d{6}e[+-]\d\d, reg: \d\.\d{6}e[+-]\d\d, \(\#(k + 1) / 6\)"#, options: .regularExpression), line)
            }
            // The best printed is the highest val_acc among the lines.
            let accs = lines.compactMap { Double($0.dropFirst("val_acc: ".count).prefix(8)) }
            guard case let .number(best)? = r["best.val_acc"] else { return XCTFail("no best in \(r)") }
            XCTAssertEqual(best, accs.max() ?? -1, accuracy: 5e-7)
            XCTAssertTrue(text.contains("best: val_acc"), text)
            XCTAssertTrue(text.split(separator: "\n").allSatisfy { $0.count <= 80 }, text)
            outputs.append(lines)
            let (f, ftext) = try h.run(&i, "search refine trials=3 epochs=1")
            guard case let .number(lo)? = f["ranges[0].low"], case let .number(hi)? = f["ranges[0].high"] else { return XCTFail("\(f)") }
            XCTAssertTrue(1e-3 <= lo && lo < hi && hi <= 1e1, ftext)
        }
        XCTAssertEqual(outputs[0], outputs[1], "seed 1; search prints the same lines every time")
    }

    func testCompareCountsDistinctLearningRates() throws {
        var i = try h.interpreter(nil)
        _ = try h.run(&i, "model 64-100-10 act=relu")
        let (r, text) = try h.run(&i, "search compare trials=4 epochs=1")
        XCTAssertEqual(r["random.trials"].map { if case let .array(a) = $0 { a.count } else { -1 } }, 4)
        XCTAssertTrue(text.contains("4 distinct learning rates"), text)
        XCTAssertTrue(text.contains("2 distinct learning rates"), text)  // a 2 x 2 grid
    }

    func testBadInputGetsOneLine() throws {
        var i = try h.interpreter(nil)
        XCTAssertTrue(h.error(&i, "search")?.contains("no model yet") ?? false)
        _ = try h.run(&i, "model 64-100-10")
        XCTAssertTrue(h.error(&i, "search lr=1e-3..1e-6")?.contains("below the high end") ?? false)
        XCTAssertTrue(h.error(&i, "search lr=abc")?.contains("LOW..HIGH") ?? false)
        XCTAssertTrue(h.error(&i, "search refine")?.contains("there is none yet") ?? false)
        XCTAssertTrue(h.error(&i, "search compare reg=1e-3..1") != nil)
    }
}

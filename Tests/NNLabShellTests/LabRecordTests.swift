import Foundation
import XCTest
import NNLabCommands
@testable import NNLabShell

/// Record mode (`nnlab run --record`), the narration `run` shows, and the summary's counts when a
/// command fails part way. Expected values are worked by hand: conv 32x32x3 5 1 2 10 gives
/// (32 - 5 + 2*2)/1 + 1 = 32, volume 32x32x10, (5*5*3 + 1)*10 = 760 parameters.
final class LabRecordTests: XCTestCase {
    func record(_ text: String, tag: String = "rec") throws -> (before: String, after: String, outcome: LabRecorder.Outcome, path: String) {
        let dir = try temporaryFolder(tag)
        let path = dir.appendingPathComponent("t.lab").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        var i = Interpreter()
        let runner = LabRunner(mode: .quiet, printer: Printer(out: BufferSink(), err: BufferSink()))
        let outcome = try LabRecorder.record(path: path, runner: runner, interpreter: &i)
        return (text, try String(contentsOfFile: path, encoding: .utf8), outcome, path)
    }

    func testRecordChangesExactlyTheStaleLinesAndNeverAnExpect() throws {
        let lab = """
            # a lab with stale expectations\r
            conv 32x32x3 5 1 2 10\r
            expect params == 761\r
              expect-output "output volume  32x32x12"\r
            expect-output ~ "= 760"\r
            expect-output ~ "x 10 = 770"\r
            expect-output /x 10 = 9[0-9]+/\r
            expect-output "nothing like any line"\r

            """
        let r = try record(lab)
        defer { try? FileManager.default.removeItem(atPath: (r.path as NSString).deletingLastPathComponent) }
        // Line 4 (the whole line, indentation kept) and line 6 (the part: as many words as before).
        XCTAssertEqual(r.outcome.changed, [4, 6])
        var want = lab.components(separatedBy: "\r\n")
        want[3] = "  expect-output \"output volume  32x32x10\""
        want[5] = "expect-output ~ \"x 10 = 760\""
        XCTAssertEqual(r.after, want.joined(separator: "\r\n"), "only those lines change, CRLF kept")
        // The value check still fails (761 is not 760), as do the regex and the unmatched line.
        XCTAssertEqual(r.outcome.report.failures.count, 3, "\(r.outcome.report.failures)")
        XCTAssertTrue(r.outcome.report.failures[0].hasSuffix("t.lab:3: expected params == 761, got 760"), r.outcome.report.failures[0])
        XCTAssertTrue(r.outcome.report.failures[1].contains("regular expression"), r.outcome.report.failures[1])
        XCTAssertTrue(r.outcome.report.failures[2].contains("no printed line starts like"), r.outcome.report.failures[2])

        // A second record finds the rewritten lines holding: nothing is written.
        var i = Interpreter()
        let runner = LabRunner(mode: .quiet, printer: Printer(out: BufferSink(), err: BufferSink()))
        let second = try LabRecorder.record(path: r.path, runner: runner, interpreter: &i)
        XCTAssertEqual(second.changed, [])
        XCTAssertNil(second.written)
        XCTAssertEqual(try String(contentsOfFile: r.path, encoding: .utf8), r.after)
    }

    func testRecordingAHoldingLabIsANoOp() throws {
        let lab = "conv 32x32x3 5 1 2 10\nexpect params == 760\nexpect-output \"output volume  32x32x10\"\n"
        let r = try record(lab, tag: "noop")
        defer { try? FileManager.default.removeItem(atPath: (r.path as NSString).deletingLastPathComponent) }
        XCTAssertEqual(r.after, r.before)
        XCTAssertNil(r.outcome.written)
        XCTAssertEqual(r.outcome.report.failures, [])
        XCTAssertEqual(r.outcome.report.passedChecks, 2)
    }

    func run(_ text: String, mode: LabRunner.Mode = .quiet) throws -> (LabRunner.Report, String) {
        var i = Interpreter()
        let out = BufferSink()
        let report = LabRunner(mode: mode, printer: Printer(out: out, err: BufferSink())).run(try LabScript.parse(text, path: "t.lab"), interpreter: &i)
        return (report, out.text)
    }

    /// Two checks ran and passed; the two after the failing command could not run, and the
    /// summary says so instead of counting them as checks that failed.
    func testSummaryCountsOnlyTheChecksThatRan() throws {
        let (r, _) = try run("""
            conv 32 5
            expect out == 28
            expect-output ~ "28"
            conv 32 0
            expect out == 28
            expect volume == "28x28"
            """)
        XCTAssertEqual(r.checks, 2)
        XCTAssertEqual(r.passedChecks, 2)
        XCTAssertEqual(r.notRun, 2)
        XCTAssertFalse(r.passed)
        XCTAssertEqual(r.summary, "2 of 2 checks passed; 2 not run (a command before them failed or was interrupted)")
    }

    /// A line of two statements whose second fails leaves no result: the check after it must not
    /// read the first statement's (conv 32 5 gives 28, which would have passed).
    func testAFailingSecondStatementLeavesNoResult() throws {
        let (r, _) = try run("conv 32 5; conv 32 0\nexpect out == 28\n")
        XCTAssertEqual(r.checks, 0)
        XCTAssertEqual(r.notRun, 1)
        XCTAssertEqual(r.passedChecks, 0)
    }

    func testRunShowsNarrationAndQuietRunsSkipIt() throws {
        let lab = "# The first example.\nconv 32 5\n## the second, a longer line that wraps when the width is eighty columns: two lines of it\nexpect out == 28\n"
        let (echoed, text) = try run(lab, mode: .echo)
        XCTAssertEqual(echoed.failures, [])
        let lines = text.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "# The first example.")
        XCTAssertEqual(lines[1], "nnlab> conv 32 5")
        let narration = lines.filter { $0.hasPrefix("# ") }
        XCTAssertEqual(narration.count, 3, text)
        XCTAssertTrue(lines.allSatisfy { $0.count <= 80 }, text)
        XCTAssertEqual(narration[1...].joined(separator: " ").replacingOccurrences(of: "# ", with: ""),
                       "the second, a longer line that wraps when the width is eighty columns: two lines of it")
        let (_, quiet) = try run(lab)
        XCTAssertEqual(quiet, "")
    }
}

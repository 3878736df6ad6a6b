import XCTest
import NNLabCommands
@testable import NNLabShell

final class LabScriptTests: XCTestCase {
    func run(_ text: String) -> LabRunner.Report {
        var i = Interpreter()
        let script: LabScript
        do { script = try LabScript.parse(text, path: "t.lab") } catch { return LabRunner.Report(path: "t.lab", failures: ["\(error)"]) }
        return LabRunner(mode: .quiet, printer: Printer(out: BufferSink(), err: BufferSink())).run(script, interpreter: &i)
    }

    func testPassingChecks() {
        let r = run("""
            # comment
            conv 32x32x3 5 1 2 10
            expect params == 760
            expect params != 761
            expect params >= 760
            expect params < 1000
            expect volume == "32x32x10"
            expect volume == 32x32x10
            expect fits == true
            expect out_exact ~ 32.001 0.01
            expect params ≈ 770 2%
            expect sizes[0] == 32
            expect-output "output volume  32x32x10"
            expect-output ~ "760"
            expect-output /x 10 = 76[0-9]/
            expect-error conv 32 0
            pause
            """)
        XCTAssertEqual(r.failures, [])
        XCTAssertEqual(r.checks, 14)
    }

    func testFailuresNameFileLineExpectedAndGot() {
        let r = run("""
            conv 32 5 1 2

            expect out == 31
            expect nosuch == 1
            expect-error conv 32 5
            expect-output "nothing like this"
            conv 32 0
            expect out == 32
            """)
        XCTAssertEqual(r.failures.count, 6, "\(r.failures)")
        XCTAssertEqual(r.failures[0], "t.lab:3: expected out == 31, got 32")
        XCTAssertTrue(r.failures[1].hasPrefix("t.lab:4: expected nosuch == 1, but the result has no field 'nosuch'"), r.failures[1])
        XCTAssertTrue(r.failures[2].hasPrefix("t.lab:5: expected `conv 32 5` to fail"), r.failures[2])
        XCTAssertTrue(r.failures[3].hasPrefix("t.lab:6: expected output a line \"nothing like this\""), r.failures[3])
        XCTAssertTrue(r.failures[4].hasPrefix("t.lab:7: `conv 32 0` failed: conv: F must be positive"), r.failures[4])
        XCTAssertTrue(r.failures[5].hasPrefix("t.lab:8: expected out == 32, but `conv 32 0` gave no result"), r.failures[5])
    }

    func testMalformedChecksAreParseErrorsWithALine() {
        for (text, fragment) in [("expect out", "expect takes FIELD OP VALUE"), ("expect out => 3", "unknown comparison"),
                                 ("expect out ~ 3", "needs a tolerance"), ("expect out == 3 0.1", "goes with ~"),
                                 ("expect volume < \"a\"", "== or != only"), ("expect-output nope", "expect-output takes"),
                                 ("expect a..b == 1", "bad field path"), ("expect-error", "needs a command")] {
            XCTAssertThrowsError(try LabScript.parse("seed 0\n" + text, path: "t.lab"), text) { e in
                XCTAssertTrue("\(e)".hasPrefix("t.lab:2: "), "\(e)")
                XCTAssertTrue("\(e)".contains(fragment), "\(text): \(e)")
            }
        }
    }

    func testLabFilesInFolders() {
        let (files, missing) = LabRunner.labFiles(in: [packageRoot + "/labs", "/no/such/dir"])
        XCTAssertTrue(files.contains { $0.hasSuffix("conv-arithmetic.lab") })
        XCTAssertEqual(missing, ["/no/such/dir"])
        var i = Interpreter()
        let r = LabRunner(mode: .quiet, printer: Printer(out: BufferSink(), err: BufferSink())).run(path: "/no/such.lab", interpreter: &i)
        XCTAssertFalse(r.passed)
    }

    func testEchoModeShowsPromptOutputAndChecks() {
        let out = BufferSink(), err = BufferSink()
        var i = Interpreter()
        let script = try! LabScript.parse("conv 7 3 2\nexpect out == 3\n", path: "t.lab")
        _ = LabRunner(mode: .echo, printer: Printer(out: out, err: err)).run(script, interpreter: &i)
        XCTAssertTrue(out.text.hasPrefix("nnlab> conv 7 3 2\nconv on 7x7"), out.text)
        XCTAssertTrue(out.text.contains("  ok: expect out == 3"), out.text)
        XCTAssertEqual(err.text, "")
    }
}

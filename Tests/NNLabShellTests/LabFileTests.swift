import Foundation
import XCTest
import NNLabCommands
@testable import NNLabShell

/// Issue 10 items 10, 11, 19-20 (lab files) and issue 9 §6 (`expect-error` names its message).
final class LabFileTests: XCTestCase {
    var dir = ""
    let fm = FileManager.default

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "nnlab-labfile-\(UUID().uuidString)"
        try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? fm.removeItem(atPath: dir) }

    func runFile(_ path: String) -> LabRunner.Report {
        var i = Interpreter()
        return LabRunner(mode: .quiet, printer: Printer(out: BufferSink(), err: BufferSink())).run(path: path, interpreter: &i)
    }
    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let p = dir + "/" + name
        fm.createFile(atPath: p, contents: Data(bytes))
        return p
    }

    func testCRLFLabIsReadLineByLineAndItsFailingCheckFails() {
        let p = write("crlf.lab", Array("# my lab\r\nconv 32x32x3 5 1 2 10\r\nexpect params == 999\r\n".utf8))
        let r = runFile(p)
        XCTAssertEqual(r.checks, 1)
        XCTAssertEqual(r.failures, ["\(p):3: expected params == 999, got 760"])  // 5*5*3*10 + 10 = 760
    }

    func testLabWithNoChecksIsNotAPass() {
        let p = write("none.lab", Array("conv 32 5 1 2\n".utf8))
        let r = runFile(p)
        XCTAssertFalse(r.passed)
        XCTAssertEqual(r.checks, 0)
        XCTAssertTrue(r.failures[0].contains("no checks"), r.failures[0])
    }

    func testMissingFolderBinaryFIFOAndNonUTF8LabsSayWhy() throws {
        XCTAssertTrue(runFile(dir + "/missing.lab").failures[0].contains("no such lab file"))
        try fm.createDirectory(atPath: dir + "/x.lab", withIntermediateDirectories: true)
        XCTAssertTrue(runFile(dir + "/x.lab").failures[0].contains("is a folder"))
        XCTAssertTrue(runFile(write("bin.lab", [0x7f, 0x45, 0x4c, 0x46, 0, 1])).failures[0].contains("binary"))
        XCTAssertTrue(runFile(write("latin1.lab", [0x63, 0x6f, 0x6e, 0x76, 0xe9, 0x0a])).failures[0].contains("not UTF-8"))
        XCTAssertEqual(mkfifo(dir + "/fifo.lab", 0o600), 0)
        XCTAssertTrue(runFile(dir + "/fifo.lab").failures[0].contains("FIFO"), "a FIFO is refused, not opened (which would hang)")
        try fm.createSymbolicLink(atPath: dir + "/loop.lab", withDestinationPath: dir + "/loop.lab")
        XCTAssertTrue(runFile(dir + "/loop.lab").failures[0].contains("loop"))
    }

    func testUnclosedQuoteInExpectIsAParseError() {
        let p = write("q.lab", Array("conv 32x32x3 5 1 2 10\nexpect volume == \"32x32x10\n".utf8))
        let r = runFile(p)
        XCTAssertEqual(r.failures.count, 1)
        XCTAssertTrue(r.failures[0].hasPrefix("\(p):2: the text \"32x32x10 has no closing \""), r.failures[0])
    }

    func runText(_ text: String) -> LabRunner.Report {
        runFile(write("t.lab", Array(text.utf8)))
    }

    func testExpectErrorWithAMessagePart() {
        XCTAssertEqual(runText("expect-error \"must be positive\" conv 32 0\n").failures, [])
        let wrong = runText("expect-error \"must be odd\" conv 32 0\n")
        XCTAssertEqual(wrong.failures.count, 1)
        XCTAssertTrue(wrong.failures[0].contains("to fail with \"must be odd\", got:"), wrong.failures[0])
    }

    func testUnknownCommandFailsAnExpectErrorUnlessAskedFor() {
        let typo = runText("expect-error dropuot 0\n")
        XCTAssertEqual(typo.failures.count, 1)
        XCTAssertTrue(typo.failures[0].contains("does not exist"), typo.failures[0])
        XCTAssertEqual(runText("expect-error \"unknown command\" dropuot 0\n").failures, [])
    }
}

import Foundation
import XCTest
import NNLabCommands
@testable import NNLabShell

/// Documentation that cannot rot: every note's "try it" commands run as a lab, with the checks the
/// note keeps beside its blocks; README's transcript runs and prints what it shows; README's lab
/// example is a lab that passes.
final class DocumentationTests: XCTestCase {
    /// A note as a lab: each block's commands, then its checks (which apply to the block's last command).
    static func lab(of lecture: Lecture) -> String {
        lecture.tryIt.map { ($0.commands + $0.checks).joined(separator: "\n") }.joined(separator: "\n")
    }

    func testEveryTryItCommandRunsAndItsChecksHold() throws {
        // Notes may write files (`save path.svg`): run them in a scratch folder.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("nnlab-notes-\(getpid())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let previous = FileManager.default.currentDirectoryPath
        _ = FileManager.default.changeCurrentDirectoryPath(scratch.path)
        defer {
            _ = FileManager.default.changeCurrentDirectoryPath(previous)
            try? FileManager.default.removeItem(at: scratch)
        }
        var checks = 0
        for l in Lecture.all {
            let script = try LabScript.parse(Self.lab(of: l), path: "lectures/\(l.name).md")
            var interpreter = Interpreter()
            let report = LabRunner(mode: .quiet, printer: Printer(out: BufferSink(), err: BufferSink())).run(script, interpreter: &interpreter)
            // A note need not carry checks (a lab without any fails): then its commands must all succeed.
            let noChecks = l.tryIt.allSatisfy(\.checks.isEmpty)
            for f in report.failures where !(noChecks && f.contains("no checks")) { XCTFail(f) }
            XCTAssertEqual(report.checks, l.tryIt.map(\.checks.count).reduce(0, +), "\(l.name): every check ran")
            checks += report.checks
        }
        XCTAssertGreaterThan(checks, 0, "some note carries checks")
    }

    static func readme() throws -> [String] {
        try String(contentsOfFile: packageRoot + "/README.md", encoding: .utf8).components(separatedBy: "\n")
    }

    /// The fenced blocks of README: (info string, lines).
    static func blocks(_ lines: [String]) -> [(info: String, lines: [String])] {
        var out: [(String, [String])] = []
        var current: (String, [String])?
        for l in lines {
            if l.hasPrefix("```") {
                if let c = current { out.append(c); current = nil } else { current = (String(l.dropFirst(3)), []) }
            } else if current != nil {
                current?.1.append(l)
            }
        }
        return out
    }

    /// Each `nnlab> ` line of README's transcript runs, in one session, and prints the lines shown
    /// under it (an error included): the transcript may stop early, but not differ.
    func testReadmeTranscriptRunsAsShown() throws {
        var interpreter = Interpreter()
        let printer = Printer(out: BufferSink(), err: BufferSink(), style: TextStyle(width: 80))
        var ran = 0
        for block in Self.blocks(try Self.readme()) where block.lines.contains(where: { $0.hasPrefix("nnlab> ") }) {
            var k = 0
            while k < block.lines.count {
                guard block.lines[k].hasPrefix("nnlab> ") else { k += 1; continue }
                let command = String(block.lines[k].dropFirst("nnlab> ".count))
                var shown: [String] = []
                k += 1
                while k < block.lines.count, !block.lines[k].hasPrefix("nnlab> ") { shown.append(block.lines[k]); k += 1 }
                let outcomes = interpreter.execute(line: command)
                let printed = outcomes.map { printer.text(of: $0) }.joined(separator: "\n").components(separatedBy: "\n")
                let expectError = shown.first?.hasPrefix("error:") == true
                XCTAssertEqual(outcomes.contains(where: \.isFailure), expectError, "README: `\(command)`")
                XCTAssertEqual(Array(printed.prefix(shown.count)), shown, "README: `\(command)` prints other lines than the transcript shows")
                ran += 1
            }
        }
        XCTAssertGreaterThanOrEqual(ran, 4)
    }

    /// Every `nnlab -c "..."` line in README's shell blocks runs and succeeds.
    func testReadmeCommandLinesRun() throws {
        var ran = 0
        for block in Self.blocks(try Self.readme()) where block.info == "sh" {
            for line in block.lines {
                guard let start = line.range(of: "-c \""), line.trimmingCharacters(in: .whitespaces).hasPrefix("nnlab") else { continue }
                let rest = line[start.upperBound...]
                guard let end = rest.firstIndex(of: "\"") else { continue }
                let commands = String(rest[..<end])
                var interpreter = Interpreter()
                for o in interpreter.execute(line: commands) {
                    if case let .failure(e) = o { XCTFail("README: `\(commands)` failed: \(e)") }
                }
                ran += 1
            }
        }
        XCTAssertGreaterThanOrEqual(ran, 3)
    }

    /// README's "Writing a lab" example is a lab that passes.
    func testReadmeLabExamplePasses() throws {
        let block = try XCTUnwrap(Self.blocks(try Self.readme()).first { $0.lines.first?.hasPrefix("# comments (on lines of their own)") == true })
        let script = try LabScript.parse(block.lines.joined(separator: "\n"), path: "README.md")
        var interpreter = Interpreter()
        let report = LabRunner(mode: .quiet, printer: Printer(out: BufferSink(), err: BufferSink())).run(script, interpreter: &interpreter)
        XCTAssertGreaterThan(report.checks, 5)
        for f in report.failures { XCTFail(f) }
    }

    func testPagerPausesPerScreen() {
        let pager = Pager(height: 5, style: .plain)
        let text = (1...12).map { "line \($0)" }.joined(separator: "\n")
        var keys: [Pager.Key] = [.line, .screen, .quit]
        let out = BufferSink()
        let shown = pager.show(text, to: out) { keys.removeFirst() }
        XCTAssertEqual(shown, 4 + 1 + 4, "a screen of 4 (one row is the prompt), a line, a screen, then q")
        XCTAssertTrue(out.text.contains("line 9\n"))
        XCTAssertFalse(out.text.contains("line 10"))
        XCTAssertTrue(out.text.contains("-- line 4 of 12: space next screen, Enter one line, q quit --"))
        // Text that fits is printed at once, with no prompt and no key read.
        let short = BufferSink()
        XCTAssertEqual(pager.show("a\nb", to: short) { XCTFail("no key for a short text"); return .quit }, 2)
        XCTAssertEqual(short.text, "a\nb\n")
        // Space to the end: every line, and no prompt left behind after the last.
        let all = BufferSink()
        XCTAssertEqual(pager.show(text, to: all) { .screen }, 12)
        XCTAssertTrue(all.text.hasSuffix("line 12\n"))
    }
}

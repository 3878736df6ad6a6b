import Foundation
import XCTest
@testable import NNLabShell

/// Issue 10 items 9, 13 and 16: a failing standard output ends nnlab with one message; every line
/// of --json output is one JSON object; a backtracking regular expression in a lab is bounded.
final class OutputFailureTests: XCTestCase {
    var binary: String { packageRoot + "/.build/debug/nnlab" }

    func run(_ args: [String], stdout: Any) throws -> (err: String, status: Int32, seconds: Double) {
        guard FileManager.default.isExecutableFile(atPath: binary) else { throw XCTSkip("run `swift build` first") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: packageRoot)
        var e = ProcessInfo.processInfo.environment
        e["NNLAB_HISTORY"] = ""
        p.environment = e
        let er = Pipe()
        p.standardOutput = stdout; p.standardError = er; p.standardInput = FileHandle.nullDevice
        let start = Date()
        try p.run()
        let ed = er.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (String(decoding: ed, as: UTF8.self), p.terminationStatus, Date().timeIntervalSince(start))
    }

    func testFullDeviceAndClosedPipeEndWithOneMessage() throws {
        guard let full = FileHandle(forWritingAtPath: "/dev/full") else { throw XCTSkip("no /dev/full") }
        for args in [["-c", "conv 32 5 1 2"], ["check", "labs/conv-arithmetic.lab"], ["--json", "-c", "conv 32 5 1 2"]] {
            let r = try run(args, stdout: full)
            XCTAssertEqual(r.status, 1, "\(args)")
            XCTAssertEqual(r.err, "nnlab: cannot write to standard output: no space left on device; stopping\n", "\(args)")
        }
        // `| head -0`: the reader is gone before nnlab writes.
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        let r = try run(["-c", "conv 32 5 1 2; conv 7 3"], stdout: pipe)
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.err, "nnlab: cannot write to standard output: broken pipe; stopping\n")
        XCTAssertLessThan(r.seconds, 30, "no hang")
    }

    /// The exercises subcommands write through the same checked writer: `exercises release` (no
    /// build; it prints one line after writing the copy) into a full device or a closed pipe ends
    /// with status 1 and the one line, not a silent 0.
    func testExercisesReleaseReportsAFailedStandardOutput() throws {
        guard let full = FileHandle(forWritingAtPath: "/dev/full") else { throw XCTSkip("no /dev/full") }
        let root = NSTemporaryDirectory() + "nnlab-release-out-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let r = try run(["exercises", "release", root + "/full"], stdout: full)
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.err, "nnlab: cannot write to standard output: no space left on device; stopping\n")
        XCTAssertTrue(FileManager.default.fileExists(atPath: root + "/full/Package.swift"), "the copy is written before the line that fails")
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        let p = try run(["exercises", "release", root + "/pipe"], stdout: pipe)
        XCTAssertEqual(p.status, 1)
        XCTAssertEqual(p.err, "nnlab: cannot write to standard output: broken pipe; stopping\n")
        // The same command with a working output says what it wrote and ends with 0.
        let ok = Pipe()
        let good = try run(["exercises", "release", root + "/ok"], stdout: ok)
        XCTAssertEqual(good.status, 0, good.err)
        XCTAssertEqual(good.err, "")
        let said = String(decoding: ok.fileHandleForReading.availableData, as: UTF8.self)  // the child has ended: all it wrote
        XCTAssertTrue(said.hasPrefix("wrote ") && said.hasSuffix("(see its README.md)\n"), said)
    }

    func lines(_ args: [String]) throws -> [[String: Any]] {
        guard FileManager.default.isExecutableFile(atPath: binary) else { throw XCTSkip("run `swift build` first") }
        let out = Pipe()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: packageRoot)
        p.environment = ProcessInfo.processInfo.environment.merging(["NNLAB_HISTORY": ""]) { $1 }
        p.standardOutput = out; p.standardError = FileHandle.nullDevice; p.standardInput = FileHandle.nullDevice
        try p.run()
        let d = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: d, as: UTF8.self)
        XCTAssertFalse(text.isEmpty, "\(args)")
        return try text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { line in
            guard let o = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                XCTFail("not a JSON object under --json \(args): \(line)")
                return [:]
            }
            XCTAssertNotNil(o["type"] ?? o["command"], "\(args): \(line)")
            return o
        }
    }

    func testJSONOutputIsOnlyJSONLines() throws {
        // Results, streamed records, progress and errors from -c.
        let c = try lines(["--json", "-c", "conv 32 5 1 2; nonsense; descend sgd steps=5; dropout 0.5; init xavier layers=2 width=5 batch=5; help conv; show"])
        XCTAssertGreaterThanOrEqual(c.count, 7)
        // A lab run: checks and a summary instead of echoes and "ok:" text.
        let run = try lines(["--json", "run", "labs/conv-arithmetic.lab"])
        let checks = run.filter { $0["type"] as? String == "check" }
        XCTAssertFalse(checks.isEmpty)
        XCTAssertTrue(checks.allSatisfy { $0["passed"] as? Bool == true })
        XCTAssertEqual(run.last?["type"] as? String, "summary")
        XCTAssertEqual(run.last?["checks"] as? Int, checks.count, "the summary counts the checks it streamed")
        // check: one object per lab and a summary, also for a failing lab.
        let lab = NSTemporaryDirectory() + "nnlab-json-\(UUID().uuidString).lab"
        try "conv 7 3\nexpect out == 6\n".write(toFile: lab, atomically: true, encoding: .utf8)  // (7-3)/1+1 = 5
        defer { try? FileManager.default.removeItem(atPath: lab) }
        let check = try lines(["--json", "check", "labs/conv-arithmetic.lab", lab])
        XCTAssertEqual(check.map { $0["type"] as? String }, ["lab", "lab", "summary"])
        XCTAssertEqual(check[1]["passed"] as? Bool, false)
        XCTAssertEqual(check[2]["passed"] as? Int, 1)
        XCTAssertEqual(check[2]["failed"] as? Int, 1)
        let failedRun = try lines(["--json", "run", lab])
        XCTAssertEqual(failedRun.first { $0["type"] as? String == "check" }?["passed"] as? Bool, false)
    }

    /// (a+a+)+b against 40 a's backtracks through about 2^40 ways to split them: bounded at
    /// `regexSeconds`, it gives up and says so instead of running for hours.
    func testBacktrackingRegexIsBounded() throws {
        let re = try NSRegularExpression(pattern: "(a+a+)+b")
        let start = Date()
        XCTAssertNil(LabRunner.matches(re, String(repeating: "a", count: 40), deadline: LiveChannelClock.now() + 0.3))
        XCTAssertLessThan(Date().timeIntervalSince(start), 3)
        XCTAssertEqual(LabRunner.matches(re, "aab", deadline: LiveChannelClock.now() + 5), true)
        XCTAssertEqual(LabRunner.matches(try NSRegularExpression(pattern: "^b"), "ab", deadline: LiveChannelClock.now() + 5), false)
    }
}

enum LiveChannelClock { static func now() -> Double { LiveChannel.seconds() } }

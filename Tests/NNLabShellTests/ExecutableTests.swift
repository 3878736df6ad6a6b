import Foundation
import XCTest

/// The `nnlab` binary end to end: -c, piped input, --json, check, exit statuses.
/// Needs `swift build` first (the README's test command does it); skipped otherwise.
final class ExecutableTests: XCTestCase {
    var binary: String { nnlabBinary }

    func nnlab(_ args: [String], input: String? = nil, env: [String: String] = [:]) throws -> (out: String, err: String, status: Int32) {
        guard FileManager.default.isExecutableFile(atPath: binary) else { throw XCTSkip("run `swift build` first: \(binary) is missing") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: packageRoot)
        var e = ProcessInfo.processInfo.environment
        e["NNLAB_HISTORY"] = ""
        for (k, v) in env { e[k] = v }
        p.environment = e
        let o = Pipe(), er = Pipe(), i = Pipe()
        p.standardOutput = o; p.standardError = er; p.standardInput = i
        try p.run()
        if let input { i.fileHandleForWriting.write(Data(input.utf8)) }
        try i.fileHandleForWriting.close()
        let od = o.fileHandleForReading.readDataToEndOfFile(), ed = er.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (String(decoding: od, as: UTF8.self), String(decoding: ed, as: UTF8.self), p.terminationStatus)
    }

    func testDashCRunsStatementsAndFailsOnError() throws {
        let ok = try nnlab(["-c", "seed 1; conv 32x32x3 5 1 2 10"])
        XCTAssertEqual(ok.status, 0)
        XCTAssertTrue(ok.out.contains("output volume  32x32x10"), ok.out)
        let bad = try nnlab(["-c", "conv 32 0"])
        XCTAssertEqual(bad.status, 1)
        // The message, then the statement with a caret under the word at fault ("0" is at column 8).
        XCTAssertEqual(bad.err, "error: conv: F must be positive, got '0'; allowed: a whole number from 1 to 100000; e.g. conv 32 5 1 2\n"
                           + "  conv 32 0\n" + "  " + String(repeating: " ", count: 8) + "^\n")
    }

    /// Piped answers work like typed ones: the quiz reads the next lines, asks again after a line
    /// that is not a number, and the shell goes on with the lines after the quiz.
    /// (Set 7's answers, by hand: (7 - 5)/2 + 1 = 2; (11*11*3 + 1)*6 = 2184; (7 - 1)/2 = 3.)
    func testQuizReadsPipedAnswers() throws {
        let r = try nnlab([], input: "quiz conv n=3 seed=7\n2\nabc\n2184\n3\nshow\n")
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.out.contains("'abc' is not a number"), r.out)
        XCTAssertTrue(r.out.contains("score: 3 of 3 answered right"), r.out)
        XCTAssertTrue(r.out.contains("schedule"), "the line after the quiz runs as a command: \(r.out)")
        let early = try nnlab([], input: "quiz conv n=3 seed=7\n2\n")
        XCTAssertTrue(early.out.contains("stopped after 1 of 3 questions: 1 of 1 answered right"), early.out)
        let json = try nnlab(["--json"], input: "quiz conv n=2 seed=7\n2\n1\n")
        let types = json.out.split(separator: "\n").compactMap { line -> String? in
            guard let d = line.data(using: .utf8), let o = try? JSONSerialization.jsonObject(with: d) as? [String: Any] else { return nil }
            return o["type"] as? String
        }
        XCTAssertEqual(types, ["question", "marked", "question", "marked", "result"], json.out)
        let sheet = try nnlab(["-c", "quiz conv n=3 seed=7"])
        XCTAssertTrue(sheet.out.contains("No answers"), sheet.out)
    }

    func testPipedInputIsPlainAndKeepsState() throws {
        let r = try nnlab([], input: "set init he\nnonsense\nshow\n", env: ["TERM": "xterm-256color"])
        XCTAssertFalse(r.out.contains("\u{1B}"), "no escape codes when not a terminal")
        XCTAssertFalse(r.out.contains("nnlab>"), "no prompt when not a terminal")
        // The key column is as wide as the longest key ("schedule"), so match any run of spaces.
        XCTAssertNotNil(r.out.range(of: #"(?m)^init +he "#, options: .regularExpression), r.out)
        XCTAssertTrue(r.err.contains("unknown command 'nonsense'"))
        XCTAssertEqual(r.status, 1, "a failed line makes a piped run fail")
    }

    func testJSONLines() throws {
        let r = try nnlab(["--json", "-c", "conv 32x32x3 5 1 2 10; seed x"])
        let lines = r.out.split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        XCTAssertEqual(first?["params"] as? Int, 760)
        XCTAssertEqual(first?["command"] as? String, "conv")
        XCTAssertTrue(lines[1].contains("\"error\""))
    }

    /// `check` on a folder of two real labs and one that fails: one line per lab, the failure's
    /// reason, the count line last. (Every lab in labs/ is run by LabTests, in process; running
    /// them all again here through the binary cost 44 s of a debug suite and checked nothing more.)
    func testCheckEndsWithPassedFailedLine() throws {
        let dir = try temporaryFolder("check")
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["backprop", "conv-arithmetic"] {
            try FileManager.default.copyItem(atPath: packageRoot + "/labs/\(name).lab", toPath: dir.appendingPathComponent("\(name).lab").path)
        }
        // (32 - 5)/1 + 1 = 28, so 29 is wrong.
        try Data("conv 32 5\nexpect out == 29\n".utf8).write(to: dir.appendingPathComponent("wrong.lab"))
        let r = try nnlab(["check", dir.path])
        XCTAssertEqual(r.status, 1, r.out + r.err)
        XCTAssertTrue(r.out.contains("PASS \(dir.path)/backprop.lab ("), r.out)
        XCTAssertTrue(r.out.contains("PASS \(dir.path)/conv-arithmetic.lab ("), r.out)
        XCTAssertTrue(r.out.contains("FAIL \(dir.path)/wrong.lab\n  \(dir.path)/wrong.lab:2: expected out == 29, got 28\n"), r.out)
        XCTAssertTrue(r.out.hasSuffix("\n2 passed, 1 failed\n"), r.out)
        let missing = try nnlab(["check", "no-such-folder"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.out.hasSuffix("0 passed, 1 failed\n"), missing.out)
    }

    /// Issue 10 items 19-20: every -c runs, in order; --seed -1 names the value; a piped lab's
    /// comments are comments.
    func testFlagsAndPipedComments() throws {
        let two = try nnlab(["--json", "-c", "seed 5", "-c", "show"])
        XCTAssertEqual(two.status, 0, two.err)
        let lines = two.out.split(separator: "\n")
        XCTAssertEqual(lines.count, 2, two.out)
        XCTAssertTrue(lines[0].contains("\"command\":\"seed\""), two.out)
        XCTAssertTrue(lines[1].contains("\"command\":\"show\""), two.out)
        let neg = try nnlab(["--seed", "-1", "-c", "show"])
        XCTAssertNotEqual(neg.status, 0)
        XCTAssertTrue(neg.err.contains("--seed takes a whole number from 0 to 4294967295, got '-1'"), neg.err)
        XCTAssertFalse(neg.err.contains("Missing value"), neg.err)
        let piped = try nnlab([], input: "# my lab\nconv 7 3 1   # (7-3)/1+1 = 5\n")
        XCTAssertEqual(piped.status, 0, piped.err)
        XCTAssertEqual(piped.err, "")
        XCTAssertTrue(piped.out.contains("= 5"), piped.out)
    }

    func testRunEchoesLab() throws {
        let r = try nnlab(["run", "labs/conv-arithmetic.lab"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("nnlab> conv 7 3 1\n"))
        XCTAssertTrue(r.out.contains(" checks passed"))
        // The lab's # lines are the instructor's narration, shown before the command they introduce.
        XCTAssertTrue(r.out.contains("# A 7x7 input and a 3x3 filter. Output size = (N - F)/stride + 1.\nnnlab> conv 7 3 1\n"), r.out)
        XCTAssertFalse(r.out.contains("##"), r.out)
    }

    /// `run --record` rewrites the stale expect-output line from what conv prints now and leaves
    /// the rest byte for byte; a second run records nothing. 32x32x3 through ten 5x5 filters at
    /// stride 1, pad 2: (32 - 5 + 4)/1 + 1 = 32, so the volume is 32x32x10.
    func testRunRecordRewritesStaleOutput() throws {
        let dir = try temporaryFolder("record")
        defer { try? FileManager.default.removeItem(at: dir) }
        let lab = dir.appendingPathComponent("stale.lab")
        let before = "# stale\nconv 32x32x3 5 1 2 10\nexpect params == 760\nexpect-output \"output volume  32x32x12\"\n"
        try Data(before.utf8).write(to: lab)
        let r = try nnlab(["run", "--record", lab.path])
        XCTAssertEqual(r.status, 0, r.out + r.err)
        let flat = r.out.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
        XCTAssertTrue(flat.contains("recorded 1 expect-output line in \(lab.path) (line 4); review with git diff"), r.out)
        XCTAssertEqual(try String(contentsOf: lab, encoding: .utf8), before.replacingOccurrences(of: "32x32x12", with: "32x32x10"))
        let again = try nnlab(["run", "--record", lab.path])
        XCTAssertEqual(again.status, 0, again.out + again.err)
        XCTAssertTrue(again.out.contains("nothing to record"), again.out)
        let plain = try nnlab(["run", lab.path])
        XCTAssertEqual(plain.status, 0, plain.out + plain.err)
    }
}

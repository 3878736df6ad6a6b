import Foundation
import XCTest
import NNLabCore
@testable import NNLabGrading
@testable import NNLabExerciseReference

/// The grading loop end to end, through the `nnlab` binary where a user would type a command:
/// a release builds on its own and grades to 0, the references copied in score full marks,
/// `exercises check` says how much it could check, `exercises grade` grades a class (full marks,
/// a wrong one with a trap and an infinite loop, one that does not compile) into grades.csv and
/// results.json, and the Gradescope zip's run_autograder grades a submission.
///
/// Every expected score is derived from the grader declarations (points per exercise, which
/// cases a given mistake breaks), never read from a grading run. Each test builds one Swift
/// package (about 30 s on a loaded 2-core machine; the batch test's later students rebuild
/// incrementally, since unchanged files are not rewritten).
final class GradingLoopTests: XCTestCase {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static var nnlabBinary: String { repo + "/.build/debug/nnlab" }

    // MARK: helpers

    func swiftExecutable() throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return try XCTUnwrap(path.split(separator: ":").map { "\($0)/swift" }.first { FileManager.default.isExecutableFile(atPath: $0) },
                             "swift is not on PATH")
    }

    func tempDir(_ tag: String) throws -> String {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("nnlab-\(tag)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: d) }
        return d
    }

    /// Runs the nnlab binary (piped: not a terminal) with a deadline.
    func nnlab(_ args: [String], timeout: Double = 600) throws -> (status: Int32, out: String, err: String) {
        guard FileManager.default.isExecutableFile(atPath: Self.nnlabBinary) else { throw XCTSkip("run swift build first: \(Self.nnlabBinary) is missing") }
        var env = ProcessInfo.processInfo.environment
        env["NNLAB_HISTORY"] = ""
        let r = IsolatedRunner.run(Self.nnlabBinary, args, environment: env, timeout: timeout)
        guard case let .exited(status, out, err) = r else { XCTFail("nnlab \(args.joined(separator: " ")): \(r)"); return (-1, "", "") }
        return (status, out, err)
    }

    func write(_ text: String, _ path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// A reference exercise file of this repository.
    func reference(_ name: String) throws -> String {
        try String(contentsOfFile: "\(Self.repo)/Sources/NNLabExercises/\(name)", encoding: .utf8)
    }

    /// `text` with `old` replaced by `new`, failing when `old` is not there exactly once (so an edit
    /// of the reference cannot silently leave the "wrong" submission right).
    func edit(_ text: String, _ old: String, _ new: String) -> String {
        XCTAssertEqual(text.components(separatedBy: old).count, 2, "the reference no longer contains: \(old)")
        return text.replacingOccurrences(of: old, with: new)
    }

    static let graded = ["ConvArithmetic.swift", "Activations.swift", "Affine.swift", "Losses.swift", "Dropout.swift", "BatchNorm.swift",
                         "Optimizers.swift", "Initialization.swift", "Search.swift"]

    func points(_ exercise: String, _ keep: (Grader) -> Bool = { _ in true }) -> Double {
        Grading.allGraders.filter { $0.exercise == exercise && keep($0) }.reduce(0) { $0 + $1.points }
    }

    var totalPoints: Double { Grading.allGraders.reduce(0) { $0 + $1.points } }
    var visiblePoints: Double { VisibleGraders.all.reduce(0) { $0 + $1.points } }

    /// Bob's submission: dropout that forgets 1/p in inverted training, Adam without bias
    /// correction, a relu backward that reads past the end (a trap), an affine forward that never
    /// returns, no Losses.swift or BatchNorm.swift (the stubs), at the top of his folder; and a
    /// grader file of his own that must not be used (it would not compile).
    func writeBob(_ dir: String) throws {
        for name in Self.graded where !["Losses.swift", "BatchNorm.swift"].contains(name) {
            var text = try reference(name)
            switch name {
            case "Dropout.swift": text = edit(text, "out.values[i] *= inverted ? kept / p : kept", "out.values[i] *= kept")
            case "Optimizers.swift":
                text = edit(text, "x.values[i] -= lr * (m.values[i] / c1) / ((v.values[i] / c2).squareRoot() + eps)",
                            "x.values[i] -= lr * m.values[i] / (v.values[i].squareRoot() + eps); _ = (c1, c2)")
            case "Activations.swift":
                text = edit(text, "for i in dx.values.indices where !(x.values[i] > 0) { dx.values[i] = 0 }",
                            "for i in 0...dx.values.count where !(x.values[i] > 0) { dx.values[i] = 0 }")
            case "Affine.swift":
                text = edit(text, "    guard x.shape.count == 2, w.shape == [d, m], b.shape == [m] else {",
                            "    var spin = 0\n    while spin >= 0 { spin = (spin &+ 1) & 0xFFFF }\n    guard x.shape.count == 2, w.shape == [d, m], b.shape == [m] else {")
            default: break
            }
            try write(text, "\(dir)/\(name)")
        }
        try write("this is not Swift: a submission cannot replace the graders\n", "\(dir)/Sources/NNLabGrading/Checks.swift")
    }

    /// Bob's points per exercise, from the declarations: the exercises he got right keep all their
    /// graders' points; dropout loses the graders of inverted training (train = 1, inverted = 1);
    /// Adam keeps only the moments grader (without bias correction m and v are still right, every
    /// step of x is not); the trap, the loop and the stubs score 0.
    var bobPoints: [String: Double] {
        var p: [String: Double] = [:]
        for e in Exercises.all.map(\.id) { p[e] = 0 }
        for e in ["conv-size", "activations", "momentum", "rmsprop", "init-scales", "log-search"] { p[e] = points(e) }
        p["dropout"] = points("dropout") { g in !g.cases.contains { $0.numbers["train"] == 1 && $0.numbers["inverted"] == 1 } }
        p["adam"] = points("adam") { $0.name.contains("moments") }
        return p
    }

    /// Alice: every reference file, where a release has them. Carol: the references with a syntax
    /// error in Search.swift.
    func writeClass(_ submissions: String) throws {
        for name in Self.graded { try write(try reference(name), "\(submissions)/alice/Sources/NNLabExercises/\(name)") }
        try writeBob("\(submissions)/bob")
        for name in Self.graded {
            let text = name == "Search.swift" ? edit(try reference(name), "throws -> Double {", "throws -> Double {\n    let = 3") : try reference(name)
            try write(text, "\(submissions)/carol/Sources/NNLabExercises/\(name)")
        }
    }

    /// RFC 4180 fields of one CSV line.
    func csvFields(_ line: Substring) -> [String] {
        var fields: [String] = [], cur = "", quoted = false, it = Array(line), i = 0
        while i < it.count {
            let c = it[i]
            if quoted {
                if c == "\"" { if i + 1 < it.count, it[i + 1] == "\"" { cur.append("\""); i += 1 } else { quoted = false } } else { cur.append(c) }
            } else if c == "\"" { quoted = true } else if c == "," { fields.append(cur); cur = "" } else { cur.append(c) }
            i += 1
        }
        fields.append(cur)
        return fields
    }

    func json(_ path: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any], path)
    }

    /// Gradescope's schema, and the per-exercise scores of a results.json.
    func checkGradescope(_ r: [String: Any], graders: [Grader], file: StaticString = #filePath, line: UInt = #line) throws -> [String: Double] {
        XCTAssertNotNil(r["execution_time"] as? Double, file: file, line: line)
        XCTAssertNotNil(r["output"] as? String, file: file, line: line)
        let tests = try XCTUnwrap(r["tests"] as? [[String: Any]], file: file, line: line)
        // One entry per grader, grouped by exercise in the table's order.
        XCTAssertEqual(Set(tests.compactMap { $0["name"] as? String }), Set(graders.map(\.name)), file: file, line: line)
        XCTAssertEqual(tests.count, graders.count, file: file, line: line)
        let order = Exercises.all.map(\.id)
        let declared = Dictionary(uniqueKeysWithValues: graders.map { ($0.name, $0) })
        let exerciseOrder = tests.compactMap { declared[$0["name"] as? String ?? ""].flatMap { g in order.firstIndex(of: g.exercise) } }
        XCTAssertEqual(exerciseOrder, exerciseOrder.sorted(), file: file, line: line)
        var byExercise: [String: Double] = [:]
        for t in tests {
            guard let g = declared[t["name"] as? String ?? ""] else { continue }
            XCTAssertEqual(Set(t.keys), ["name", "score", "max_score", "output", "visibility"], file: file, line: line)
            XCTAssertEqual(t["max_score"] as? Double, g.points, file: file, line: line)
            XCTAssertEqual(t["visibility"] as? String, g.visibility == .visible ? "visible" : "after_published", file: file, line: line)
            byExercise[g.exercise, default: 0] += t["score"] as? Double ?? -1000
        }
        XCTAssertEqual(r["score"] as? Double, byExercise.values.reduce(0, +), file: file, line: line)
        return byExercise
    }

    func outputs(_ r: [String: Any], exercise: String) -> [String] {
        let names = Set(Grading.allGraders.filter { $0.exercise == exercise }.map(\.name))
        return ((r["tests"] as? [[String: Any]]) ?? []).filter { names.contains($0["name"] as? String ?? "") }.compactMap { $0["output"] as? String }
    }

    // MARK: (a), (b), (d): a student copy

    /// A release written by `nnlab exercises release` builds alone in a temporary folder (it has
    /// no dependencies, so no network), its grade program scores the stubs 0 without a crash,
    /// `exercises check` prints the table and says it checked only the visible points, and with
    /// the reference files copied in the same copy scores every visible point.
    func testStudentCopyBuildsAloneGradesToZeroAndTheReferencesToFullMarks() throws {
        let swift = try swiftExecutable()
        let dir = try tempDir("student") + "/handout"
        let rel = try nnlab(["exercises", "release", dir])
        XCTAssertEqual(rel.status, 0, rel.err)
        XCTAssertTrue(rel.out.hasPrefix("wrote "), rel.out)

        let build = IsolatedRunner.run(swift, ["build", "--package-path", dir], directory: dir, timeout: 600)
        guard case .exited(0, _, _) = build else { return XCTFail("the release does not build on its own: \(build)") }
        let results = dir + "/results.json"
        let grade = IsolatedRunner.run(dir + "/.build/debug/grade", ["--results", results, "--width", "80"], directory: dir, timeout: 180)
        guard case let .exited(0, table, gerr) = grade else { return XCTFail("grade failed: \(grade)") }
        XCTAssertTrue(gerr.isEmpty, gerr)
        let (v, t) = (GradeReport.points(visiblePoints), GradeReport.points(totalPoints))
        XCTAssertTrue(table.contains("checked \(v) of \(t) points (visible graders only): scored 0 of \(v)"), table)
        XCTAssertFalse(table.contains("crashed"), table)
        XCTAssertFalse(table.contains("passed"), table)
        for line in table.split(separator: "\n") { XCTAssertLessThanOrEqual(line.count, 80, String(line)) }
        let stubs = try checkGradescope(try json(results), graders: VisibleGraders.all)
        XCTAssertEqual(stubs.values.reduce(0, +), 0)
        for e in Exercises.all.map(\.id) {
            for o in outputs(try json(results), exercise: e) { XCTAssertTrue(o.hasPrefix("not implemented: "), "\(e): \(o)") }
        }

        // exercises check on the stubs: the table and the points it could check, never "all passed".
        let zero = try nnlab(["exercises", "check", "--dir", dir, "--width", "80"])
        XCTAssertEqual(zero.status, 0, zero.err)
        XCTAssertTrue(zero.out.contains("checked \(v) of \(t) points (visible graders only): scored 0 of \(v)"), zero.out)
        XCTAssertTrue(zero.out.contains("(hidden)"), zero.out)

        // The references copied in: every visible point, and still only "checked 47 of 65".
        for name in Self.graded { try write(try reference(name), "\(dir)/Sources/NNLabExercises/\(name)") }
        let full = try nnlab(["exercises", "check", "--dir", dir, "--width", "80"])
        XCTAssertEqual(full.status, 0, full.err)
        XCTAssertTrue(full.out.replacingOccurrences(of: "\n", with: " ").contains("checked \(v) of \(t) points (visible graders only): scored \(v) of \(v); "
                                        + "\(GradeReport.points(totalPoints - visiblePoints)) points are graded by hidden graders after submission"), full.out)
        XCTAssertFalse(full.out.contains("all "), full.out)
        for e in Exercises.all {
            let row = full.out.split(separator: "\n").first { $0.hasPrefix(e.id + " ") }
            let p = VisibleGraders.all.filter { $0.exercise == e.id }.reduce(0) { $0 + $1.points }
            XCTAssertEqual(row.map { $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().prefix(2).joined(separator: " ") },
                           "\(GradeReport.points(p))/\(GradeReport.points(p)) ok", full.out)
        }
        for line in full.out.split(separator: "\n") { XCTAssertLessThanOrEqual(line.count, 80, String(line)) }

        // `swift test --parallel --xunit-output` in the copy, for CI services (SwiftPM writes XCTest's
        // xUnit file only with --parallel): one XCTest case per exercise, all passing with the references.
        // A second build (the test target): about 15 s here.
        do {
            let xunit = dir + "/xunit.xml"
            let t0 = Date()
            let test = IsolatedRunner.run(swift, ["test", "--package-path", dir, "--disable-swift-testing", "--parallel", "--num-workers", "2", "--xunit-output", xunit], directory: dir, timeout: 900)
            print("GradingLoopTests: swift test in the student copy took \(Int(Date().timeIntervalSince(t0))) s")
            guard case .exited(0, _, _) = test else { return XCTFail("swift test in the copy: \(test)") }
            let xml = try String(contentsOfFile: xunit, encoding: .utf8)
            XCTAssertEqual(xml.components(separatedBy: "<testcase ").count - 1, Exercises.all.count, xml)
            XCTAssertFalse(xml.contains("<failure"), xml)
            XCTAssertTrue(xml.contains("failures=\"0\""), xml)
        }

        // A folder that is not a student copy: one line, no build.
        let wrong = try nnlab(["exercises", "check", "--dir", try tempDir("empty")])
        XCTAssertEqual(wrong.status, 1)
        XCTAssertTrue(wrong.err.contains("is not a student copy of the exercises (no Package.swift)"), wrong.err)
    }

    // MARK: (c): a class graded

    func testGradeAClassWritesTheCSVAndEachResults() throws {
        let root = try tempDir("class")
        let submissions = root + "/submissions", out = root + "/grades"
        try writeClass(submissions)
        let timeout = 5.0
        let start = Date()
        let run = try nnlab(["exercises", "grade", submissions, "--out", out, "--timeout", "\(Int(timeout))", "--jobs", "2", "--width", "80"], timeout: 900)
        let elapsed = Date().timeIntervalSince(start)
        XCTAssertEqual(run.status, 0, run.err + run.out)
        print("GradingLoopTests: graded 3 students in \(Int(elapsed)) s")

        // Piped: one plain line per student as each finishes, no bar, no escape codes.
        let streamed = run.out.split(separator: "\n").filter { $0.hasPrefix("graded ") && $0.contains(" of 3): ") }
        XCTAssertEqual(streamed.count, 3, run.out)
        XCTAssertFalse(run.out.contains("\r") || run.out.contains("\u{1B}"), run.out)
        for line in run.out.split(separator: "\n") { XCTAssertLessThanOrEqual(line.count, 80, String(line)) }

        // grades.csv, cell by cell against the declarations.
        let ids = Exercises.all.map(\.id)
        let csv = try String(contentsOfFile: out + "/grades.csv", encoding: .utf8)
        let rows = csv.split(separator: "\n").map(csvFields)
        XCTAssertEqual(rows.first, ["student"] + ids + ["total", "max", "note"])
        XCTAssertEqual(rows.count, 4, csv)
        let f = GradeReport.points
        var full: [String: Double] = [:]
        for e in ids { full[e] = points(e) }
        XCTAssertEqual(totalPoints, 65)   // README: 47 visible points and 18 hidden
        XCTAssertEqual(rows.dropFirst().first, ["alice"] + ids.map { f(full[$0] ?? -1) } + [f(totalPoints), f(totalPoints), ""])
        let bob = bobPoints
        let bobRow = rows.count > 2 ? rows[2] : []
        XCTAssertEqual(Array(bobRow.prefix(ids.count + 3)), ["bob"] + ids.map { f(bob[$0] ?? -1) } + [f(bob.values.reduce(0, +)), f(totalPoints)])
        let bobNote = bobRow.last ?? ""
        XCTAssertTrue(bobNote.hasPrefix("relu-backward crashed (SIG") && bobNote.hasSuffix("), affine timed out"), bobNote)
        let carolRow = rows.count > 3 ? rows[3] : []
        XCTAssertEqual(Array(carolRow.prefix(ids.count + 3)), ["carol"] + ids.map { _ in "0" } + ["0", f(totalPoints)])
        let carolNote = carolRow.last ?? ""
        XCTAssertTrue(carolNote.hasPrefix("does not compile: ") && carolNote.contains("Search.swift") && carolNote.contains("error:"), carolNote)

        // Each student's results.json: Gradescope's schema, the same scores, the reason per exercise.
        let all = Grading.allGraders
        XCTAssertEqual(try checkGradescope(try json(out + "/alice/results.json"), graders: all), full)
        let bobJSON = try json(out + "/bob/results.json")
        XCTAssertEqual(try checkGradescope(bobJSON, graders: all).filter { $0.value != 0 }, bob.filter { $0.value != 0 })
        for o in outputs(bobJSON, exercise: "relu-backward") { XCTAssertTrue(o.hasPrefix("crashed (SIG") && o.contains("Index out of range"), o) }
        for o in outputs(bobJSON, exercise: "affine") {
            XCTAssertEqual(o, "timed out after \(f(timeout)) s (an infinite loop or very slow code?); only this exercise is affected")
        }
        for e in ["softmax", "svm", "batchnorm"] {
            XCTAssertFalse(outputs(bobJSON, exercise: e).isEmpty)
            XCTAssertTrue(outputs(bobJSON, exercise: e).allSatisfy { $0.hasPrefix("not implemented: ") }, e)
        }
        XCTAssertTrue(outputs(bobJSON, exercise: "dropout").contains("out: off by a factor of p (= 0.5): every element is 0.5 times the expected one"))
        XCTAssertTrue(outputs(bobJSON, exercise: "adam").contains { $0.contains("as without bias correction") })
        let carolJSON = try json(out + "/carol/results.json")
        XCTAssertEqual(try checkGradescope(carolJSON, graders: all).values.reduce(0, +), 0)
        XCTAssertTrue((carolJSON["output"] as? String)?.hasPrefix("not graded: does not compile: ") ?? false, "\(carolJSON["output"] ?? "")")

        // The terminal's table: a row per student with the reason, the files written.
        XCTAssertTrue(run.out.replacingOccurrences(of: "\n", with: " ").contains("graded 3 students: \(out)/grades.csv and STUDENT/results.json beside it"), run.out)
        XCTAssertTrue(run.out.split(separator: "\n").contains { $0.hasPrefix("carol") && $0.contains("0/65") && $0.contains("does not compile") }, run.out)

        // Again under --json (the grading copies are reused: only changed files are rewritten):
        // JSON Lines, progress and one record per student, then the result.
        try FileManager.default.removeItem(atPath: submissions + "/bob")
        try FileManager.default.removeItem(atPath: submissions + "/carol")
        let j = try nnlab(["exercises", "grade", submissions, "--out", out, "--json", "--jobs", "1"], timeout: 600)
        XCTAssertEqual(j.status, 0, j.err)
        let objects = try j.out.split(separator: "\n").map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any], String($0)) }
        XCTAssertEqual(objects.compactMap { $0["type"] as? String }.filter { $0 != "progress" }, ["student", "result"], j.out)
        let progress = objects.filter { $0["type"] as? String == "progress" }
        XCTAssertEqual(progress.last?["done"] as? Double, Double(1 + ids.count))
        XCTAssertEqual(progress.last?["total"] as? Double, Double(1 + ids.count))
        let result = try XCTUnwrap(objects.last)
        XCTAssertEqual(((result["students"] as? [[String: Any]])?.first)?["score"] as? Double, totalPoints)
        XCTAssertEqual((result["run"] as? [String: Any])?["interrupted"] as? Bool, false)
        XCTAssertEqual(try String(contentsOfFile: out + "/grades.csv", encoding: .utf8).split(separator: "\n").count, 2, "the new run's CSV")

        // Ctrl-C after the first student (the flag raised from its record, as the handler would):
        // the finished student is returned and written, grades.csv is left as it was.
        try writeClass(submissions)
        let before = try Data(contentsOf: URL(fileURLWithPath: out + "/grades.csv"))
        try FileManager.default.removeItem(atPath: out + "/alice/results.json")
        let flag = InterruptFlag()
        let monitor = Monitor(interrupt: flag, record: { _ in flag.raise() })
        var o = BatchGrader.Options(submissions: submissions, out: out, swift: try swiftExecutable())
        o.jobs = 1
        let partial = try BatchGrader.grade(o, monitor: monitor)
        XCTAssertEqual(partial.run, RunState(completed: 1, planned: 3, interrupted: true))
        XCTAssertEqual(partial.results.map(\.student), ["alice"])
        XCTAssertNil(partial.csvPath)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: out + "/grades.csv")), before)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/alice/results.json"))
        let text = partial.table(width: 80)
        XCTAssertTrue(text.contains("interrupted after 1 of 3 students"), text)
        XCTAssertFalse(text.contains("graded 3"), text)

        // The real Ctrl-C: SIGINT to the binary once its first student is graded. It stops the
        // build or grading program under way, prints the finished row marked interrupted, exits 130.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.nnlabBinary)
        p.arguments = ["exercises", "grade", submissions, "--out", out, "--jobs", "1", "--timeout", "5"]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        try p.run()
        let watchdog = DispatchWorkItem { p.terminate() }
        DispatchQueue.global().asyncAfter(deadline: .now() + 600, execute: watchdog)
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("graded alice") {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen.append(chunk)
        }
        let signalled = Date()
        kill(p.processIdentifier, SIGINT)
        seen.append(pipe.fileHandleForReading.readDataToEndOfFile())
        p.waitUntilExit()
        watchdog.cancel()
        let said = String(decoding: seen, as: UTF8.self)
        XCTAssertEqual(p.terminationStatus, 130, said)
        XCTAssertLessThan(Date().timeIntervalSince(signalled), 15, "Ctrl-C waits for no build to finish")
        XCTAssertTrue(said.replacingOccurrences(of: "\n", with: " ").contains("interrupted after 1 of 3 students"), said)
        XCTAssertTrue(said.split(separator: "\n").contains { $0.hasPrefix("alice") && $0.contains("65/65") }, said)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: out + "/grades.csv")), before, "grades.csv untouched")
    }

    // MARK: (c'): a class graded with --hidden DIR

    /// Issue 16's `--hidden HIDDEN_DIR`: a folder whose ExtraGraders.swift declares one hidden
    /// grader (in place of the built-in ones) and whose hidden.json holds its expected values.
    /// Alice (the references) scores the visible points plus that grader's; Carol (a syntax error)
    /// gets 0 in a report that lists exactly the graders that would have run: the visible ones
    /// and DIR's, not the built-in hidden ones. One copy is built (jobs 1): Alice's build, then
    /// Carol's failing one, then the stubs' (incremental) to list the copy's graders.
    func testGradeWithAHiddenFolderUsesItsGraders() throws {
        let root = try tempDir("hidden")
        let submissions = root + "/submissions", out = root + "/grades", hidden = root + "/hidden"
        try writeClass(submissions)
        try FileManager.default.removeItem(atPath: submissions + "/bob")
        // The declaration, once as the folder's source and once here to derive the expectations from.
        let extraPoints = 4.0
        let name = "conv-size: hidden extra, 64x64 input, 7x7 filters, stride 2, pad 3"
        let extra = VisibleGraders.convGrader(name, points: extraPoints, visibility: .hidden,
                                              [VisibleGraders.convCase("64-7-s2-p3", input: 64, filter: 7, stride: 2, padding: 3)])
        try write("""
            import NNLabExercises

            public enum ExtraGraders {
                public static let all: [Grader] = [
                    VisibleGraders.convGrader("\(name)", points: \(extraPoints), visibility: .hidden,
                                              [VisibleGraders.convCase("64-7-s2-p3", input: 64, filter: 7, stride: 2, padding: 3)]),
                ]
            }

            """, hidden + "/ExtraGraders.swift")
        try FileManager.default.createDirectory(atPath: hidden, withIntermediateDirectories: true)
        try FixtureFile.make(graders: [extra], uncheckedPoints: 0, expected: CoreExpectedValues()).encoded()
            .write(to: URL(fileURLWithPath: hidden + "/hidden.json"))

        let run = try nnlab(["exercises", "grade", submissions, "--hidden", hidden, "--out", out, "--timeout", "5", "--jobs", "1", "--width", "80"], timeout: 900)
        XCTAssertEqual(run.status, 0, run.err + run.out)

        let graders = VisibleGraders.all + [extra]
        let total = visiblePoints + extraPoints
        XCTAssertFalse(Grading.allGraders.contains { $0.name == name }, "the extra grader is not a built-in one")
        let ids = Exercises.all.map(\.id)
        var full: [String: Double] = [:]
        for e in ids { full[e] = graders.filter { $0.exercise == e }.reduce(0) { $0 + $1.points } }
        XCTAssertEqual(full["conv-size"], VisibleGraders.all.filter { $0.exercise == "conv-size" }.reduce(0) { $0 + $1.points } + extraPoints)
        let f = GradeReport.points
        let rows = try String(contentsOfFile: out + "/grades.csv", encoding: .utf8).split(separator: "\n").map(csvFields)
        XCTAssertEqual(rows.count, 3, "\(rows)")
        XCTAssertEqual(rows.first, ["student"] + ids + ["total", "max", "note"])
        XCTAssertEqual(rows.count > 1 ? rows[1] : [], ["alice"] + ids.map { f(full[$0] ?? -1) } + [f(total), f(total), ""])
        let carolRow = rows.count > 2 ? rows[2] : []
        XCTAssertEqual(Array(carolRow.prefix(ids.count + 3)), ["carol"] + ids.map { _ in "0" } + ["0", f(total)])
        XCTAssertTrue((carolRow.last ?? "").hasPrefix("does not compile: ") && (carolRow.last ?? "").contains("Search.swift"), "\(carolRow)")

        XCTAssertEqual(try checkGradescope(try json(out + "/alice/results.json"), graders: graders), full)
        let carol = try json(out + "/carol/results.json")
        XCTAssertEqual(try checkGradescope(carol, graders: graders).values.reduce(0, +), 0)
        let carolTests = (carol["tests"] as? [[String: Any]]) ?? []
        let extraEntry = carolTests.first { $0["name"] as? String == name }
        XCTAssertEqual(extraEntry?["max_score"] as? Double, extraPoints)
        XCTAssertEqual(extraEntry?["visibility"] as? String, "after_published")
        XCTAssertTrue((extraEntry?["output"] as? String)?.hasPrefix("does not compile: ") ?? false, "\(extraEntry ?? [:])")
        XCTAssertTrue(run.out.split(separator: "\n").contains { $0.hasPrefix("carol") && $0.contains("0/\(f(total))") }, run.out)

        // A hidden folder whose ExtraGraders.swift does not compile: no grader list to claim, so
        // Carol's report lists none and says why (the same copy, rebuilt incrementally).
        try FileManager.default.removeItem(atPath: submissions + "/alice")
        try write("public enum ExtraGraders { public static let all: [Grader] = [oops] }\n", hidden + "/ExtraGraders.swift")
        let broken = try nnlab(["exercises", "grade", submissions, "--hidden", hidden, "--out", out, "--jobs", "1"], timeout: 900)
        XCTAssertEqual(broken.status, 0, broken.err + broken.out)
        let again = try json(out + "/carol/results.json")
        XCTAssertEqual((again["tests"] as? [[String: Any]])?.count, 0, "\(again)")
        let said = again["output"] as? String ?? ""
        XCTAssertTrue(said.contains("does not compile: ") && said.contains("does not build even with the stubs: ") && said.contains("ExtraGraders.swift"), said)
    }

    // MARK: (e): Gradescope

    /// The zip unpacks with setup.sh and run_autograder executable at its top and the grading copy
    /// beside them; run_autograder, pointed at temporary folders by AUTOGRADER_ROOT, grades Bob's
    /// submission (found anywhere in the upload) into results/results.json.
    func testGradescopeZipRunsItsAutograder() throws {
        _ = try swiftExecutable()
        let root = try tempDir("gradescope")
        let zip = root + "/autograder.zip"
        let made = try nnlab(["exercises", "gradescope", zip])
        XCTAssertEqual(made.status, 0, made.err)
        let source = root + "/autograder/source"
        try FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: true)
        let unzip = IsolatedRunner.run("/usr/bin/unzip", ["-q", zip, "-d", source], timeout: 60)
        guard case .exited(0, _, _) = unzip else { return XCTFail("unzip: \(unzip)") }
        for script in ["setup.sh", "run_autograder"] {
            let attrs = try FileManager.default.attributesOfItem(atPath: "\(source)/\(script)")
            XCTAssertEqual((attrs[.posixPermissions] as? Int).map { $0 & 0o111 }, 0o111, "\(script) is not executable")
            let syntax = IsolatedRunner.run("/bin/bash", ["-n", "\(source)/\(script)"], timeout: 10)
            XCTAssertEqual(syntax, .exited(status: 0, stdout: "", stderr: ""), script)
        }
        // The grading copy exactly, hidden graders included.
        for (path, data) in try ReleaseWriter.files(.grading) {
            XCTAssertEqual(FileManager.default.contents(atPath: "\(source)/\(path)"), data, path)
        }
        // Not one reference solution inside (a submission lacking a file gets the stub, never the answer).
        for f in EmbeddedSources.exercises {
            let stub = try SolutionStripper.strip(f.text, file: f.name).text
            for name in ["Sources/NNLabExercises/\(f.name)", "Stubs/\(f.name)"] where f.name != "ExArray.swift" || name.hasPrefix("Sources") {
                XCTAssertEqual(try String(contentsOfFile: "\(source)/\(name)", encoding: .utf8), stub, name)
            }
        }
        try writeBob(root + "/autograder/submission/upload/bob")
        var env = ProcessInfo.processInfo.environment
        env["AUTOGRADER_ROOT"] = root + "/autograder"
        let run = IsolatedRunner.run("\(source)/run_autograder", [], environment: env, directory: source, timeout: 900)
        guard case .exited(0, _, _) = run else { return XCTFail("run_autograder: \(run)") }
        let results = try json(root + "/autograder/results/results.json")
        let scores = try checkGradescope(results, graders: Grading.allGraders)
        XCTAssertEqual(scores.filter { $0.value != 0 }, bobPoints.filter { $0.value != 0 })
        for o in outputs(results, exercise: "affine") { XCTAssertTrue(o.hasPrefix("timed out after 10 s"), o) }

        // A submission that does not compile: score 0 and the compiler's first error, still valid JSON.
        try write("let = 3\n", root + "/autograder/submission/upload/bob/Search.swift")
        let broken = IsolatedRunner.run("\(source)/run_autograder", [], environment: env, directory: source, timeout: 900)
        guard case .exited(0, _, _) = broken else { return XCTFail("run_autograder: \(broken)") }
        let failed = try json(root + "/autograder/results/results.json")
        XCTAssertEqual(failed["score"] as? Double, 0)
        XCTAssertTrue((failed["output"] as? String)?.hasPrefix("does not compile: ") ?? false, "\(failed)")
        XCTAssertTrue((failed["output"] as? String)?.contains("Search.swift") ?? false, "\(failed)")
    }

    // MARK: bad input, refused before any build

    func testGradeRefusesBadInputInOneLine() throws {
        let root = try tempDir("bad")
        try FileManager.default.createDirectory(atPath: root + "/empty", withIntermediateDirectories: true)
        try write("x", root + "/class/alice/Search.swift")
        let cases: [([String], String)] = [
            (["exercises", "grade", root + "/missing"], "is not a folder of submissions (one folder per student), e.g. nnlab exercises grade submissions"),
            (["exercises", "grade", root + "/empty"], "holds no student folders"),
            (["exercises", "grade", root + "/class", "--hidden", root + "/empty"], "has no ExtraGraders.swift; it needs ExtraGraders.swift and hidden.json"),
            (["exercises", "grade", root + "/class", "--jobs", "0"], "--jobs takes 1 to 64, e.g. --jobs 2; got 0"),
            (["exercises", "grade", root + "/class", "--timeout", "-1"], "--timeout takes seconds in (0, 600], e.g. --timeout 10; got -1.0"),
            (["exercises", "check", "--dir", root, "--width", "-3"], "--width takes a whole number from 20 to 1000, got '-3'; e.g. --width 100"),
            (["exercises", "check", "--dir", root, "--width", "30"], "exercises check needs --width 40 or more for its table, got 30; e.g. --width 80"),
        ]
        for (args, message) in cases {
            let r = try nnlab(args + ["--out", root + "/out"], timeout: 60)
            XCTAssertNotEqual(r.status, 0, args.joined(separator: " "))
            XCTAssertTrue(r.err.contains(message), "\(args): \(r.err)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/out/grades.csv"))
        }
    }

    // MARK: the batch table's width

    func testBatchTableFitsTheWidth() {
        let long = String(repeating: "a-very-long-student-id", count: 3)
        let broken = GradeReport(tests: [], uncheckedPoints: 65, executionTime: 1,
                                 failure: "does not compile: /tmp/x/Sources/NNLabExercises/Search.swift:12:9: error: expected pattern in a let binding")
        let crashed = GradeReport(tests: Grading.failedAll(Grading.allGraders, exercise: "affine", message: "timed out after 5 s (...)"), uncheckedPoints: 0, executionTime: 1)
        let r = BatchGrader.BatchResult(results: [.init(student: long, report: broken), .init(student: "bob", report: crashed)],
                                        run: .complete(2), written: [], csvPath: "grades/grades.csv")
        for width in [80, 140] {
            let text = r.table(width: width)
            for line in text.split(separator: "\n") { XCTAssertLessThanOrEqual(line.count, width, String(line)) }
            XCTAssertTrue(text.replacingOccurrences(of: "\n", with: " ").contains("expected pattern"), text)
            XCTAssertTrue(text.contains("affine timed out"), text)
        }
        XCTAssertTrue(r.table(width: 80, wide: true).split(separator: "\n").first?.contains("log-search") ?? false)
    }
}

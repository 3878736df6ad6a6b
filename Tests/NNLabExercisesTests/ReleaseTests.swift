import Foundation
import XCTest
import NNLabExercises
@testable import NNLabGrading
@testable import NNLabExerciseReference

/// The student copy: it leaks no solution and no hidden grader, refuses non-empty folders, and its
/// fixtures give the references full marks.
final class ReleaseTests: XCTestCase {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func tempDir() throws -> String {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("nnlab-release-\(UUID().uuidString)").path
        addTeardownBlock { try? FileManager.default.removeItem(atPath: d) }
        return d
    }

    /// Every file under `dir`, relative path -> bytes.
    func readAll(_ dir: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let e = FileManager.default.enumerator(atPath: dir)
        while let p = e?.nextObject() as? String {
            var isDir: ObjCBool = false
            let full = (dir as NSString).appendingPathComponent(p)
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue {
                out[p] = try Data(contentsOf: URL(fileURLWithPath: full))
            }
        }
        return out
    }

    func testEmbeddedSourcesMatchTheRepository() throws {
        for (folder, files) in [("NNLabExercises", EmbeddedSources.exercises), ("NNLabGrading", EmbeddedSources.grading)] {
            let dir = Self.repo.appendingPathComponent("Sources/\(folder)").path
            let onDisk = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".swift") }.sorted()
            XCTAssertEqual(files.map(\.name), onDisk, "run python3 Sources/NNLabExerciseReference/embed.py")
            for f in files {
                let text = try String(contentsOfFile: (dir as NSString).appendingPathComponent(f.name), encoding: .utf8)
                XCTAssertEqual(f.text, text, "\(folder)/\(f.name) changed: run python3 Sources/NNLabExerciseReference/embed.py")
            }
        }
    }

    func testReleaseLeaksNoSolutionAndNoHiddenGrader() throws {
        let dir = try tempDir()
        try ReleaseWriter.write(.student, to: dir, force: false)
        let files = try readAll(dir)
        XCTAssertNil(files["Fixtures/hidden.json"])
        XCTAssertNotNil(files["Fixtures/visible.json"])
        var everything = Data()
        for (_, d) in files { everything.append(d) }
        func contains(_ s: String) -> Bool { everything.range(of: Data(s.utf8)) != nil }
        XCTAssertFalse(contains("BEGIN SOLUTION"))
        XCTAssertFalse(contains("END SOLUTION"))
        // Every line that was between markers is absent from the exercise files, unless the same
        // line also stands outside the markers of that file (a closing brace, say).
        var checkedLines = 0
        for f in EmbeddedSources.exercises {
            let (stub, removed) = try SolutionStripper.strip(f.text, file: f.name)
            guard let released = files["Sources/NNLabExercises/\(f.name)"].flatMap({ String(data: $0, encoding: .utf8) }) else {
                XCTFail("\(f.name) not released"); continue
            }
            XCTAssertEqual(released, stub)
            let kept = Set(released.split(separator: "\n").map { String($0).trimmingCharacters(in: " \t") })
            // The lines outside the markers, read here independently of the stripper.
            var outside = Set<String>(), inside = false
            for raw in f.text.split(separator: "\n") {
                let line = String(raw).trimmingCharacters(in: " \t")
                if line == "// BEGIN SOLUTION" { inside = true } else if line == "// END SOLUTION" { inside = false } else if !inside { outside.insert(line) }
            }
            for line in removed where !outside.contains(line) {
                XCTAssertFalse(kept.contains(line), "\(f.name): solution line released: \(line)")
                checkedLines += 1
            }
            // And no solution line of any length that is distinctive (30+ characters) is anywhere in the release.
            for line in removed where line.count >= 30 { XCTAssertFalse(contains(line), "solution line in the release: \(line)") }
        }
        XCTAssertGreaterThan(checkedLines, 100)
        // No hidden grader: no name, no case id, not one distinctive line of the hidden graders' file.
        XCTAssertFalse(ExtraGraders.all.isEmpty)
        for g in ExtraGraders.all {
            XCTAssertFalse(contains(g.name), "hidden grader name in the release: \(g.name)")
            for c in g.cases { XCTAssertFalse(contains("\"\(c.key)\""), "hidden case in the release: \(c.key)") }
        }
        let hiddenSource = try XCTUnwrap(EmbeddedSources.grading.first { $0.name == "ExtraGraders.swift" }).text
        let releasedLines = Set(files.values.compactMap { String(data: $0, encoding: .utf8) }
            .flatMap { $0.split(separator: "\n").map { String($0).trimmingCharacters(in: " \t") } })
        let shared = Set((EmbeddedSources.grading.filter { $0.name != "ExtraGraders.swift" }.map(\.text) + [ReleaseTemplates.extraGradersPlaceholder])
            .flatMap { $0.split(separator: "\n").map { String($0).trimmingCharacters(in: " \t") } })
        for line in hiddenSource.split(separator: "\n").map({ String($0).trimmingCharacters(in: " \t") }) where line.count >= 30 && !shared.contains(line) {
            XCTAssertFalse(releasedLines.contains(line), "hidden grader source in the release: \(line)")
        }
        // The release does not depend on this repository or on any package.
        let manifest = try XCTUnwrap(files["Package.swift"].flatMap { String(data: $0, encoding: .utf8) })
        XCTAssertTrue(manifest.hasPrefix("// swift-tools-version:6.0"))
        XCTAssertFalse(manifest.contains(".package("))
        XCTAssertFalse(manifest.contains("path:"))
        XCTAssertFalse(contains("import NNLabCore"))
        XCTAssertFalse(contains("import NNLabExerciseReference"))
        XCTAssertFalse(contains("import NNLabExperiments"))
    }

    func testRefusesANonEmptyFolderAndForceDeletesNothing() throws {
        let dir = try tempDir()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let mine = (dir as NSString).appendingPathComponent("notes.txt")
        try Data("mine".utf8).write(to: URL(fileURLWithPath: mine))
        XCTAssertThrowsError(try ReleaseWriter.write(.student, to: dir, force: false)) { e in
            XCTAssertEqual("\(e)", "'\(dir)' is not empty (1 entry); give an empty folder, or --force to write the copy's files into it (nothing else is touched)")
        }
        XCTAssertEqual(try readAll(dir).count, 1, "a refusal writes nothing")
        let written = try ReleaseWriter.write(.student, to: dir, force: true)
        XCTAssertEqual(try String(contentsOfFile: mine, encoding: .utf8), "mine")
        XCTAssertEqual(Set(try readAll(dir).keys), Set(written + ["notes.txt"]))
        let file = (dir as NSString).appendingPathComponent("file")
        try Data().write(to: URL(fileURLWithPath: file))
        XCTAssertThrowsError(try ReleaseWriter.write(.student, to: file, force: true)) { e in
            XCTAssertTrue("\(e)".hasPrefix("'\(file)' exists and is not a folder"), "\(e)")
        }
    }

    func testReferencesGetFullMarksFromTheReleasedFixtures() throws {
        let visible = try FixtureFile.decode(try FixtureFile.make(graders: VisibleGraders.all, uncheckedPoints: 18, expected: CoreExpectedValues()).encoded())
        let hidden = try FixtureFile.decode(try FixtureFile.make(graders: ExtraGraders.all, uncheckedPoints: 0, expected: CoreExpectedValues()).encoded())
        let r = Grading.run(Grading.allGraders, .student, expected: FixtureExpectedValues(files: [visible, hidden]))
        for t in r where t.score < t.maxScore { XCTFail("\(t.name): \(t.output)") }
        // Visible fixtures alone cannot grade the hidden graders, and say so.
        let only = Grading.run(ExtraGraders.all, .student, expected: FixtureExpectedValues(files: [visible]))
        XCTAssertTrue(only.allSatisfy { $0.score == 0 && $0.output.hasPrefix("grader error (not your code): no expected values for ") })
        XCTAssertEqual(visible.uncheckedPoints, 18)
    }

    func testFixturesWrittenForOtherInputsAreRefused() throws {
        var f = try FixtureFile.make(graders: Array(VisibleGraders.all.prefix(1)), uncheckedPoints: 0, expected: CoreExpectedValues())
        let key = try XCTUnwrap(f.entries.keys.first)
        f.entries[key]?.inputs.numbers["input"] = 8
        let r = Grading.run(VisibleGraders.all[0], .student, expected: FixtureExpectedValues(files: [f]))
        XCTAssertEqual(r.score, 0)
        XCTAssertEqual(r.output, "grader error (not your code): fixture for \(key) was written for other inputs: release again")
    }

    func testStripperMarkersMustPair() {
        XCTAssertThrowsError(try SolutionStripper.strip("func f() {\n// BEGIN SOLUTION\n}", file: "A.swift")) { e in
            XCTAssertEqual("\(e)", "A.swift:3: // BEGIN SOLUTION never closed by // END SOLUTION")
        }
        XCTAssertThrowsError(try SolutionStripper.strip("// END SOLUTION", file: "B.swift")) { e in
            XCTAssertEqual("\(e)", "B.swift:1: // END SOLUTION without // BEGIN SOLUTION")
        }
        XCTAssertEqual(try SolutionStripper.strip("public func g() throws -> Int {\n    // BEGIN SOLUTION\n    return 1\n    // END SOLUTION\n}", file: "C.swift").text,
                       "public func g() throws -> Int {\n    // YOUR CODE HERE\n    throw ExerciseError.notImplemented(\"g\")\n}")
    }
}

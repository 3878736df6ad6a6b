import Foundation
import XCTest
@testable import NNLabGrading
@testable import NNLabExerciseReference

/// Once, end to end: a fresh student copy builds on its own with `swift build` (no network: it has no
/// dependencies) and its `grade` program grades the stubs to zero, every exercise in its own
/// process, without a crash. One build of the release (about 15 s here).
final class ReleaseEndToEndTests: XCTestCase {
    func swiftExecutable() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").map { "\($0)/swift" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    func testFreshReleaseBuildsAndGradesToZero() throws {
        let swift = try XCTUnwrap(swiftExecutable(), "swift is not on PATH")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nnlab-e2e-\(UUID().uuidString)").path
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        try ReleaseWriter.write(.student, to: dir, force: false)
        let build = IsolatedRunner.run(swift, ["build", "--package-path", dir], timeout: 600)
        guard case let .exited(status, out, err) = build, status == 0 else { return XCTFail("release build failed: \(build)") }
        _ = (out, err)
        let results = (dir as NSString).appendingPathComponent("results.json")
        let grade = IsolatedRunner.run((dir as NSString).appendingPathComponent(".build/debug/grade"), ["--results", results, "--width", "80"],
                                       directory: dir, timeout: 120)
        guard case let .exited(gs, table, gerr) = grade, gs == 0 else { return XCTFail("grade failed: \(grade)") }
        XCTAssertTrue(gerr.isEmpty, gerr)
        let hidden = ExtraGraders.all.reduce(0) { $0 + $1.points }, visible = VisibleGraders.all.reduce(0) { $0 + $1.points }
        XCTAssertTrue(table.contains("checked \(GradeReport.points(visible)) of \(GradeReport.points(visible + hidden)) points (visible graders only): scored 0"), table)
        XCTAssertFalse(table.contains("crashed"))
        XCTAssertFalse(table.contains("all tests passed"))
        for line in table.split(separator: "\n") { XCTAssertLessThanOrEqual(line.count, 80, String(line)) }
        // Gradescope's schema.
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: results))) as? [String: Any])
        XCTAssertEqual(json["score"] as? Double, 0)
        XCTAssertNotNil(json["execution_time"] as? Double)
        XCTAssertNotNil(json["output"] as? String)
        let tests = try XCTUnwrap(json["tests"] as? [[String: Any]])
        XCTAssertEqual(tests.count, VisibleGraders.all.count)
        for t in tests {
            XCTAssertEqual(Set(t.keys), ["name", "score", "max_score", "output", "visibility"])
            XCTAssertEqual(t["score"] as? Double, 0)
            XCTAssertTrue((t["output"] as? String)?.hasPrefix("not implemented: ") ?? false, "\(t)")
            XCTAssertEqual(t["visibility"] as? String, "visible")
        }
    }
}

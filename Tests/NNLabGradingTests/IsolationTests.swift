import Foundation
import XCTest
@testable import NNLabGrading
import NNLabExerciseReference

/// The trap and the infinite loop go through the isolated path: this test bundle is started again
/// as a child that grades one exercise (`IsolatedChild`), under `IsolatedRunner`'s deadline.
final class IsolationTests: XCTestCase {
    static let childEnv = "NNLAB_GRADING_CHILD"

    func runChild(_ which: String, exercise: String, timeout: Double) throws -> (IsolatedRunner.Outcome, [TestResult], Double) {
        let bundle = CommandLine.arguments[0]
        guard FileManager.default.isExecutableFile(atPath: bundle) else { throw XCTSkip("the test bundle is not an executable here: \(bundle)") }
        var env = ProcessInfo.processInfo.environment
        env[Self.childEnv] = which
        env["NNLAB_GRADING_EXERCISE"] = exercise
        env["SWIFT_BACKTRACE"] = "enable=no"
        let start = Date()
        let outcome = IsolatedRunner.run(bundle, ["NNLabGradingTests.IsolatedChild/testChild"], environment: env, timeout: timeout)
        let elapsed = Date().timeIntervalSince(start)
        return (outcome, IsolatedRunner.results(of: outcome, exercise: exercise, graders: Grading.allGraders), elapsed)
    }

    func testTrapCostsOnlyItsExercise() throws {
        let (outcome, r, _) = try runChild("trap", exercise: "relu-backward", timeout: 30)
        guard case let .crashed(signal, _) = outcome else { return XCTFail("expected a crash, got \(outcome)") }
        XCTAssertTrue([SIGILL, SIGTRAP].contains(signal), "signal \(signal)")
        XCTAssertEqual(r.map(\.name), Grading.allGraders.filter { $0.exercise == "relu-backward" }.map(\.name))
        for t in r {
            XCTAssertEqual(t.score, 0)
            XCTAssertTrue(t.output.hasPrefix("crashed (SIG"), t.output)
            XCTAssertTrue(t.output.contains("Index out of range"), t.output)
        }
        // The other exercises of the same submission still grade in their own children.
        let (_, affine, _) = try runChild("trap", exercise: "affine", timeout: 30)
        XCTAssertEqual(affine.reduce(0) { $0 + $1.score }, affine.reduce(0) { $0 + $1.maxScore })
        XCTAssertFalse(affine.isEmpty)
    }

    func testInfiniteLoopTimesOut() throws {
        let (outcome, r, elapsed) = try runChild("loop", exercise: "affine", timeout: 3)
        XCTAssertEqual(outcome, .timedOut(seconds: 3))
        XCTAssertLessThan(elapsed, 10, "the child's group is killed at the deadline")
        XCTAssertFalse(r.isEmpty)
        for t in r {
            XCTAssertEqual(t.score, 0)
            XCTAssertEqual(t.output, "timed out after 3 s (an infinite loop or very slow code?); only this exercise is affected")
        }
    }

    /// Ctrl-C's path: `stop` turning true ends the child (and its group) at the next poll.
    func testStopEndsTheChild() {
        let start = Date()
        let outcome = IsolatedRunner.run("/bin/sh", ["-c", "sleep 30"], timeout: 60, stop: { Date().timeIntervalSince(start) > 0.5 })
        XCTAssertEqual(outcome, .stopped)
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
        let r = IsolatedRunner.results(of: .stopped, exercise: "svm", graders: Grading.allGraders)
        XCTAssertFalse(r.isEmpty)
        XCTAssertTrue(r.allSatisfy { $0.score == 0 && $0.output == "not graded: the grading was stopped before this exercise finished" })
    }

    func testChildWithoutResultsIsReported() {
        let r = IsolatedRunner.results(of: .exited(status: 1, stdout: "", stderr: "boom\nmore"), exercise: "svm", graders: Grading.allGraders)
        XCTAssertFalse(r.isEmpty)
        XCTAssertTrue(r.allSatisfy { $0.score == 0 && $0.output == "crashed: the grading process gave no results (boom)" })
    }
}

/// The child's side of `IsolationTests`: does nothing (skipped) unless started as a child.
final class IsolatedChild: XCTestCase {
    func testChild() throws {
        let env = ProcessInfo.processInfo.environment
        guard let which = env[IsolationTests.childEnv], let exercise = env["NNLAB_GRADING_EXERCISE"] else {
            throw XCTSkip("runs only as IsolationTests' child")
        }
        let s = which == "trap" ? WrongImplementations.reluTraps : WrongImplementations.affineLoops
        IsolatedRunner.childMain(exercise: exercise, graders: Grading.allGraders, submission: s, expected: CoreExpectedValues())
    }
}

import Foundation
import NNLabExercises

public enum Grading {
    /// The graders a copy holds: the visible ones, and the hidden ones where they are present.
    public static var allGraders: [Grader] { VisibleGraders.all + ExtraGraders.all }

    /// Runs one grader in this process. A throw from the student's code costs this grader only:
    /// `notImplemented` reads "not implemented: NAME", any other error "your code threw: ...".
    public static func run(_ g: Grader, _ s: Submission, expected: any ExpectedValues) -> TestResult {
        func result(_ ok: Bool, _ message: String) -> TestResult {
            TestResult(name: g.name, exercise: g.exercise, score: ok ? g.points : 0, maxScore: g.points, output: message, visibility: g.visibility)
        }
        let want: [CaseOutputs]
        do { want = try g.cases.map { try expected.outputs(for: $0) } } catch {
            return result(false, "grader error (not your code): \(error)")
        }
        do {
            if let m = try g.check(s, want) { return result(false, m) }
            return result(true, "passed")
        } catch let e as ExerciseError {
            return result(false, e.description)
        } catch let e as GradingError {
            return result(false, "grader error (not your code): \(e)")
        } catch {
            return result(false, "your code threw: \(error)")
        }
    }

    /// Runs `graders` in this process (for code that cannot trap or hang; see `IsolatedRunner`).
    public static func run(_ graders: [Grader], _ s: Submission, expected: any ExpectedValues) -> [TestResult] {
        graders.map { run($0, s, expected: expected) }
    }

    /// Every result of `exercise` set to 0 with `message` (a crash or a timeout of its process).
    public static func failedAll(_ graders: [Grader], exercise: String, message: String) -> [TestResult] {
        graders.filter { $0.exercise == exercise }.map {
            TestResult(name: $0.name, exercise: $0.exercise, score: 0, maxScore: $0.points, output: message, visibility: $0.visibility)
        }
    }
}

import Foundation
import NNLabGrading

/// `nnlab exercises check`, in a student copy: builds its `grade` program and runs it (every
/// exercise in its own process), printing the score table it prints.
public enum StudentCheck {
    public struct CheckError: Error, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Returns the table (or throws with what went wrong: not a student copy, the build failed).
    public static func run(in dir: String, swift: String, width: Int, timeout: Double = 10) throws -> String {
        let fm = FileManager.default
        for need in ["Package.swift", "Fixtures/visible.json", "Sources/NNLabExercises"] where !fm.fileExists(atPath: (dir as NSString).appendingPathComponent(need)) {
            throw CheckError(message: "'\(dir)' is not a student copy of the exercises (no \(need)); run this in the folder nnlab exercises release wrote")
        }
        let build = IsolatedRunner.run(swift, ["build", "--package-path", dir, "--product", "grade"], timeout: 900)
        switch build {
        case let .exited(status, out, err) where status != 0:
            throw CheckError(message: "your code does not compile: \(BatchGrader.firstError(out + "\n" + err))")
        case .exited: break
        default: throw CheckError(message: "the build did not finish: \(build)")
        }
        var env = ProcessInfo.processInfo.environment
        env["SWIFT_BACKTRACE"] = "enable=no"
        let r = IsolatedRunner.run((dir as NSString).appendingPathComponent(".build/debug/grade"),
                                   ["--width", "\(max(40, width))", "--timeout", "\(timeout)"], environment: env, directory: dir,
                                   timeout: timeout * Double(Exercises.all.count) + 60)
        guard case let .exited(0, table, _) = r else { throw CheckError(message: "the grading program failed: \(r)") }
        return table
    }
}

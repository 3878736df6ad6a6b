import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a child process with a deadline, so code that traps or loops forever costs only its own run.
///
/// The child is started with Foundation's `Process`, which puts it in a process group of its own
/// (its pgid is its pid); at the deadline the whole group gets SIGKILL, so grandchildren die too.
/// Output goes to temporary files, not pipes, so a child writing a lot cannot block on a full pipe.
public enum IsolatedRunner {
    public enum Outcome: Equatable, Sendable {
        /// Exited on its own with this status.
        case exited(status: Int32, stdout: String, stderr: String)
        /// Ended by a signal it raised itself (a trap: SIGILL, SIGTRAP, SIGSEGV...).
        case crashed(signal: Int32, stderr: String)
        /// Still running at the deadline, then killed.
        case timedOut(seconds: Double)
        /// Could not be started.
        case failedToStart(String)
        /// Ended (its process group killed) because the caller's `stop` said so, e.g. after Ctrl-C.
        case stopped
    }

    /// Runs `executable` and waits at most `timeout` seconds. `stop`, when given, is asked about
    /// every 0.2 s while the child runs; when it returns true the child's group is killed and the
    /// outcome is `.stopped` (the caller's Ctrl-C, or a progress poll that wants out).
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                           directory: String? = nil, timeout: Double, stop: (@Sendable () -> Bool)? = nil) -> Outcome {
        let fm = FileManager.default
        let tmp = fm.temporaryDirectory.appendingPathComponent("nnlab-grade-\(UUID().uuidString)")
        do { try fm.createDirectory(at: tmp, withIntermediateDirectories: true) } catch { return .failedToStart("\(error)") }
        defer { try? fm.removeItem(at: tmp) }
        let outURL = tmp.appendingPathComponent("stdout"), errURL = tmp.appendingPathComponent("stderr")
        _ = fm.createFile(atPath: outURL.path, contents: nil)
        _ = fm.createFile(atPath: errURL.path, contents: nil)
        guard let out = try? FileHandle(forWritingTo: outURL), let err = try? FileHandle(forWritingTo: errURL) else {
            return .failedToStart("cannot create output files in \(tmp.path)")
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        if let environment { p.environment = environment }
        if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        p.terminationHandler = { _ in done.signal() }
        do { try p.run() } catch { return .failedToStart("cannot start \(executable): \(error)") }
        let pid = p.processIdentifier
        let deadline = DispatchTime.now() + timeout
        var ended: Outcome?
        while done.wait(timeout: min(deadline, .now() + (stop == nil ? timeout : 0.2))) == .timedOut {
            if DispatchTime.now() >= deadline { ended = .timedOut(seconds: timeout) } else if stop?() == true { ended = .stopped } else { continue }
            _ = kill(-pid, SIGKILL)   // the child's whole process group
            _ = kill(pid, SIGKILL)
            done.wait()
            break
        }
        if let ended {
            try? out.close(); try? err.close()
            return ended
        }
        try? out.close(); try? err.close()
        let stdout = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        if p.terminationReason == .uncaughtSignal {
            return .crashed(signal: p.terminationStatus, stderr: stderr)
        }
        return .exited(status: p.terminationStatus, stdout: stdout, stderr: stderr)
    }

    public static func signalName(_ s: Int32) -> String {
        switch s {
        case SIGILL: return "SIGILL"
        case SIGTRAP: return "SIGTRAP"
        case SIGSEGV: return "SIGSEGV"
        case SIGABRT: return "SIGABRT"
        case SIGBUS: return "SIGBUS"
        case SIGFPE: return "SIGFPE"
        case SIGKILL: return "SIGKILL"
        default: return "signal \(s)"
        }
    }

    /// Results of one exercise graded in a child: the child prints its `[TestResult]` as one JSON
    /// line starting with `marker`. A crash or a timeout gives every grader of the exercise 0.
    public static let marker = "NNLAB-RESULTS "

    public static func results(of outcome: Outcome, exercise: String, graders: [Grader]) -> [TestResult] {
        switch outcome {
        case let .exited(_, stdout, stderr):
            if let line = stdout.split(separator: "\n").last(where: { $0.hasPrefix(marker) }),
               let data = line.dropFirst(marker.count).data(using: .utf8),
               let r = try? JSONDecoder().decode([TestResult].self, from: data) {
                return r
            }
            let why = stderr.split(separator: "\n").first.map(String.init) ?? "no results"
            return Grading.failedAll(graders, exercise: exercise, message: "crashed: the grading process gave no results (\(why))")
        case let .crashed(signal, stderr):
            let fatal = stderr.split(separator: "\n").first { $0.contains("Fatal error") || $0.contains("error:") }.map { ": " + $0 } ?? ""
            return Grading.failedAll(graders, exercise: exercise, message: "crashed (\(signalName(signal)))\(fatal); only this exercise is affected")
        case let .timedOut(seconds):
            return Grading.failedAll(graders, exercise: exercise, message: "timed out after \(GradeReport.points(seconds)) s (an infinite loop or very slow code?); only this exercise is affected")
        case let .failedToStart(why):
            return Grading.failedAll(graders, exercise: exercise, message: "not graded: \(why)")
        case .stopped:
            return Grading.failedAll(graders, exercise: exercise, message: "not graded: the grading was stopped before this exercise finished")
        }
    }

    /// The child's side: grade one exercise in this process and print the marker line.
    public static func childMain(exercise: String, graders: [Grader], submission: Submission, expected: any ExpectedValues) {
        let r = Grading.run(graders.filter { $0.exercise == exercise }, submission, expected: expected)
        let data = (try? JSONEncoder().encode(r)) ?? Data("[]".utf8)
        let line = marker + (String(data: data, encoding: .utf8) ?? "[]") + "\n"
        FileHandle.standardOutput.write(Data(line.utf8))
    }
}

import Foundation
import NNLabCommands
import NNLabCore
import NNLabGrading

/// The graders of a batch's grading copy as 0-point results (`GradingMain.declared`), known up front
/// (the built-in ones) or asked of the copy once: with `--hidden DIR` only the copy, compiled with
/// DIR's ExtraGraders.swift, knows them. Shared by the worker threads; one listing at a time.
final class CopyGraders: @unchecked Sendable {
    private let lock = NSLock()
    private var listed: Result<[TestResult], BatchGrader.BatchError>?
    private let builtIn: [TestResult]?

    init(_ builtIn: [TestResult]?) { self.builtIn = builtIn }

    /// The graders when no build is needed to know them.
    var known: [TestResult]? {
        if let builtIn { return builtIn }
        lock.lock(); defer { lock.unlock() }
        if case let .success(t)? = listed { return t }
        return nil
    }

    /// Writes the stubs into `copy`, builds it and runs `grade --list` (about one incremental build;
    /// the next student's files are written over the stubs as usual). A copy that does not build
    /// with the stubs (a broken --hidden ExtraGraders.swift) is remembered as such: its message,
    /// not a second build per student. nil when stopped by Ctrl-C.
    func list(copy: String, stubs: [String: Data], _ o: BatchGrader.Options, stop: @escaping @Sendable () -> Bool) -> Result<[TestResult], BatchGrader.BatchError>? {
        if let builtIn { return .success(builtIn) }
        lock.lock(); defer { lock.unlock() }
        if let listed { return listed }
        let hidden = o.hidden ?? "the grading copy"
        func fail(_ m: String) -> Result<[TestResult], BatchGrader.BatchError> {
            listed = .failure(BatchGrader.BatchError(message: m))
            return .failure(BatchGrader.BatchError(message: m))
        }
        for (path, stub) in stubs {
            do { try BatchGrader.writeIfChanged(stub, to: (copy as NSString).appendingPathComponent(path)) } catch {
                return .failure(BatchGrader.BatchError(message: "cannot list the graders of \(hidden): \(error)"))
            }
        }
        let build = IsolatedRunner.run(o.swift, ["build", "--package-path", copy, "--product", "grade"], timeout: o.buildTimeout, stop: stop)
        switch build {
        case .stopped: return nil
        case .exited(0, _, _): break
        case let .exited(_, out, err):
            let first = BatchGrader.firstError(out + "\n" + err).replacingOccurrences(of: copy + "/", with: "")
            return fail("the grading copy with \(hidden)'s graders does not build even with the stubs: \(first)")
        case .timedOut: return fail("the grading copy with \(hidden)'s graders timed out building with the stubs after \(GradeReport.points(o.buildTimeout)) s")
        case let .crashed(signal, _): return fail("the build of the grading copy with \(hidden)'s graders crashed (\(IsolatedRunner.signalName(signal)))")
        case let .failedToStart(why): return fail("the build of the grading copy with \(hidden)'s graders did not start: \(why)")
        }
        let path = (copy as NSString).appendingPathComponent("graders.json")
        try? FileManager.default.removeItem(atPath: path)
        let run = IsolatedRunner.run((copy as NSString).appendingPathComponent(".build/debug/grade"), ["--list", path], directory: copy, timeout: 60, stop: stop)
        if run == .stopped { return nil }
        guard case .exited(0, _, _) = run, let data = FileManager.default.contents(atPath: path),
              let tests = try? JSONDecoder().decode([TestResult].self, from: data) else {
            return fail("the grading copy with \(hidden)'s graders could not list them (\(run))")
        }
        listed = .success(tests)
        return .success(tests)
    }
}

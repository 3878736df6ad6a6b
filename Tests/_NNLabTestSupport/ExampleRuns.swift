import Foundation
import NNLabCommands

/// Every help example run once per test process and shared: HelpTests (fields documented, examples
/// run) and WidthTests (every screen fits) read the same outcomes instead of each running the
/// heavy examples (train, search, init at the lecture's size) again in a debug build.
///
/// Each example runs on a fresh interpreter (after its `after` line), in a scratch folder, since
/// some write files (`save init.svg`).
public enum ExampleRuns {
    public struct Run: @unchecked Sendable {
        public var line: String
        public var after: String?
        /// The interpreter after the run (for `resultValue`).
        public var interpreter: Interpreter
        public var outcomes: [Interpreter.Outcome]
    }

    private final class Cache: @unchecked Sendable {
        let lock = NSLock()
        var runs: [String: Run] = [:]
    }
    private static let cache = Cache()

    /// The outcomes of `line` run on a fresh interpreter after `after`, computed at most once.
    public static func run(_ line: String, after: String? = nil) -> Run {
        let key = (after ?? "") + "\u{0}" + line
        cache.lock.lock()
        defer { cache.lock.unlock() }
        if let r = cache.runs[key] { return r }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("nnlab-examples-\(getpid())")
        try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let previous = FileManager.default.currentDirectoryPath
        _ = FileManager.default.changeCurrentDirectoryPath(scratch.path)
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        var i = Interpreter()
        if let after { _ = i.execute(line: after) }
        let outcomes = i.execute(line: line)
        let r = Run(line: line, after: after, interpreter: i, outcomes: outcomes)
        cache.runs[key] = r
        return r
    }
}

/// A short line diff for test failures: each differing line as "- expected" / "+ got", with its
/// number, at most `limit` of them.
public func lineDiff(expected: String, got: String, limit: Int = 20) -> String {
    let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let b = got.split(separator: "\n", omittingEmptySubsequences: false)
    var out: [String] = []
    var shown = 0
    for n in 0..<max(a.count, b.count) {
        let x = n < a.count ? String(a[n]) : nil, y = n < b.count ? String(b[n]) : nil
        guard x != y else { continue }
        shown += 1
        if shown > limit { out.append("... (more lines differ)"); break }
        out.append("line \(n + 1):")
        if let x { out.append("- " + x) }
        if let y { out.append("+ " + y) }
    }
    return out.joined(separator: "\n")
}

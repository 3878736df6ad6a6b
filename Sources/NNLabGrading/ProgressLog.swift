import Foundation

/// `--progress PATH`: one line per finished exercise, appended under a lock (worker threads).
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private let handle: FileHandle

    init?(path: String) {
        guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path) else { return nil }
        handle = h
    }

    func append(_ exercise: String) {
        lock.lock(); defer { lock.unlock() }
        handle.write(Data((exercise + "\n").utf8))
    }
}

import CEditLine
import Foundation
import NNLabCommands
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// nnlab's history file (`~/.nnlab_history` or `$NNLAB_HISTORY`): libedit's format, a first line
/// `_HiStOrY_V2_` and then one `strvis`-encoded line per entry.
///
/// It is nnlab's own file, so nnlab only ever rewrites a file that already is one:
/// - A file that does not start with the header (a text file, a `.bash_history`, a binary file),
///   a directory, a FIFO, a read-only file or a folder that does not exist is refused at start-up
///   with one sentence (`problem`); the session goes on without saving, and the file is untouched.
/// - Saving appends, as shells do: under an advisory lock (`flock` on the folder, so the lock
///   survives the rename that replaces the file), re-read the file, add this shell's new lines,
///   keep the newest `limit`, write through `SafeFileWriter` (temporary file, fsync, rename).
///   Two shells sharing one file therefore keep each other's lines.
/// - A history longer than `limit` entries is noted once (`notes`): the oldest are dropped.
public final class HistoryFile {
    public static let header = "_HiStOrY_V2_"
    public let path: String
    public let limit: Int32
    /// Why the history cannot be saved, in one sentence; nil when it can.
    public private(set) var problem: String?
    /// Things worth saying once at start-up that do not stop saving.
    public private(set) var notes: [String] = []
    /// Lines entered in this shell since the last successful save.
    private var pending: [String] = []

    public init(path: String, limit: Int32 = 1000) {
        self.path = SafeFileWriter.expandingTilde(path)
        self.limit = limit
        problem = inspect()
        if problem == nil, let n = entryCount(), n > Int(limit) {
            notes.append("history \(self.path) has \(n) entries; nnlab keeps the newest \(limit) when it saves")
        }
    }

    /// Loads the saved lines into `hist` (nothing when the file is refused or missing).
    func load(into hist: OpaquePointer, _ event: inout HistEvent) {
        guard problem == nil, hasHeader() == true else { return }
        nn_history_load(hist, &event, path)
    }

    /// Adds a line and saves; returns a sentence the first time saving fails (then stops trying).
    @discardableResult
    public func append(_ line: String) -> String? {
        guard problem == nil else { return nil }
        pending.append(line)
        do {
            try save()
            pending.removeAll()
            return nil
        } catch {
            problem = "history will not be saved: \(error)"
            return problem
        }
    }

    struct Failure: Error, CustomStringConvertible { var description: String }

    private func save() throws {
        let folder = (path as NSString).deletingLastPathComponent
        let dirFD = open(folder.isEmpty ? "." : folder, O_RDONLY)
        guard dirFD >= 0 else { throw Failure(description: "cannot open the folder of \(path): \(errnoText())") }
        defer { close(dirFD) }
        while flock(dirFD, LOCK_EX) != 0 {
            guard errno == EINTR else { throw Failure(description: "cannot lock the folder of \(path): \(errnoText())") }
        }
        defer { flock(dirFD, LOCK_UN) }
        // Re-checked under the lock: another program may have replaced the file since start-up.
        if let p = inspect() { throw Failure(description: p) }
        guard let h = history_init() else { throw Failure(description: "libedit could not make a history") }
        defer { history_end(h) }
        var ev = HistEvent()
        nn_history_setsize(h, &ev, limit)
        if hasHeader() == true { nn_history_load(h, &ev, path) }
        for line in pending { nn_history_enter(h, &ev, line) }
        try SafeFileWriter.write(try encoded(h, &ev), to: path, newFileMode: 0o600)
    }

    /// The history as libedit writes it, through an anonymous temporary file (`tmpfile`: no name,
    /// gone when closed; libedit's save calls `fchmod` on its stream, so a memory stream will not
    /// do), so the bytes then go through the one safe write path.
    private func encoded(_ h: OpaquePointer, _ ev: inout HistEvent) throws -> Data {
        guard let stream = tmpfile() else { throw Failure(description: "cannot make a temporary file: \(errnoText())") }
        defer { fclose(stream) }
        guard nn_history_save_fp(h, &ev, stream) >= 0, fflush(stream) == 0 else {
            throw Failure(description: "libedit could not encode the history: \(errnoText())")
        }
        rewind(stream)
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, stream) }
            if n > 0 { data.append(contentsOf: chunk[..<n]) }
            if n < chunk.count { break }
        }
        guard ferror(stream) == 0 else { throw Failure(description: "cannot read back the history: \(errnoText())") }
        return data
    }

    /// Nil when the path can hold nnlab's history, else why not.
    private func inspect() -> String? {
        let cannot = "history will not be saved: \(path)"
        var info = stat()
        if stat(path, &info) != 0 {
            let code = errno
            var link = stat()
            if lstat(path, &link) == 0 { return "\(cannot) is a symbolic link to a file that does not exist" }
            guard code == ENOENT else { return "\(cannot): \(String(cString: strerror(code)).lowercased())" }
            let folder = (path as NSString).deletingLastPathComponent
            let dir = folder.isEmpty ? "." : folder
            var d = stat()
            guard stat(dir, &d) == 0, (d.st_mode & S_IFMT) == S_IFDIR else { return "\(cannot): the folder \(dir) does not exist" }
            guard access(dir, W_OK) == 0 else { return "\(cannot): the folder \(dir) is not writable" }
            return nil
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            return "\(cannot) is \(SafeFileWriter.kind(info.st_mode)), not a history file; set NNLAB_HISTORY to a file name"
        }
        // The mode bits as well as access(2), which says yes to root for a read-only file.
        guard access(path, W_OK) == 0, (info.st_mode & S_IWUSR) != 0 else { return "\(cannot) is read-only" }
        switch hasHeader() {
        case .none: return "\(cannot) cannot be read: \(errnoText())"
        case false?:
            return "\(cannot) does not start with libedit's history header \(Self.header), so it is not nnlab's and is left alone; set NNLAB_HISTORY to another file"
        case true?: return nil
        }
    }

    /// Whether the file starts with the header (an empty file counts as a new history); nil when
    /// it cannot be read.
    private func hasHeader() -> Bool? {
        guard let fh = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? fh.close() }
        let want = Array((Self.header + "\n").utf8)
        guard let first = try? fh.read(upToCount: want.count) else { return true }
        return first.isEmpty || Array(first) == want
    }

    /// Lines after the header (entries, one per line since libedit encodes newlines).
    private func entryCount() -> Int? {
        guard let data = FileManager.default.contents(atPath: path), !data.isEmpty else { return nil }
        return max(0, data.reduce(0) { $0 + ($1 == 10 ? 1 : 0) } - 1)
    }

    private func errnoText() -> String { String(cString: strerror(errno)).lowercased() }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The one path by which nnlab writes a file (SVG figures now; history, CSV, JSON and reports later).
///
/// A write either leaves the complete new bytes at the path or leaves whatever was there untouched:
///
/// 1. `~` at the start is expanded from `$HOME` (not the password file), as a shell does.
/// 2. What may be replaced is only a regular file at the exact path named, or a symlink whose
///    target is a regular file (the target is replaced, the link stays). A directory, a FIFO, a
///    device, a dangling symlink or a symlink to anything but a regular file is refused.
/// 3. The bytes go to a temporary file created exclusively (`mkstemp`, `O_EXCL`) in the same
///    folder, with a short name (`.nnlab-XXXXXX`, 13 characters, so any valid name can be
///    written), then `fsync`, then `rename(2)` onto the path (atomic on one file system).
/// 4. On any failure only that temporary file, which this call just created, is removed.
///
/// Errors name the path and the reason in words (`strerror`), never an NSError code.
public enum SafeFileWriter {
    public struct WriteError: Error, Equatable, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot write '\(path)': \(reason)" }
    }

    /// `~` or `~/...` expanded from `$HOME`; any other path unchanged. `~user` is left as typed.
    public static func expandingTilde(_ path: String, home: String? = ProcessInfo.processInfo.environment["HOME"]) -> String {
        guard let home, !home.isEmpty else { return path }
        if path == "~" { return home }
        if path.hasPrefix("~/") { return home + path.dropFirst() }
        return path
    }

    /// Writes `data` to `path` (after `~` expansion) safely; returns the path written (the
    /// symlink's target when `path` is a link to a regular file). A new file gets `newFileMode`
    /// (0o600 for private files such as the history); a replaced one keeps its permissions.
    @discardableResult
    public static func write(_ data: Data, to path: String, newFileMode: mode_t = 0o644) throws(WriteError) -> String {
        let named = expandingTilde(path)
        guard !named.isEmpty else { throw WriteError(path: path, reason: "the file name is empty") }
        guard !named.hasSuffix("/") else { throw WriteError(path: path, reason: "the name ends in '/', which names a folder; give a file name, e.g. plot.svg") }
        var target = named
        var mode: mode_t = newFileMode
        var info = stat()
        if lstat(named, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFLNK {
                var through = stat()
                guard stat(named, &through) == 0 else {
                    throw WriteError(path: path, reason: "it is a symbolic link to '\(linkTarget(named))', which does not exist; nnlab does not write through a dangling link")
                }
                guard (through.st_mode & S_IFMT) == S_IFREG else {
                    throw WriteError(path: path, reason: "it is a symbolic link to \(kind(through.st_mode)), not to a regular file; only a regular file is replaced")
                }
                guard let resolved = realpath(named, nil) else {
                    throw WriteError(path: path, reason: "its symbolic link cannot be resolved: \(errnoText())")
                }
                target = String(cString: resolved)
                free(resolved)
                mode = through.st_mode & 0o7777
            } else if (info.st_mode & S_IFMT) == S_IFREG {
                mode = info.st_mode & 0o7777
            } else {
                throw WriteError(path: path, reason: "it is \(kind(info.st_mode)), not a regular file; only a regular file is replaced")
            }
        }
        let folder = (target as NSString).deletingLastPathComponent
        let dir = folder.isEmpty ? "." : folder
        var template = Array((dir + "/.nnlab-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw WriteError(path: path, reason: "cannot create a file in the folder '\(dir)': \(errnoText())")
        }
        let tmp = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        func abandon(_ reason: String) -> WriteError {
            close(fd)
            unlink(tmp)
            return WriteError(path: path, reason: reason)
        }
        let written = data.withUnsafeBytes { raw -> Int in
            var off = 0
            while off < raw.count {
                let n = posixWrite(fd, raw.baseAddress! + off, raw.count - off)
                if n < 0 { if errno == EINTR { continue }; return -1 }
                off += n
            }
            return off
        }
        if written < 0 { throw abandon(errnoText()) }
        if fchmod(fd, mode) != 0 { throw abandon("cannot set permissions: \(errnoText())") }
        if fsync(fd) != 0 { throw abandon(errnoText()) }
        if close(fd) != 0 { unlink(tmp); throw WriteError(path: path, reason: errnoText()) }
        if rename(tmp, target) != 0 {
            let reason = errnoText()
            unlink(tmp)
            throw WriteError(path: path, reason: reason)
        }
        return target
    }

    #if canImport(Glibc)
    static let posixWrite = Glibc.write
    #else
    static let posixWrite = Darwin.write
    #endif

    static func errnoText() -> String { String(cString: strerror(errno)).lowercased() }

    static func linkTarget(_ path: String) -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
    }

    /// A file type in words.
    public static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        case S_IFLNK: return "a symbolic link"
        default: return "not a regular file"
        }
    }
}

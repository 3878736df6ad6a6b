#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Reading a `.lab` file: only a regular file of UTF-8 text is read (a FIFO is never opened, so it
/// cannot hang), and each refusal says what the path is and why, in words.
public enum LabFile {
    public struct ReadError: Error, Equatable, CustomStringConvertible {
        public var path: String, reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// A lab larger than this is refused (the largest shipped lab is a few kilobytes).
    public static let maxBytes = 1 << 20

    public static func read(_ path: String) throws -> String {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            var link = stat()
            if code == ENOENT, lstat(path, &link) == 0 {
                throw ReadError(path: path, reason: "cannot read the lab: it is a symbolic link to a file that does not exist")
            }
            if code == ELOOP { throw ReadError(path: path, reason: "cannot read the lab: its symbolic links loop") }
            if code == ENOENT { throw ReadError(path: path, reason: "no such lab file; e.g. nnlab run labs/conv-arithmetic.lab") }
            throw ReadError(path: path, reason: "cannot read the lab: \(String(cString: strerror(code)).lowercased())")
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw ReadError(path: path, reason: "is a folder, not a lab file; `nnlab check \(path)` runs the .lab files in a folder")
        case S_IFIFO: throw ReadError(path: path, reason: "is a FIFO (named pipe), not a lab file; give a regular .lab file")
        default: throw ReadError(path: path, reason: "is a device or socket, not a lab file; give a regular .lab file")
        }
        guard Int(info.st_size) <= maxBytes else {
            throw ReadError(path: path, reason: "is \(info.st_size) bytes; a lab may be at most \(maxBytes) bytes (1 MiB)")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = access(path, R_OK) != 0 ? String(cString: strerror(errno)).lowercased() : "the file could not be read"
            throw ReadError(path: path, reason: "cannot read the lab: \(reason)")
        }
        if data.contains(0) {
            throw ReadError(path: path, reason: "is a binary file (it contains NUL bytes), not a lab; a lab is UTF-8 text")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ReadError(path: path, reason: "is not UTF-8 text; save the lab as UTF-8")
        }
        return text
    }
}

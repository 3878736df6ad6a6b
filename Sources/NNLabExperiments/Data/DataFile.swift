#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Whole-file reads: one `fstat` and `read(2)` calls straight into a `[UInt8]` of the file's size
/// (no Foundation `Data`, no per-byte work), so a 47 MB MNIST file costs one copy from the page cache.
public enum DataFile {
    /// Files larger than this are refused before reading (the largest standard file, CIFAR-10's five
    /// training batches together, is 154 MB; one file is at most 31 MB; MNIST's images 47 MB).
    public static let maxBytes = 512 << 20

    /// Every byte of the file at `path`. Errors name the file (`shown`, default the path) and say
    /// what was wrong: missing, a folder, unreadable, too large, or a short read.
    public static func readAll(_ path: String, shown: String? = nil) throws(DataFileError) -> [UInt8] {
        let name = shown ?? path
        let fd = open(path, O_RDONLY | O_NONBLOCK)   // never blocks on a FIFO; fstat refuses it below
        guard fd >= 0 else {
            throw DataFileError(name, errno == ENOENT ? "no such file" : "cannot open: \(errnoText())")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw DataFileError(name, "cannot read its size: \(errnoText())") }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw DataFileError(name, (info.st_mode & S_IFMT) == S_IFDIR ? "is a folder, not a file" : "is not a regular file")
        }
        let size = Int(info.st_size)
        guard size <= maxBytes else {
            throw DataFileError(name, "is \(size / (1 << 20)) MB, more than the \(maxBytes >> 20) MB nnlab reads from one file")
        }
        guard size > 0 else { return [] }
        var failure: String?
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            guard let base = buffer.baseAddress else { initialized = 0; return }
            var off = 0
            while off < size {
                let n = read(fd, base + off, size - off)
                if n < 0 { if errno == EINTR { continue }; failure = errnoText(); break }
                if n == 0 { break }
                off += n
            }
            initialized = off
        }
        if let failure { throw DataFileError(name, "read failed: \(failure)") }
        guard bytes.count == size else { throw DataFileError(name, "the file shrank while being read (\(bytes.count) of \(size) bytes)") }
        return bytes
    }

    /// Whether a regular file exists at `path`.
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// Whether anything (file, folder, device, ...) is at `path`.
    public static func anything(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// Whether `path` is a folder.
    public static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    static func errnoText() -> String { String(cString: strerror(errno)).lowercased() }
}

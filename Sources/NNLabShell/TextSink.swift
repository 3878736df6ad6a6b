#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where text goes: standard output or error, or a buffer in tests.
public protocol TextSink: AnyObject {
    func write(_ text: String)
}

/// Unbuffered writes to a file descriptor (stdout 1, stderr 2), so output and prompts interleave
/// correctly with libedit.
public final class FileSink: TextSink, Sendable {
    public let fd: Int32
    public init(fd: Int32) { self.fd = fd }
    public static let standardOutput = FileSink(fd: 1)
    public static let standardError = FileSink(fd: 2)

    public func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { buf -> Int in
                guard let base = buf.baseAddress else { return 0 }
                #if canImport(Glibc)
                return Glibc.write(fd, base + offset, buf.count - offset)
                #else
                return Darwin.write(fd, base + offset, buf.count - offset)
                #endif
            }
            if n <= 0 { if errno == EINTR { continue } else { return } }
            offset += n
        }
    }

    /// Whether the descriptor is a terminal.
    public var isTerminal: Bool { isatty(fd) != 0 }
}

/// Collects text in memory (tests, and capturing a command's printed text for `expect-output`).
public final class BufferSink: TextSink {
    public private(set) var text = ""
    public init() {}
    public func write(_ s: String) { text += s }
    public func clear() { text = "" }
}

import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Unbuffered writes to a file descriptor (stdout 1, stderr 2), so output and prompts interleave
/// correctly with libedit.
///
/// A write that fails (a closed pipe: `nnlab ... | head -0`; a full disk: `> /dev/full`; a closed
/// descriptor) ends the process on standard output: nnlab has nowhere left to say its results,
/// so it says once on standard error what failed and exits with status 1 (`FileSink.writeFailedStatus`)
/// instead of computing on or reporting success. SIGPIPE must be ignored for this to see EPIPE
/// (`FileSink.ignoreBrokenPipeSignal()`, which the executable calls first); otherwise the signal
/// ends the process silently with status 141. A failed write to standard error is dropped: there is
/// nowhere to report it.
public final class FileSink: TextSink, Sendable {
    public let fd: Int32
    /// Whether a failed write ends the process with a message (standard output) or is dropped.
    public let exitOnFailure: Bool
    public init(fd: Int32, exitOnFailure: Bool = false) { self.fd = fd; self.exitOnFailure = exitOnFailure }
    public static let standardOutput = FileSink(fd: 1, exitOnFailure: true)
    public static let standardError = FileSink(fd: 2)
    /// The exit status after standard output could not be written.
    public static let writeFailedStatus: Int32 = 1

    private static let failing = Atomic<Bool>(false)

    /// Makes writes to a closed pipe fail with EPIPE instead of killing the process.
    public static func ignoreBrokenPipeSignal() { signal(SIGPIPE, SIG_IGN) }

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
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                if exitOnFailure { Self.fail(fd: fd, errno: n < 0 ? errno : EIO) }
                return
            }
            offset += n
        }
    }

    /// One line on standard error naming the stream and the reason, then `_exit` (no atexit
    /// handlers: other threads may still be computing and writing).
    static func fail(fd: Int32, errno code: Int32) -> Never {
        // Records may come from several threads at once: only the first says why.
        guard !failing.exchange(true, ordering: .sequentiallyConsistent) else {
            while true { pause() }
        }
        let stream = fd == 1 ? "standard output" : "file descriptor \(fd)"
        let reason = String(cString: strerror(code)).lowercased()
        let message = Array("nnlab: cannot write to \(stream): \(reason); stopping\n".utf8)
        _ = message.withUnsafeBytes { buf in
            #if canImport(Glibc)
            Glibc.write(2, buf.baseAddress, buf.count)
            #else
            Darwin.write(2, buf.baseAddress, buf.count)
            #endif
        }
        _exit(writeFailedStatus)
    }

    /// Whether the descriptor is a terminal.
    public var isTerminal: Bool { isatty(fd) != 0 }
}

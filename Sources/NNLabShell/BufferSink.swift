import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Collects text in memory (tests, and capturing a command's printed text for `expect-output`).
public final class BufferSink: TextSink {
    public private(set) var text = ""
    public init() {}
    public func write(_ s: String) { text += s }
    public func clear() { text = "" }
}

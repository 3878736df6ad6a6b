import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where text goes: standard output or error, or a buffer in tests.
public protocol TextSink: AnyObject {
    func write(_ text: String)
}

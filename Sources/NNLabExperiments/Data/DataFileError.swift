#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A data file that could not be used: which file and what was wrong, as one line
/// (`train-images-idx3-ubyte: magic number 2049, expected 2051 (images)`).
public struct DataFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file as the user would recognize it (its name, or its path).
    public var file: String
    public var reason: String
    public init(_ file: String, _ reason: String) { self.file = file; self.reason = reason }
    public var description: String { "\(file): \(reason)" }
}

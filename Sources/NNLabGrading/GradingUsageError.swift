import Foundation

public struct GradingUsageError: Error, Equatable {
    public var message: String
    public init(_ m: String) { message = m }
}

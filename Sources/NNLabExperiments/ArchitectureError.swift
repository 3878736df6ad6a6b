/// An error in a network description, naming the layer.
public struct ArchitectureError: Error, CustomStringConvertible, Sendable, Equatable {
    public var description: String
    public init(_ d: String) { description = d }
}

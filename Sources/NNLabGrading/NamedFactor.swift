import NNLabExercises

/// A factor a wrong answer may be off by, with the name the message gives it ("p", "N", "2").
public struct NamedFactor: Sendable {
    public var name: String
    public var value: Double
    public init(_ name: String, _ value: Double) { self.name = name; self.value = value }
}

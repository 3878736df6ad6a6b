import NNLabCore

public struct FieldDoc: Sendable, Codable, Equatable {
    public var name: String
    public var help: String
    public init(_ name: String, _ help: String) { self.name = name; self.help = help }

    /// One doc may describe several fields: "f, s, p".
    public var names: [String] { name.split(separator: ",").map { String($0).trimmingWhitespace() } }
}

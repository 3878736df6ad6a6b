import NNLabCore

public struct Example: Sendable, Codable, Equatable {
    public var line: String
    public var explanation: String
    /// An example of a mistake: it must fail with a message (the tests check that it does).
    public var fails: Bool
    /// A line the example needs run first (`init xavier` before `save init.svg`).
    public var after: String?
    public init(_ line: String, _ explanation: String, fails: Bool = false, after: String? = nil) {
        self.line = line; self.explanation = explanation; self.fails = fails; self.after = after
    }
}

/// A one-line acknowledgement (`seed 0` -> "seed 0: random numbers now follow np.random.seed(0)").
public struct MessageOutput: CommandOutput {
    public var message: String
    public var key: String?
    public var value: String?
    public func renderText(_ style: TextStyle) -> String { message.fitted(style) }

    /// key and value belong to `set`'s message only: other commands' messages do not carry them as nulls.
    enum CodingKeys: String, CodingKey { case message, key, value }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(message, forKey: .message)
        if let key { try c.encode(key, forKey: .key) }
        if let value { try c.encode(value, forKey: .value) }
    }
}

import NNLabCore

/// A "try it" command's result, rendered as the command itself renders it.
public struct LectureStepResult: StreamRecord, TextRecord {
    public static let recordType = "try_it_result"
    public var command: String
    public var output: any CommandOutput

    enum CodingKeys: String, CodingKey { case command, result }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(command, forKey: .command)
        try output.encode(to: c.superEncoder(forKey: .result))
    }

    public func renderLine(_ style: TextStyle) -> String { output.renderText(style) }
}

import NNLabCore

/// The next "try it" command, shown before it runs.
public struct LectureStepShown: StreamRecord, TextRecord {
    public static let recordType = "try_it"
    public var block: Int, blocks: Int, step: Int, total: Int
    public var command: String

    public func renderLine(_ style: TextStyle) -> String {
        let head = style.dim("[\(step)/\(total), block \(block) of \(blocks)]")
        return "\n" + head + "\n" + style.accent("nnlab> ") + command
    }
}

import NNLabCore
import NNLabExperiments

/// An answer marked: right, or wrong with the answer and the working.
public struct QuizMarked: StreamRecord, TextRecord {
    public static let recordType = "marked"
    public var item: QuizOutput.Item

    public func renderLine(_ style: TextStyle) -> String { item.verdictLines(style).joined(separator: "\n") }
}

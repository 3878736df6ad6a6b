import NNLabCore
import NNLabExperiments

/// A question put at the prompt (a streamed record).
public struct QuizAsked: StreamRecord, TextRecord {
    public static let recordType = "question"
    public var number: Int
    public var of: Int
    public var text: String
    public var tolerance_text: String

    public func renderLine(_ style: TextStyle) -> String {
        ([""] + QuizText.wrap(text + " (" + tolerance_text + ")", width: style.width, boldPrefix: "Question \(number) of \(of).", style: style))
            .joined(separator: "\n")
    }
}

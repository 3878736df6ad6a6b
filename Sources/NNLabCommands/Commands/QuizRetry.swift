import NNLabCore
import NNLabExperiments

/// An answer that was not a number: why, and the question again.
public struct QuizRetry: StreamRecord, TextRecord {
    public static let recordType = "retry"
    public var number: Int
    public var problem: String
    public var text: String

    public func renderLine(_ style: TextStyle) -> String {
        (QuizText.wrap(problem, width: style.width, paint: style.bad) + QuizText.wrap("Again: " + text, width: style.width)).joined(separator: "\n")
    }
}

import NNLabCore

/// A "try it" command that failed: its error, as the shell shows errors.
public struct LectureStepFailed: StreamRecord, TextRecord {
    public static let recordType = "try_it_error"
    public var command: String
    public var error: String

    public func renderLine(_ style: TextStyle) -> String { style.bad("error: " + error) }
}

import NNLabCommands
import NNLabCore
import NNLabGrading

/// A streamed record of `nnlab exercises grade`: one student's grading finished.
/// `finished` counts the students done so far (in the order they finished) of `students`.
/// JSON: `{"type":"student","student":"bob","finished":2,"students":3,"score":31,"max":65,"note":null}`.
public struct StudentGraded: StreamRecord, Codable, Equatable, TextRecord {
    public static let recordType = "student"
    public var student: String
    public var finished: Int
    public var students: Int
    public var score: Double
    public var max: Double
    /// Why the whole submission got 0 (it does not compile), when it did.
    public var note: String?

    /// "graded bob (2 of 3): 31/65", and the reason when the whole submission scored 0, cut to the width.
    public func renderLine(_ style: TextStyle) -> String {
        let line = "graded \(student) (\(finished) of \(students)): \(GradeReport.points(score))/\(GradeReport.points(max))"
            + (note.map { " - \($0)" } ?? "")
        return line.count <= style.width ? line : String(line.prefix(Swift.max(1, style.width - 3))) + "..."
    }
}

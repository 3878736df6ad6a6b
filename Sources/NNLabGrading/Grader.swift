import NNLabExercises

/// One graded check of one exercise: its points, whether it ships to students, the cases whose
/// expected values it needs, and the check itself, which returns nil (full points) or the message
/// saying what was wrong (no points). Partial credit comes from several graders per exercise.
public struct Grader: Sendable {
    public var name: String
    public var exercise: String
    public var points: Double
    public var visibility: Visibility
    public var cases: [GradingCase]
    public var check: @Sendable (_ s: Submission, _ expected: [CaseOutputs]) throws -> String?

    public init(_ name: String, exercise: String, points: Double, _ visibility: Visibility = .visible, cases: [GradingCase],
                check: @escaping @Sendable (_ s: Submission, _ expected: [CaseOutputs]) throws -> String?) {
        self.name = name; self.exercise = exercise; self.points = points; self.visibility = visibility
        self.cases = cases; self.check = check
    }
}

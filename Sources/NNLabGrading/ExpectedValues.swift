import Foundation

/// Where the graders take their expected values from: in the instructor's repository the core
/// computes them (NNLabExerciseReference's `CoreExpectedValues`); in a student copy or a grading
/// copy they are read from JSON fixtures written at release time (`FixtureExpectedValues`).
public protocol ExpectedValues: Sendable {
    func outputs(for c: GradingCase) throws -> CaseOutputs
}

import NNLabExercises

/// Errors of the grading set-up itself (not of the student's code).
public enum GradingError: Error, Equatable, Sendable, CustomStringConvertible {
    case caseIncomplete(String)
    case noExpectedValues(String)
    case fixtureOutOfDate(String)
    case badFixture(String)

    public var description: String {
        switch self {
        case let .caseIncomplete(m): return "grading case incomplete: \(m)"
        case let .noExpectedValues(k): return "no expected values for \(k)"
        case let .fixtureOutOfDate(k): return "fixture for \(k) was written for other inputs: release again"
        case let .badFixture(m): return "cannot read the fixtures: \(m)"
        }
    }
}

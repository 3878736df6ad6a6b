import Foundation

/// Expected values read from one or more fixture files (visible, and hidden in a grading copy).
public struct FixtureExpectedValues: ExpectedValues {
    public var entries: [String: FixtureFile.Entry]
    public init(files: [FixtureFile]) {
        entries = [:]
        for f in files { entries.merge(f.entries) { a, _ in a } }
    }

    public func outputs(for c: GradingCase) throws -> CaseOutputs {
        guard let e = entries[c.key] else { throw GradingError.noExpectedValues(c.key) }
        guard e.inputs == c else { throw GradingError.fixtureOutOfDate(c.key) }
        return e.outputs
    }
}

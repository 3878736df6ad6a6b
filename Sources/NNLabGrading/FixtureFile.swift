import Foundation

/// A fixtures file: each case's inputs and expected outputs (no code), plus the points of the
/// graders that are not in this copy, so a run can say how much it could not check.
public struct FixtureFile: Codable, Sendable, Equatable {
    public struct Entry: Codable, Sendable, Equatable {
        public var inputs: GradingCase
        public var outputs: CaseOutputs
        public init(inputs: GradingCase, outputs: CaseOutputs) { self.inputs = inputs; self.outputs = outputs }
    }
    public var format: Int
    public var uncheckedPoints: Double
    public var entries: [String: Entry]

    public init(uncheckedPoints: Double, entries: [String: Entry]) {
        self.format = 1; self.uncheckedPoints = uncheckedPoints; self.entries = entries
    }

    /// Entries for every case of `graders`, with outputs from `expected`.
    public static func make(graders: [Grader], uncheckedPoints: Double, expected: any ExpectedValues) throws -> FixtureFile {
        var entries: [String: Entry] = [:]
        for g in graders {
            for c in g.cases where entries[c.key] == nil { entries[c.key] = Entry(inputs: c, outputs: try expected.outputs(for: c)) }
        }
        return FixtureFile(uncheckedPoints: uncheckedPoints, entries: entries)
    }

    public func encoded() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted]
        return try e.encode(self)
    }

    public static func decode(_ data: Data) throws -> FixtureFile {
        do { return try JSONDecoder().decode(FixtureFile.self, from: data) } catch { throw GradingError.badFixture("\(error)") }
    }
}

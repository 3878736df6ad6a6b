import NNLabExercises

/// The inputs of one graded case: named arrays, named numbers and class labels. `key` is
/// "exercise/id", the name under which fixtures store its expected outputs.
public struct GradingCase: Codable, Sendable, Equatable {
    public var exercise: String
    public var id: String
    public var arrays: [String: ExArray]
    public var numbers: [String: Double]
    public var labels: [Int]

    public init(exercise: String, id: String, arrays: [String: ExArray] = [:], numbers: [String: Double] = [:], labels: [Int] = []) {
        self.exercise = exercise; self.id = id; self.arrays = arrays; self.numbers = numbers; self.labels = labels
    }

    public var key: String { "\(exercise)/\(id)" }

    /// The array named `name`; throws (an instructor error) when the case has none.
    public func array(_ name: String) throws -> ExArray {
        guard let a = arrays[name] else { throw GradingError.caseIncomplete("\(key) has no array \(name)") }
        return a
    }

    public func number(_ name: String) throws -> Double {
        guard let v = numbers[name] else { throw GradingError.caseIncomplete("\(key) has no number \(name)") }
        return v
    }

    public func integer(_ name: String) throws -> Int { Int(try number(name)) }
}

import NNLabExercises

/// Expected outputs of one case, by name (arrays and numbers; nil results are stored as NaN-free
/// sentinels by the graders that need them, e.g. -1 for "does not fit").
public struct CaseOutputs: Codable, Sendable, Equatable {
    public var arrays: [String: ExArray]
    public var numbers: [String: Double]
    public init(arrays: [String: ExArray] = [:], numbers: [String: Double] = [:]) { self.arrays = arrays; self.numbers = numbers }

    public func array(_ name: String) throws -> ExArray {
        guard let a = arrays[name] else { throw GradingError.caseIncomplete("expected values have no array \(name)") }
        return a
    }

    public func number(_ name: String) throws -> Double {
        guard let v = numbers[name] else { throw GradingError.caseIncomplete("expected values have no number \(name)") }
        return v
    }
}

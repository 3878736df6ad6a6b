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

/// SplitMix64 (Steele, Lea, Flood 2014): a small seeded generator, so the graders' random inputs are
/// the same on every machine and in every release. `uniform()` is in [0, 1) with 53 random bits;
/// `normal()` is Box-Muller on two uniforms.
public struct SeededGenerator: Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }

    public mutating func normal() -> Double {
        let u1 = 1 - uniform(), u2 = uniform()
        return (-2 * logOf(u1)).squareRoot() * cosOf(2 * Double.pi * u2)
    }

    /// An array of the given shape with entries scale * N(0, 1).
    public mutating func normalArray(_ shape: [Int], scale: Double = 1) -> ExArray {
        var a = ExArray(shape: shape)
        for i in a.values.indices { a.values[i] = scale * normal() }
        return a
    }

    public mutating func uniformArray(_ shape: [Int]) -> ExArray {
        var a = ExArray(shape: shape)
        for i in a.values.indices { a.values[i] = uniform() }
        return a
    }

    public mutating func labels(_ n: Int, classes: Int) -> [Int] { (0..<n).map { _ in Int(next() % UInt64(classes)) } }
}

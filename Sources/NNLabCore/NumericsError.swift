/// Errors the numerics core throws. Each says what was wrong in words a student can act on; the
/// command layer adds which argument it came from.
public enum NumericsError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Two shapes that an operation needs to agree do not.
    case shapeMismatch(operation: String, lhs: [Int], rhs: [Int])
    /// A shape with a negative extent, or data whose count does not match the shape.
    case invalidShape(String)
    /// A tensor so large it would not fit in memory (see `Tensor.maxElementCount`).
    case tooLarge(String)
    /// An integer computation that would overflow 64 bits.
    case overflow(String)
    /// An index outside its range.
    case outOfRange(String)
    /// The user pressed Ctrl-C (the interrupt flag was raised) before the computation finished.
    case interrupted

    public var description: String {
        switch self {
        case let .shapeMismatch(op, l, r):
            return "\(op): shapes \(Tensor.describe(l)) and \(Tensor.describe(r)) do not match"
        case let .invalidShape(s), let .tooLarge(s), let .overflow(s), let .outOfRange(s):
            return s
        case .interrupted:
            return "interrupted before it finished; the session is as it was"
        }
    }
}

/// Overflow-checked integer arithmetic for sizes and counts computed from user input.
public enum Checked {
    public static func mul(_ a: Int, _ b: Int, _ what: @autoclosure () -> String) throws -> Int {
        let (r, o) = a.multipliedReportingOverflow(by: b)
        if o { throw NumericsError.overflow("\(what()) is too large to count (over 9.2e18)") }
        return r
    }
    public static func add(_ a: Int, _ b: Int, _ what: @autoclosure () -> String) throws -> Int {
        let (r, o) = a.addingReportingOverflow(b)
        if o { throw NumericsError.overflow("\(what()) is too large to count (over 9.2e18)") }
        return r
    }
    public static func product(_ xs: [Int], _ what: @autoclosure () -> String) throws -> Int {
        var p = 1
        for x in xs { p = try mul(p, x, what()) }
        return p
    }
}

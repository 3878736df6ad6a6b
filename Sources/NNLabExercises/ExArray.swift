/// The exercises' own small array: `shape` (e.g. `[N, D]`) and `values` in row-major order, so the
/// element at row i, column j of an N x D array is `values[i * D + j]`.
///
/// It is deliberately plain (no matrix product, no broadcasting): the exercises ask you to write
/// those loops yourself. A 1-D array of D numbers has shape `[D]`.
public struct ExArray: Equatable, Codable, Sendable, CustomStringConvertible {
    public var shape: [Int]
    public var values: [Double]

    /// An array of the given shape holding `values` (row-major); throws if the count does not match.
    public init(shape: [Int], values: [Double]) throws {
        let n = shape.reduce(1, *)
        guard shape.allSatisfy({ $0 >= 0 }), n == values.count else {
            throw ExerciseError.shapeMismatch("shape \(shape) needs \(shape.allSatisfy { $0 >= 0 } ? n : 0) values, got \(values.count)")
        }
        self.shape = shape
        self.values = values
    }

    /// An array of the given shape filled with `value` (zeros by default).
    public init(shape: [Int], repeating value: Double = 0) {
        let dims = shape.map { max(0, $0) }
        self.shape = dims
        self.values = [Double](repeating: value, count: dims.reduce(1, *))
    }

    /// A 2-D array from rows of equal length; throws when the rows differ in length.
    public init(rows: [[Double]]) throws {
        let d = rows.first?.count ?? 0
        guard rows.allSatisfy({ $0.count == d }) else { throw ExerciseError.shapeMismatch("rows of different lengths") }
        try self.init(shape: [rows.count, d], values: rows.flatMap { $0 })
    }

    /// A 1-D array.
    public init(vector: [Double]) { shape = [vector.count]; values = vector }

    /// Number of elements.
    public var count: Int { values.count }

    /// Rows of a 2-D array (shape[0]); 0 for an empty shape.
    public var rows: Int { shape.first ?? 0 }

    /// Columns of a 2-D array (shape[1]); 1 for a 1-D array.
    public var columns: Int { shape.count > 1 ? shape[1] : 1 }

    /// Element (i, j) of a 2-D array: `values[i * columns + j]`.
    public subscript(_ i: Int, _ j: Int) -> Double {
        get { values[i * columns + j] }
        set { values[i * columns + j] = newValue }
    }

    /// The same shape with `f` applied to every element.
    public func map(_ f: (Double) throws -> Double) rethrows -> ExArray {
        var out = self
        out.values = try values.map(f)
        return out
    }

    public var description: String { "ExArray(shape: \(shape), values: \(values))" }
}

/// What an exercise function throws instead of trapping.
public enum ExerciseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The exercise has not been written yet (the stub in a student copy).
    case notImplemented(String)
    /// Inputs whose shapes do not fit together.
    case shapeMismatch(String)

    public var description: String {
        switch self {
        case let .notImplemented(name): return "not implemented: \(name)"
        case let .shapeMismatch(why): return "shape mismatch: \(why)"
        }
    }
}

/// A dense, row-major array of `Double`s with a shape: the one numeric value type of nnlab.
///
/// Element `(i, j)` of a matrix of shape `[m, n]` lives at `data[i * n + j]`, as in numpy's default
/// (C) order, so results can be compared number for number with the lectures' numpy code.
/// Operations check shapes and throw `NumericsError` rather than trapping.
///
/// Invariant: `data.count` is the product of `shape`; BLAS is handed sizes from `shape`, so a
/// tensor whose array were shorter would be read past its end. Outside the core `data` is read-only
/// and elements change only in place (`subscript(flat:)`, `withUnsafeMutableBufferPointer`), which
/// cannot change the count; inside the core, code writes elements of `data`, never resizes it.
public struct Tensor: Equatable, Sendable {
    public private(set) var shape: [Int]
    public internal(set) var data: [Double]

    /// The largest number of elements one tensor may hold: 2^28 doubles, 2 GiB. Anything larger on
    /// this 24 GiB teaching machine is almost surely a typo (`batch=10^12`), and should be an error,
    /// not an allocation failure.
    public static let maxElementCount = 1 << 28

    /// Checks a shape and returns its element count.
    public static func count(of shape: [Int]) throws -> Int {
        for d in shape where d < 0 {
            throw NumericsError.invalidShape("shape \(describe(shape)) has a negative extent")
        }
        var n = 1
        for d in shape {
            let (p, o) = n.multipliedReportingOverflow(by: d)
            if o || p > maxElementCount {
                throw NumericsError.tooLarge(
                    "a tensor of shape \(describe(shape)) would not fit in memory "
                        + "(at most \(maxElementCount) numbers, 2 GiB, per tensor)")
            }
            n = p
        }
        return n
    }

    /// `"3x4"`: how shapes are written in messages.
    public static func describe(_ shape: [Int]) -> String {
        shape.isEmpty ? "scalar" : shape.map(String.init).joined(separator: "x")
    }

    public init(shape: [Int], data: [Double]) throws {
        let n = try Tensor.count(of: shape)
        guard n == data.count else {
            throw NumericsError.invalidShape(
                "shape \(Tensor.describe(shape)) needs \(n) numbers, got \(data.count)")
        }
        self.shape = shape
        self.data = data
    }

    public init(shape: [Int], repeating value: Double = 0) throws {
        let n = try Tensor.count(of: shape)
        self.shape = shape
        self.data = Array(repeating: value, count: n)
    }

    /// Internal initializer for shapes already checked by the caller.
    init(unchecked shape: [Int], data: [Double]) {
        self.shape = shape
        self.data = data
    }

    public static func zeros(_ shape: Int...) throws -> Tensor { try Tensor(shape: shape) }

    /// A matrix from nested rows (tests and small examples); rows must have equal length.
    public init(rows: [[Double]]) throws {
        let cols = rows.first?.count ?? 0
        guard rows.allSatisfy({ $0.count == cols }) else {
            throw NumericsError.invalidShape("rows have different lengths")
        }
        self.init(unchecked: [rows.count, cols], data: rows.flatMap { $0 })
    }

    public var count: Int { data.count }
    public var rank: Int { shape.count }

    /// Rows and columns of a rank-2 tensor.
    public func matrixDimensions(_ operation: String) throws -> (rows: Int, cols: Int) {
        guard shape.count == 2 else {
            throw NumericsError.invalidShape("\(operation) needs a matrix, got shape \(Tensor.describe(shape))")
        }
        return (shape[0], shape[1])
    }

    public func reshaped(_ newShape: [Int]) throws -> Tensor {
        let n = try Tensor.count(of: newShape)
        guard n == count else {
            throw NumericsError.shapeMismatch(operation: "reshape", lhs: shape, rhs: newShape)
        }
        return Tensor(unchecked: newShape, data: data)
    }

    public subscript(_ i: Int, _ j: Int) -> Double {
        get { data[i * shape[1] + j] }
        set { data[i * shape[1] + j] = newValue }
    }

    /// Element `i` in row-major order, whatever the rank (numpy's `x.flat[i]`).
    public subscript(flat i: Int) -> Double {
        get { data[i] }
        set { data[i] = newValue }
    }

    /// The elements in row-major order, to change in place: the buffer is lent, not replaceable,
    /// so the count stays that of the shape.
    public mutating func withUnsafeMutableBufferPointer<R>(_ body: (UnsafeMutableBufferPointer<Double>) throws -> R) rethrows -> R {
        try data.withUnsafeMutableBufferPointer { buffer in try body(buffer) }
    }
}

/// Elementwise maps and arithmetic, and the one broadcast the lectures use: adding a row vector
/// (a bias of shape `[n]` or `[1, n]`) to every row of an `[m, n]` matrix.
extension Tensor {
    public func map(_ f: (Double) -> Double) -> Tensor {
        Tensor(unchecked: shape, data: data.map(f))
    }

    public func zip(_ other: Tensor, _ operation: String, _ f: (Double, Double) -> Double) throws -> Tensor {
        guard shape == other.shape else {
            throw NumericsError.shapeMismatch(operation: operation, lhs: shape, rhs: other.shape)
        }
        var out = data
        other.data.withUnsafeBufferPointer { b in
            for i in out.indices { out[i] = f(out[i], b[i]) }
        }
        return Tensor(unchecked: shape, data: out)
    }

    public static func + (a: Tensor, b: Tensor) throws -> Tensor { try a.zip(b, "add", +) }
    public static func - (a: Tensor, b: Tensor) throws -> Tensor { try a.zip(b, "subtract", -) }
    /// Elementwise (Hadamard) product; the matrix product is `matmul`.
    public static func * (a: Tensor, b: Tensor) throws -> Tensor { try a.zip(b, "multiply", *) }

    public static func * (a: Tensor, s: Double) -> Tensor { a.map { $0 * s } }
    public static func * (s: Double, a: Tensor) -> Tensor { a.map { $0 * s } }
    public static func / (a: Tensor, s: Double) -> Tensor { a.map { $0 / s } }

    /// `X + b` with `b` broadcast over the rows of `X`: shape `[m, n] + [n] -> [m, n]`.
    public func addingRow(_ row: Tensor) throws -> Tensor {
        let (m, n) = try matrixDimensions("adding a row vector")
        guard row.count == n, row.shape == [n] || row.shape == [1, n] else {
            throw NumericsError.shapeMismatch(operation: "broadcast add", lhs: shape, rhs: row.shape)
        }
        var out = self
        out.addRowInPlace(row, m, n)
        return out
    }

    /// `addingRow` on this tensor's own numbers (no copy when the caller holds the only
    /// reference): row i, element j gets row[j] added, the same sums in the same order.
    mutating func addRowInPlace(_ row: Tensor, _ m: Int, _ n: Int) {
        data.withUnsafeMutableBufferPointer { out in
            row.data.withUnsafeBufferPointer { r in
                guard let o = out.baseAddress, let b = r.baseAddress else { return }
                for i in 0..<m {
                    let p = o + i * n
                    for j in 0..<n { p[j] += b[j] }
                }
            }
        }
    }
}

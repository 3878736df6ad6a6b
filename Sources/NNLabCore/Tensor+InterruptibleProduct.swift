/// Matrix products split into blocks of rows so a long one can stop at Ctrl-C.
///
/// One `dgemm` of a 32768x4096 by 4096x4096 product is 5.5e11 multiply-adds, many seconds that
/// nothing can interrupt. Row `i` of `C = A op(B)` depends only on row `i` of `A`, so `A` is cut into
/// blocks of rows, each block's product is one BLAS call, and `interrupt` is read between blocks.
/// `A^T B` sums over the rows of both, so it is the sum of the blocks' `A_r^T B_r`.
///
/// A product of at most `singleCallLimit` multiply-adds is one call, exactly `matmul`; larger ones
/// take blocks of at least 256 rows (fewer would re-read `B` from memory for too little work) and
/// about `blockLimit` multiply-adds, a few tenths of a second on two cores.
extension Tensor {
    /// Products up to this many multiply-adds (2^28, about 0.01-0.1 s) are one BLAS call.
    public static let singleCallLimit = 1 << 28
    /// The multiply-adds aimed at per block (2^30).
    public static let blockLimit = 1 << 30

    static func blockRows(rows: Int, work perRow: Int) -> Int {
        guard perRow > 0 else { return Swift.max(rows, 1) }
        return Swift.max(256, blockLimit / perRow)
    }

    /// `A op(B)` (`[m, k]` by `[k, n]`, or by `[n, k]` transposed), in blocks of rows of `A`;
    /// nil when `interrupt` was raised before the last block.
    public func matmul(_ b: Tensor, transposeB: Bool = false, interrupt: InterruptFlag?) throws -> Tensor? {
        let (m, k) = try matrixDimensions("matrix product")
        let n = try b.matrixDimensions("matrix product").cols
        let cols = transposeB ? b.shape[0] : n
        guard let interrupt, Double(m) * Double(k) * Double(cols) > Double(Self.singleCallLimit) else {
            return try matmul(b, transposeA: false, transposeB: transposeB)
        }
        let step = Self.blockRows(rows: m, work: k * cols)
        var out: [Double] = []
        out.reserveCapacity(m * cols)
        var r = 0
        while r < m {
            if interrupt.isRaised { return nil }
            let block = try rows(r..<Swift.min(m, r + step)).matmul(b, transposeA: false, transposeB: transposeB)
            out.append(contentsOf: block.data)
            r += step
        }
        return try Tensor(shape: [m, cols], data: out)
    }

    /// `A^T B` for `A` `[m, k]` and `B` `[m, n]` (the weight gradient X^T dZ), summed over blocks of
    /// the `m` rows; nil when `interrupt` was raised before the last block.
    public func matmulTransposedSum(_ b: Tensor, interrupt: InterruptFlag?) throws -> Tensor? {
        let (m, k) = try matrixDimensions("matrix product")
        let n = try b.matrixDimensions("matrix product").cols
        guard let interrupt, Double(m) * Double(k) * Double(n) > Double(Self.singleCallLimit) else {
            return try matmul(b, transposeA: true)
        }
        let step = Self.blockRows(rows: m, work: k * n)
        var sum = try Tensor(shape: [k, n])
        var r = 0
        while r < m {
            if interrupt.isRaised { return nil }
            let range = r..<Swift.min(m, r + step)
            let part = try rows(range).matmul(b.rows(range), transposeA: true)
            sum.data.withUnsafeMutableBufferPointer { s in
                part.data.withUnsafeBufferPointer { p in for i in 0..<p.count { s[i] += p[i] } }
            }
            r += step
        }
        return sum
    }
}

#if canImport(Glibc)
import Glibc
#endif
#if canImport(Accelerate)
import Accelerate
#elseif canImport(CBLASLoader)
import CBLASLoader
#endif

/// The matrix product. `matmul` calls BLAS `dgemm` (OpenBLAS on Linux, Accelerate on Apple
/// platforms); `matmulNaive` is the triple loop it must agree with, kept for tests and for reading.
extension Tensor {
    /// `C = A B` for `A` of shape `[m, k]` and `B` of shape `[k, n]`, giving `[m, n]`.
    public func matmul(_ b: Tensor) throws -> Tensor {
        let (m, k, n) = try productDimensions(b)
        if m == 0 || n == 0 || k == 0 { return Tensor(unchecked: [m, n], data: [Double](repeating: 0, count: m * n)) }
        // BLAS takes 32-bit sizes; `maxElementCount` (2^28) keeps every extent below Int32.max.
        guard let m32 = Int32(exactly: m), let n32 = Int32(exactly: n), let k32 = Int32(exactly: k) else {
            throw NumericsError.tooLarge("matrix product \(m)x\(k) by \(k)x\(n) exceeds BLAS's 32-bit sizes")
        }
        let c = Tensor.product(m * n) { pc in
            data.withUnsafeBufferPointer { pa in
                b.data.withUnsafeBufferPointer { pb in
                    // Row-major: C[m,n] = A[m,k] B[k,n], leading dimensions k, n, n.
                    BLAS.gemm(false, false, m32, n32, k32, pa, k32, pb, n32, pc, n32)
                }
            }
        }
        return Tensor(unchecked: [m, n], data: c)
    }

    /// `op(A) op(B)` with either side transposed, in one BLAS call (no transposed copies):
    /// `a.matmul(b, transposeA: true)` is A^T B.
    public func matmul(_ b: Tensor, transposeA: Bool, transposeB: Bool = false) throws -> Tensor {
        let (ar, ac) = try matrixDimensions("matrix product")
        let (br, bc) = try b.matrixDimensions("matrix product")
        let (m, k) = transposeA ? (ac, ar) : (ar, ac)
        let (k2, n) = transposeB ? (bc, br) : (br, bc)
        guard k == k2 else {
            throw NumericsError.shapeMismatch(operation: "matrix product (inner sizes differ)", lhs: shape, rhs: b.shape)
        }
        _ = try Tensor.count(of: [m, n])
        if m == 0 || n == 0 || k == 0 { return Tensor(unchecked: [m, n], data: [Double](repeating: 0, count: m * n)) }
        guard let m32 = Int32(exactly: m), let n32 = Int32(exactly: n), let k32 = Int32(exactly: k),
              let lda = Int32(exactly: ac), let ldb = Int32(exactly: bc) else {
            throw NumericsError.tooLarge("matrix product exceeds BLAS's 32-bit sizes")
        }
        let c = Tensor.product(m * n) { pc in
            data.withUnsafeBufferPointer { pa in
                b.data.withUnsafeBufferPointer { pb in
                    BLAS.gemm(transposeA, transposeB, m32, n32, k32, pa, lda, pb, ldb, pc, n32)
                }
            }
        }
        return Tensor(unchecked: [m, n], data: c)
    }

    /// An array of `count` numbers that `body` fills completely (a product with beta 0 writes
    /// every element of C and reads none), without zeroing it first.
    static func product(_ count: Int, _ body: (UnsafeMutableBufferPointer<Double>) -> Void) -> [Double] {
        [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            body(buffer)
            initialized = count
        }
    }

    /// The same product as three loops (i, p, j order so the inner loop runs along rows).
    public func matmulNaive(_ b: Tensor) throws -> Tensor {
        let (m, k, n) = try productDimensions(b)
        var c = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            for p in 0..<k {
                let a = data[i * k + p]
                for j in 0..<n { c[i * n + j] += a * b.data[p * n + j] }
            }
        }
        return Tensor(unchecked: [m, n], data: c)
    }

    /// The transpose of a matrix.
    public func transposed() throws -> Tensor {
        let (m, n) = try matrixDimensions("transpose")
        var out = [Double](repeating: 0, count: m * n)
        for i in 0..<m { for j in 0..<n { out[j * m + i] = data[i * n + j] } }
        return Tensor(unchecked: [n, m], data: out)
    }

    private func productDimensions(_ b: Tensor) throws -> (Int, Int, Int) {
        let (m, k) = try matrixDimensions("matrix product")
        let (k2, n) = try b.matrixDimensions("matrix product")
        guard k == k2 else {
            throw NumericsError.shapeMismatch(operation: "matrix product (inner sizes differ)", lhs: shape, rhs: b.shape)
        }
        _ = try Tensor.count(of: [m, n])
        return (m, k, n)
    }
}

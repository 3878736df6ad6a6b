#if canImport(Accelerate)
import Accelerate
#elseif canImport(CBLASLoader)
import CBLASLoader
#endif

/// Where the matrix products go: BLAS `dgemm` (OpenBLAS on Linux, loaded on first use by
/// CBLASLoader; Accelerate on Apple platforms), and how many threads a product may use.
///
/// Threads: a product smaller than `threadedThreshold` multiply-adds runs on the calling thread
/// (handing a 100x64 by 64x100 product to a second thread costs more than it saves; `search`'s
/// trials run one per core, every product on its trial's thread); larger ones may use every core.
/// The thread count can change a product's last bit (`train`'s 1000x64 by 64x100 accuracy pass
/// does), so moving the threshold changes printed results: it stays where they were made. OpenBLAS's
/// workers then sleep at once (OPENBLAS_THREAD_TIMEOUT=4, set before the library loads) instead of
/// spinning for ~0.1 s against nnlab's own parallel loops. Without a loadable BLAS the products
/// fall back to plain loops (same results to rounding, much slower).
public enum BLAS {
    /// Multiply-adds (m n k) from which a product may use more than one thread; measured with
    /// `scripts/bench` on 2 cores (see README's Speed section).
    public static let threadedThreshold = 1 << 22

    /// The library doing the products: its file name, or why none could be loaded.
    public static var library: String {
        #if canImport(Accelerate)
        return "Accelerate"
        #elseif canImport(CBLASLoader)
        return nnlab_blas_load() != 0 ? String(cString: nnlab_blas_library())
                                     : "none (\(String(cString: nnlab_blas_error()))): products use plain loops"
        #else
        return "none: products use plain loops"
        #endif
    }

    /// Row-major C[m,n] = op(A) op(B) + beta C with leading dimensions lda, ldb, ldc (beta 0:
    /// C's old contents are ignored; 1: the product is added to them).
    static func gemm(_ transA: Bool, _ transB: Bool, _ m: Int32, _ n: Int32, _ k: Int32,
                     _ a: UnsafeBufferPointer<Double>, _ lda: Int32,
                     _ b: UnsafeBufferPointer<Double>, _ ldb: Int32,
                     _ c: UnsafeMutableBufferPointer<Double>, _ ldc: Int32, beta: Double = 0) {
        guard let pa = a.baseAddress, let pb = b.baseAddress, let pc = c.baseAddress else { return }
        #if canImport(Accelerate)
        cblas_dgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    m, n, k, 1.0, pa, lda, pb, ldb, beta, pc, ldc)
        #elseif canImport(CBLASLoader)
        if nnlab_blas_load() != 0 {
            let work = Int(m) * Int(n) * Int(k)
            // One thread inside a Parallel worker: its siblings already use the other cores.
            nnlab_blas_set_threads(work < threadedThreshold || Parallel.insideWorker ? 1 : Int32(System.cores))
            nnlab_dgemm(transA ? 1 : 0, transB ? 1 : 0, m, n, k, pa, lda, pb, ldb, beta, pc, ldc)
        } else {
            loops(transA, transB, Int(m), Int(n), Int(k), pa, Int(lda), pb, Int(ldb), pc, Int(ldc), beta)
        }
        #else
        loops(transA, transB, Int(m), Int(n), Int(k), pa, Int(lda), pb, Int(ldb), pc, Int(ldc), beta)
        #endif
    }

    /// The same product as loops, for a machine without a BLAS.
    static func loops(_ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int,
                      _ a: UnsafePointer<Double>, _ lda: Int, _ b: UnsafePointer<Double>, _ ldb: Int,
                      _ c: UnsafeMutablePointer<Double>, _ ldc: Int, _ beta: Double) {
        for i in 0..<m {
            for j in 0..<n { c[i * ldc + j] = beta == 0 ? 0 : beta * c[i * ldc + j] }
            for p in 0..<k {
                let aip = transA ? a[p * lda + i] : a[i * lda + p]
                for j in 0..<n { c[i * ldc + j] += aip * (transB ? b[j * ldb + p] : b[p * ldb + j]) }
            }
        }
    }
}

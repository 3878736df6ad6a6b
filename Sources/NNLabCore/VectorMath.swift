#if canImport(CVectorMath)
import CVectorMath
#endif
import Foundation

/// Elementwise functions over whole buffers through glibc's vector math library (libmvec),
/// picked once per process by CPU feature, with libm's scalar function as the fallback and the
/// reference.
///
/// Accuracy against numpy's `np.tanh` (Tests/NNLabCoreTests/Fixtures/tanh_reference.json):
/// - `avx512` (`_ZGVeN8v_tanh`, 8 lanes): bit-identical;
/// - `avx2` (`_ZGVdN4v_tanh`, 4 lanes): within 2 ulp;
/// - `scalar` (glibc `tanh`): within 3 ulp.
/// A partial last vector is padded, so an element's value never depends on where a buffer or a
/// `Parallel` chunk begins.
public enum VectorMath {
    public enum TanhKernel: Int, CaseIterable, Sendable {
        case scalar = 0, avx2 = 1, avx512 = 2

        /// The largest distance in ulp from numpy's `np.tanh` the tests allow.
        public var ulpTolerance: Int {
            switch self {
            case .scalar: return 3
            case .avx2: return 2
            case .avx512: return 0
            }
        }
    }

    /// The fastest kernel this CPU runs (read once).
    public static let bestTanh: TanhKernel = {
        #if canImport(CVectorMath)
        return TanhKernel(rawValue: Int(nnlab_tanh_best_variant())) ?? .scalar
        #else
        return .scalar
        #endif
    }()

    /// `x[i] = tanh(x[i])` over the buffer with `kernel` (one this CPU lacks runs as the best it has).
    public static func tanh(_ x: UnsafeMutableBufferPointer<Double>, kernel: TanhKernel = bestTanh) {
        guard let base = x.baseAddress, x.count > 0 else { return }
        #if canImport(CVectorMath)
        nnlab_tanh_inplace(base, x.count, Int32(kernel.rawValue))
        #else
        tanhNaive(x)
        #endif
    }

    /// The reference: libm's scalar `tanh`, one value at a time.
    public static func tanhNaive(_ x: UnsafeMutableBufferPointer<Double>) {
        for i in x.indices { x[i] = Foundation.tanh(x[i]) }
    }
}

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

// MARK: reductions for per-layer statistics (CVectorMath/Stats.c; the Swift loops are the fallback)

extension VectorMath {
    /// numpy's pairwise sum: `np.sum(a)` bit for bit for a contiguous array (blocks of 128 with
    /// eight partial sums, halves split at multiples of 8), which also vectorizes.
    public static func pairwiseSum(_ a: UnsafeBufferPointer<Double>) -> Double {
        #if canImport(CVectorMath)
        return 0.0 + nnlab_pairwise_sum(a.baseAddress, a.count)
        #else
        return pairwise(a, 0, a.count) { $0 }
        #endif
    }

    /// `np.mean(a)`: the pairwise sum over the count (NaN when empty).
    public static func mean(_ a: UnsafeBufferPointer<Double>) -> Double {
        a.isEmpty ? .nan : pairwiseSum(a) / Double(a.count)
    }

    /// `np.std(a)` bit for bit: sqrt of the pairwise sum of (a - mean)^2 over the count, the mean
    /// taken as `mean(_:)` does.
    public static func std(_ a: UnsafeBufferPointer<Double>, mean m: Double) -> Double {
        guard !a.isEmpty else { return .nan }
        #if canImport(CVectorMath)
        let s = 0.0 + nnlab_pairwise_squared_deviation(a.baseAddress, a.count, m)
        #else
        let s = 0.0 + pairwise(a, 0, a.count) { let d = $0 - m; return d * d }
        #endif
        return (s / Double(a.count)).squareRoot()
    }

    private static func pairwise(_ a: UnsafeBufferPointer<Double>, _ lo: Int, _ n: Int, _ f: (Double) -> Double) -> Double {
        if n < 8 {
            var r = 0.0
            for i in 0..<n { r += f(a[lo + i]) }
            return r
        }
        if n <= 128 {
            var r = (0..<8).map { f(a[lo + $0]) }
            var i = 8
            while i < n - n % 8 { for j in 0..<8 { r[j] += f(a[lo + i + j]) }; i += 8 }
            var res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
            while i < n { res += f(a[lo + i]); i += 1 }
            return res
        }
        var n2 = n / 2
        n2 -= n2 % 8
        return pairwise(a, lo, n2, f) + pairwise(a, lo + n2, n - n2, f)
    }

    /// What a layer's statistics count in one pass.
    public struct Counts: Sendable, Equatable {
        /// |h| > 0.99; h == 0; the local derivative below the threshold (0 when none was asked for).
        public var saturated: Int, zeros: Int, flat: Int
        /// The smallest and largest value (NaN for an empty buffer).
        public var min: Double, max: Double
    }

    /// Which local derivative `counts` tests: none, tanh's 1 - h^2, sigmoid's h (1 - h).
    public enum FlatRule: Int32, Sendable { case none = 0, tanh = 1, sigmoid = 2 }

    public static func counts(_ h: UnsafeBufferPointer<Double>, flat rule: FlatRule, below threshold: Double) -> Counts {
        #if canImport(CVectorMath)
        var c = nnlab_counts()
        nnlab_layer_counts(h.baseAddress, h.count, rule.rawValue, threshold, &c)
        return Counts(saturated: Int(c.saturated), zeros: Int(c.zeros), flat: Int(c.flat), min: c.min, max: c.max)
        #else
        var out = Counts(saturated: 0, zeros: 0, flat: 0, min: h.first ?? .nan, max: h.first ?? .nan)
        for v in h {
            if abs(v) > 0.99 { out.saturated += 1 }
            if v == 0 { out.zeros += 1 }
            out.min = v < out.min ? v : out.min
            out.max = v > out.max ? v : out.max
            switch rule {
            case .none: break
            case .tanh: if 1 - v * v < threshold { out.flat += 1 }
            case .sigmoid: if v * (1 - v) < threshold { out.flat += 1 }
            }
        }
        return out
        #endif
    }

    /// `bins` counts over [lo, hi] (bin `Int((v - lo) / (hi - lo) * bins)`, hi in the last bin)
    /// and how many values fell outside (NaN included). lo < hi.
    public static func histogram(_ h: UnsafeBufferPointer<Double>, lo: Double, hi: Double, bins: Int) -> (counts: [Int], outside: Int) {
        var counts = [Int64](repeating: 0, count: bins)
        #if canImport(CVectorMath)
        let outside = counts.withUnsafeMutableBufferPointer { nnlab_histogram(h.baseAddress, h.count, lo, hi, Int32(bins), $0.baseAddress!) }
        #else
        var outside: Int64 = 0
        for v in h {
            if v >= lo && v <= hi { counts[Swift.min(bins - 1, Int((v - lo) / (hi - lo) * Double(bins)))] += 1 } else { outside += 1 }
        }
        #endif
        return (counts.map { Int($0) }, Int(outside))
    }

    /// For each column of a rows x cols matrix, whether any entry is nonzero.
    public static func aliveColumns(_ h: UnsafeBufferPointer<Double>, rows: Int, cols: Int) -> [Bool] {
        var alive = [UInt8](repeating: 0, count: cols)
        #if canImport(CVectorMath)
        alive.withUnsafeMutableBufferPointer { nnlab_alive_columns(h.baseAddress, rows, cols, $0.baseAddress!) }
        #else
        for r in 0..<rows { for c in 0..<cols where h[r * cols + c] != 0 { alive[c] = 1 } }
        #endif
        return alive.map { $0 != 0 }
    }
}

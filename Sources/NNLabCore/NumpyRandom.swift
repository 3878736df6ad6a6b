#if canImport(CVectorMath)
import CVectorMath
#endif
import Foundation

/// A random number generator that reproduces numpy's legacy `np.random` (the `RandomState` the
/// lectures' code calls) bit for bit.
///
/// - Generator: MT19937 (Matsumoto and Nishimura 1998), 624 words of state.
/// - `init(seed:)` is `np.random.seed(seed)` for an integer seed: the reference `init_genrand`,
///   `mt[0] = seed`, `mt[i] = 1812433253 * (mt[i-1] ^ (mt[i-1] >> 30)) + i` (mod 2^32).
/// - `rand()` is `np.random.rand()`/`random_sample`: 53 random bits from two 32-bit words,
///   `((a >> 5) * 2^26 + (b >> 6)) / 2^53`, so every result is a multiple of 2^-53 in [0, 1).
/// - `randn()` is the legacy Gaussian: Marsaglia's polar method on `2 rand() - 1` pairs, which
///   returns `f * x2` and caches `f * x1` for the next call.
/// - `randint(_:_:)` and `shuffle` use numpy's masked rejection sampling.
///
/// The generator is a value: copy it to replay a sequence, pass it `inout` to draw. There is no
/// global generator; the session owns one.
public struct NumpyRandom: Sendable {
    private var mt: [UInt32]
    private var index: Int
    private var cachedGaussian: Double?

    /// The seed this generator was created with.
    public let seed: UInt32

    public init(seed: UInt32) {
        self.seed = seed
        var mt = [UInt32](repeating: 0, count: 624)
        mt[0] = seed
        for i in 1..<624 {
            mt[i] = 1_812_433_253 &* (mt[i - 1] ^ (mt[i - 1] >> 30)) &+ UInt32(i)
        }
        self.mt = mt
        self.index = 624
        self.cachedGaussian = nil
    }

    /// A generator whose 624 state words were filled by another seeding routine
    /// (`NumpyRandom+SeedArray`), about to twist, with no cached Gaussian.
    init(state mt: [UInt32], seed: UInt32) {
        self.seed = seed
        self.mt = mt
        self.index = 624
        self.cachedGaussian = nil
    }

    /// The next 32 random bits (`genrand_int32`).
    public mutating func nextUInt32() -> UInt32 {
        if index >= 624 { twist() }
        var y = mt[index]
        index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// 64 bits as numpy builds them: the first word is the high half.
    public mutating func nextUInt64() -> UInt64 {
        let hi = UInt64(nextUInt32())
        return (hi << 32) | UInt64(nextUInt32())
    }

    private mutating func twist() {
        mt.withUnsafeMutableBufferPointer { Self.twist($0) }
        index = 0
    }

    /// The MT19937 state transition on 624 words: `mt[i] = mt[i+397] ^ (y >> 1) ^ (y odd ? A : 0)`
    /// with `y` the top bit of `mt[i]` and the low 31 of `mt[i+1]` (indices mod 624).
    @inline(__always)
    private static func twist(_ s: UnsafeMutableBufferPointer<UInt32>) {
        let upper: UInt32 = 0x8000_0000, lower: UInt32 = 0x7FFF_FFFF, matrixA: UInt32 = 0x9908_B0DF
        for i in 0..<624 {
            let y = (s[i] & upper) | (s[(i + 1) % 624] & lower)
            s[i] = s[(i + 397) % 624] ^ (y >> 1) ^ ((y & 1) == 0 ? 0 : matrixA)
        }
    }

    /// Fills `out` with `randn() * scale`, in order: the same numbers, bit for bit, as calling
    /// `randn()` `out.count` times (a cached second value is used first, and an unused one is
    /// cached for the next call), with the generator's state held in locals across the loop.
    ///
    /// Polar method: draw `x1, x2 = 2 rand() - 1` until `0 < r2 = x1^2 + x2^2 < 1`; then
    /// `f = sqrt(-2 ln(r2) / r2)`, and `f x2` is returned first, `f x1` second.
    public mutating func fillGaussian(_ out: UnsafeMutableBufferPointer<Double>, scale: Double = 1) {
        let n = out.count
        guard n > 0, let base = out.baseAddress else { return }
        var i = 0
        if let g = cachedGaussian {
            base[0] = g * scale
            cachedGaussian = nil
            i = 1
        }
        if i == n { return }
        #if canImport(CVectorMath)
        // The same loop in C (CVectorMath/Gaussian.c), a block of the state at a time: about a
        // third of the time of the loop below (NumpyRandomTests compare the two with randn()).
        var idx32 = Int32(index), left = 0.0, hasLeft: Int32 = 0
        mt.withUnsafeMutableBufferPointer { s in
            nnlab_fill_gaussian(s.baseAddress!, &idx32, base + i, n - i, scale, &left, &hasLeft)
        }
        index = Int(idx32)
        cachedGaussian = hasLeft != 0 ? left : nil
        #else
        fillGaussianScalar(base, from: i, count: n, scale: scale)
        #endif
    }

    /// The polar method one pair at a time in Swift: the fallback where CVectorMath is not built.
    private mutating func fillGaussianScalar(_ base: UnsafeMutablePointer<Double>, from start: Int, count n: Int, scale: Double) {
        var i = start
        var idx = index
        var leftover: Double? = nil
        mt.withUnsafeMutableBufferPointer { s in
            @inline(__always) func next() -> UInt32 {
                if idx >= 624 { Self.twist(s); idx = 0 }
                var y = s[idx]
                idx += 1
                y ^= y >> 11
                y ^= (y << 7) & 0x9D2C_5680
                y ^= (y << 15) & 0xEFC6_0000
                y ^= y >> 18
                return y
            }
            @inline(__always) func uniform() -> Double {
                let a = Double(next() >> 5), b = Double(next() >> 6)
                return (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
            }
            while i < n {
                var x1 = 0.0, x2 = 0.0, r2 = 0.0
                repeat {
                    x1 = 2.0 * uniform() - 1.0
                    x2 = 2.0 * uniform() - 1.0
                    r2 = x1 * x1 + x2 * x2
                } while r2 >= 1.0 || r2 == 0.0
                let f = (-2.0 * Foundation.log(r2) / r2).squareRoot()
                base[i] = (f * x2) * scale
                i += 1
                if i < n {
                    base[i] = (f * x1) * scale
                    i += 1
                } else {
                    leftover = f * x1
                }
            }
        }
        index = idx
        cachedGaussian = leftover
    }

    /// Uniform on [0, 1): `np.random.rand()`.
    public mutating func rand() -> Double {
        let a = Double(nextUInt32() >> 5), b = Double(nextUInt32() >> 6)
        return (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }

    /// Standard normal: `np.random.randn()` (legacy polar method with one cached value).
    public mutating func randn() -> Double {
        if let g = cachedGaussian {
            cachedGaussian = nil
            return g
        }
        var x1 = 0.0, x2 = 0.0, r2 = 0.0
        repeat {
            x1 = 2.0 * rand() - 1.0
            x2 = 2.0 * rand() - 1.0
            r2 = x1 * x1 + x2 * x2
        } while r2 >= 1.0 || r2 == 0.0
        let f = (-2.0 * Foundation.log(r2) / r2).squareRoot()
        cachedGaussian = f * x1
        return f * x2
    }

    /// A uniform integer in `0...max` by masked rejection (numpy's `random_interval`): draw bits,
    /// keep the lowest `bitWidth(max)` of them, and retry while the value exceeds `max`.
    public mutating func interval(_ max: UInt64) -> UInt64 {
        if max == 0 { return 0 }
        var mask = max
        mask |= mask >> 1; mask |= mask >> 2; mask |= mask >> 4
        mask |= mask >> 8; mask |= mask >> 16; mask |= mask >> 32
        if max <= 0xFFFF_FFFF {
            while true {
                let v = UInt64(nextUInt32()) & mask
                if v <= max { return v }
            }
        }
        while true {
            let v = nextUInt64() & mask
            if v <= max { return v }
        }
    }

    /// `np.random.randint(low, high)`: uniform on `low..<high`. Returns nil when the range is empty.
    public mutating func randint(_ low: Int, _ high: Int) -> Int? {
        guard low < high else { return nil }
        let span = UInt64(bitPattern: Int64(high) &- Int64(low)) &- 1
        return Int(Int64(low) &+ Int64(bitPattern: interval(span)))
    }

    /// `np.random.shuffle` of a one-dimensional array: Fisher-Yates from the end, `j = interval(i)`.
    public mutating func shuffle<T>(_ a: inout [T]) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, to: 0, by: -1) {
            let j = Int(interval(UInt64(i)))
            a.swapAt(i, j)
        }
    }

    /// `np.random.permutation(n)`.
    public mutating func permutation(_ n: Int) -> [Int] {
        var a = Array(0..<Swift.max(n, 0))
        shuffle(&a)
        return a
    }
}

extension Tensor {
    /// `np.random.randn(*shape)`: normals filled in row-major order.
    public static func randn(_ shape: [Int], using rng: inout NumpyRandom) throws -> Tensor {
        try randn(shape, scale: 1, using: &rng)
    }

    /// `np.random.randn(*shape) * scale`, filled in one pass by `fillGaussian` (same numbers, no
    /// second array). `randn()` called once per element is the reference it must equal.
    public static func randn(_ shape: [Int], scale: Double, using rng: inout NumpyRandom) throws -> Tensor {
        let n = try count(of: shape)
        let d = [Double](unsafeUninitializedCapacity: n) { buffer, initialized in
            rng.fillGaussian(buffer, scale: scale)
            initialized = n
        }
        return Tensor(unchecked: shape, data: d)
    }

    /// `np.random.rand(*shape)`.
    public static func rand(_ shape: [Int], using rng: inout NumpyRandom) throws -> Tensor {
        let n = try count(of: shape)
        var d = [Double](repeating: 0, count: n)
        for i in 0..<n { d[i] = rng.rand() }
        return Tensor(unchecked: shape, data: d)
    }
}

/// Generators seeded from several numbers, as numpy's `np.random.RandomState([a, b, ...])`: one
/// independent stream per (seed, trial) pair, so parallel trials draw the same numbers whatever
/// order they run in, and each equals numpy's `RandomState([seed, i])`.
///
/// Seeding is the reference MT19937 `init_by_array` (Matsumoto and Nishimura, 2002), which numpy's
/// legacy seeding calls for an array seed:
///
///     init_genrand(19650218)
///     for k in max(624, n) steps:   mt[i] = (mt[i] ^ ((mt[i-1] ^ (mt[i-1] >> 30)) * 1664525)) + key[j] + j
///     for k in 623 steps:           mt[i] = (mt[i] ^ ((mt[i-1] ^ (mt[i-1] >> 30)) * 1566083941)) - i
///     mt[0] = 0x80000000
///
/// (all mod 2^32; i runs over 1..<624 and wraps to 1 copying mt[623] into mt[0]; j runs over the
/// key and wraps to 0). Then the generator twists before the first draw and has no cached
/// Gaussian, as after `np.random.seed`.
extension NumpyRandom {
    /// `np.random.RandomState(seedArray)`: at least one number. `seed` reports the first.
    public init(seedArray key: [UInt32]) throws {
        guard let first = key.first else {
            throw NumericsError.invalidShape("a seed array needs at least one number, e.g. [0, 1]")
        }
        self.init(state: Self.initByArray(key), seed: first)
    }

    /// The stream of trial `index` under `seed`: numpy's `RandomState([seed, index])`.
    public init(seed: UInt32, stream index: UInt32) {
        self.init(state: Self.initByArray([seed, index]), seed: seed)
    }

    /// The 624 state words `init_by_array(key)` leaves.
    static func initByArray(_ key: [UInt32]) -> [UInt32] {
        let n = 624
        var mt = [UInt32](repeating: 0, count: n)
        mt[0] = 19_650_218
        for i in 1..<n { mt[i] = 1_812_433_253 &* (mt[i - 1] ^ (mt[i - 1] >> 30)) &+ UInt32(i) }
        var i = 1, j = 0
        for _ in 0..<Swift.max(n, key.count) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) &* 1_664_525)) &+ key[j] &+ UInt32(truncatingIfNeeded: j)
            i += 1; j += 1
            if i >= n { mt[0] = mt[n - 1]; i = 1 }
            if j >= key.count { j = 0 }
        }
        for _ in 0..<(n - 1) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) &* 1_566_083_941)) &- UInt32(i)
            i += 1
            if i >= n { mt[0] = mt[n - 1]; i = 1 }
        }
        mt[0] = 0x8000_0000
        return mt
    }
}

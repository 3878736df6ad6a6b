import NNLabExercises

/// SplitMix64 (Steele, Lea, Flood 2014): a small seeded generator, so the graders' random inputs are
/// the same on every machine and in every release. `uniform()` is in [0, 1) with 53 random bits;
/// `normal()` is Box-Muller on two uniforms.
public struct SeededGenerator: Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }

    public mutating func normal() -> Double {
        let u1 = 1 - uniform(), u2 = uniform()
        return (-2 * logOf(u1)).squareRoot() * cosOf(2 * Double.pi * u2)
    }

    /// An array of the given shape with entries scale * N(0, 1).
    public mutating func normalArray(_ shape: [Int], scale: Double = 1) -> ExArray {
        var a = ExArray(shape: shape)
        for i in a.values.indices { a.values[i] = scale * normal() }
        return a
    }

    public mutating func uniformArray(_ shape: [Int]) -> ExArray {
        var a = ExArray(shape: shape)
        for i in a.values.indices { a.values[i] = uniform() }
        return a
    }

    public mutating func labels(_ n: Int, classes: Int) -> [Int] { (0..<n).map { _ in Int(next() % UInt64(classes)) } }
}

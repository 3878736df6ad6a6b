import NNLabCore

/// `randint LOW HIGH [N]`: whole numbers in [LOW, HIGH), exactly numpy's `randint(low, high, size)`.
public struct RandintCommand: Command {
    static let low = Arg.required("LOW", Int.min...Int.max, help: "smallest value drawn")
    static let high = Arg.required("HIGH", Int.min...Int.max, help: "one more than the largest value drawn")
    static let count = Arg.integer("N", 0...RandomDrawOutput.maxValues, positional: true,
                                   help: "how many (the size); none for one number")

    public static let spec = CommandSpec(
        name: "randint", topic: .session,
        summary: "whole numbers from LOW up to HIGH - 1, exactly np.random.randint(LOW, HIGH, N) after the same seed",
        discussion: """
            numpy's legacy sampler: with r = HIGH - LOW - 1, draw 32 random bits (64 when r needs more), keep the \
            lowest as many bits as r has, and draw again while the value exceeds r (masked rejection), then add \
            LOW. So `seed 0; randint 0 10 5` prints what np.random.seed(0); print(np.random.randint(0, 10, 5)) \
            prints. At most \(RandomDrawOutput.maxValues) numbers.
            """,
        arguments: [low.spec, high.spec, count.spec],
        fields: RandomDrawOutput.fields,
        examples: [
            Example("randint 0 10 5", "np.random.randint(0, 10, 5): [5 0 3 3 7] after seed 0", after: "seed 0"),
            Example("randint 1 7", "one roll of a die", after: "seed 0"),
            Example("randint 5 5", "refused: no whole number is at least 5 and below 5", fails: true),
        ])

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        let lo = try args.value(low), hi = try args.value(high)
        guard lo < hi else {
            throw CommandError("randint needs LOW < HIGH (HIGH is left out, as in numpy), got \(lo) and \(hi); e.g. randint 0 10 5")
        }
        let n = args[count]
        var ints: [Int] = []
        for _ in 0..<(n ?? 1) {
            guard let v = context.session.rng.randint(lo, hi) else { break }
            ints.append(v)
        }
        return RandomDrawOutput(numpy: "np.random.randint(\(lo), \(hi)\(n.map { ", \($0)" } ?? ""))",
                                shape: n.map { [$0] } ?? [], ints: ints)
    }
}

import NNLabCore

/// `permutation N`: 0 ... N-1 shuffled, exactly `np.random.permutation(N)`.
public struct PermutationCommand: Command {
    static let n = Arg.required("N", 0...RandomDrawOutput.maxValues, help: "how many numbers to shuffle: 0 to N - 1")

    public static let spec = CommandSpec(
        name: "permutation", topic: .session,
        summary: "0 to N - 1 in random order, exactly np.random.permutation(N) after the same seed",
        discussion: """
            numpy's shuffle: for i from N - 1 down to 1, swap item i with item j, j drawn uniformly from 0 to i \
            by the same masked rejection as randint. `seed 0; permutation 10` prints what np.random.seed(0); \
            print(np.random.permutation(10)) prints: the order the lectures' code visits examples in. At most \
            \(RandomDrawOutput.maxValues).
            """,
        arguments: [n.spec],
        fields: RandomDrawOutput.fields,
        examples: [Example("permutation 10", "np.random.permutation(10): [2 8 4 9 1 6 7 3 0 5] after seed 0", after: "seed 0")])

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        let count = try args.value(n)
        let p = context.session.rng.permutation(count)
        return RandomDrawOutput(numpy: "np.random.permutation(\(count))", shape: [count], ints: p)
    }
}

import NNLabCore

/// `rand [D...]`: uniform numbers on [0, 1) from the session's generator, printed as numpy prints them.
public struct RandCommand: Command {
    static let shape = Arg<[Int]>(.variadic("D", .integer(0...RandomDrawOutput.maxValues), minimum: 0,
                                            help: "the array's shape, as in np.random.rand(3, 4); none for one number"))

    public static let spec = CommandSpec(
        name: "rand", topic: .session,
        summary: "uniform numbers on [0, 1), exactly np.random.rand(D...) after the same seed, printed as numpy prints them",
        discussion: """
            Each number is numpy's random_sample: 53 random bits from two 32-bit draws, (a * 2^26 + b) / 2^53. \
            `seed 0; rand 3 4` prints what np.random.seed(0); print(np.random.rand(3, 4)) prints. At most \
            \(RandomDrawOutput.maxValues) numbers, numpy's print threshold.
            """,
        arguments: [shape.spec],
        fields: RandomDrawOutput.fields,
        examples: [
            Example("rand 3 4", "np.random.rand(3, 4): after seed 0 it starts 0.5488135", after: "seed 0"),
            Example("rand", "one number: 0.5488135039273248 after seed 0", after: "seed 0"),
        ])

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        let dims = args[shape] ?? []
        let n = try RandomDrawOutput.checkedCount(dims, command: "rand", example: "rand 3 4")
        var values = [Double](repeating: 0, count: n)
        for i in 0..<n { values[i] = context.session.rng.rand() }
        return RandomDrawOutput(numpy: "np.random.rand(\(dims.map(String.init).joined(separator: ", ")))", shape: dims, reals: values)
    }
}

import NNLabCore

/// `randn [D...]`: standard normals from the session's generator, printed as numpy prints them.
public struct RandnCommand: Command {
    static let shape = Arg<[Int]>(.variadic("D", .integer(0...RandomDrawOutput.maxValues), minimum: 0,
                                            help: "the array's shape, as in np.random.randn(2, 3); none for one number"))

    public static let spec = CommandSpec(
        name: "randn", topic: .session,
        summary: "standard normal numbers, exactly np.random.randn(D...) after the same seed, printed as numpy prints them",
        discussion: """
            Draws from the session's generator (numpy's legacy polar method, with its cached second value), so \
            `seed 0; randn 2 3` prints what np.random.seed(0); print(np.random.randn(2, 3)) prints, digit for \
            digit: numpy's 8 digits after the point, its columns, and its lines of at most 75 characters \
            (fewer on a narrower screen). Later experiments go on from the same generator. At most \
            \(RandomDrawOutput.maxValues) numbers, numpy's print threshold.
            """,
        arguments: [shape.spec],
        fields: RandomDrawOutput.fields,
        examples: [
            Example("randn 2 3", "np.random.randn(2, 3): after seed 0 the first row starts 1.76405235", after: "seed 0"),
            Example("randn", "one number: np.random.randn() gives 1.764052345967664 after seed 0", after: "seed 0"),
            Example("randn 40 40", "refused: 1600 numbers, more than numpy prints in full", fails: true),
        ])

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        let dims = args[shape] ?? []
        let n = try RandomDrawOutput.checkedCount(dims, command: "randn", example: "randn 2 3")
        var values = [Double](repeating: 0, count: n)
        for i in 0..<n { values[i] = context.session.rng.randn() }
        return RandomDrawOutput(numpy: "np.random.randn(\(dims.map(String.init).joined(separator: ", ")))", shape: dims, reals: values)
    }
}

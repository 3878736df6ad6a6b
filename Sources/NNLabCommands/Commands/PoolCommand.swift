import NNLabCore
import NNLabExperiments

/// `pool INPUT F [S] [p=P]`: output volume of a pooling layer, which has no parameters.
public struct PoolCommand: Command {
    static let input = Arg.volume("INPUT", maxExtent: ConvCommand.maxExtent, help: "input width N or volume WxHxD")
    static let f = Arg.required("F", 1...100_000, help: "window size (FxF)")
    static let s = Arg.integer("S", 1...100_000, positional: true, help: "stride (default: F)")
    static let p = Arg.integer("p", 0...100_000, default: 0, help: "zero padding (rare for pooling)")

    public static let spec = CommandSpec(
        name: "pool", topic: .convolution,
        summary: "output volume of a pooling layer (same window formula, depth kept, 0 parameters)",
        discussion: """
            A pooling layer slides an FxF window with stride S over each depth slice on its own and \
            keeps the max (or mean). The size follows the conv formula (W - F + 2P)/S + 1; the depth \
            is unchanged; there is nothing to learn, so 0 parameters. S defaults to F \
            (windows that do not overlap, as in 2x2 stride 2).
            """,
        arguments: [input.spec, f.spec, s.spec, p.spec],
        fields: ConvCommand.windowFields,
        examples: [
            Example("pool 55x55x96 3 2", "AlexNet POOL1: (55 - 3)/2 + 1 = 27, so 27x27x96 with 0 parameters"),
            Example("pool 224x224x64 2", "2x2 max pooling at stride 2 halves the size: 112x112x64"),
        ])

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        let fv = try args.value(f)
        return try ConvArithmetic.run(.init(kind: .pool, input: try args.value(input), filter: fv,
                                            stride: args[s] ?? fv, padding: try args.value(p)))
    }
}

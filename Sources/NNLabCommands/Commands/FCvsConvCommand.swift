import NNLabCore

/// `fc-vs-conv [INPUT] [K] [F]`: the same image through a fully connected layer and a conv layer.
public struct FCvsConvCommand: Command {
    static let input = Arg<Volume>(.positional("INPUT", .volume(maxExtent: 100_000), default: "32x32x3", help: "the image volume WxHxD"))
    static let k = Arg.integer("K", 1...100_000, default: 10, positional: true, help: "outputs of the FC layer, and filters of the conv layer")
    static let f = Arg.integer("F", 1...10_000, default: 5, positional: true, help: "filter size of the conv layer")

    public static let spec = CommandSpec(
        name: "fc-vs-conv", topic: .architectures,
        summary: "a fully connected layer against a conv layer on the same image: weights and what each output sees",
        discussion: """
            A fully connected layer stretches the image into one long vector and gives each output its own \
            weight for every input number. A conv layer gives each filter F*F*D weights and slides them over \
            the image, reusing them at every position (parameter sharing) and looking at one small window at \
            a time (local connectivity). The last line counts the weights a fully connected layer would need \
            to produce the same output volume as the conv layer.
            """,
        arguments: [input.spec, k.spec, f.spec],
        fields: [
            FieldDoc("input, k, f", "the query"),
            FieldDoc("inputs", "the image stretched to a vector: W*H*D numbers"),
            FieldDoc("fc_weights", "K * W*H*D"),
            FieldDoc("conv_weights_per_filter", "F*F*D, the numbers in each dot product"),
            FieldDoc("conv_weights", "F*F*D*K"),
            FieldDoc("conv_output", "output volume of the conv layer (stride 1, no padding)"),
            FieldDoc("conv_outputs", "numbers in that output volume"),
            FieldDoc("fc_equivalent_weights", "weights a fully connected layer would need for the same output count"),
            FieldDoc("ratio", "fc_equivalent_weights / conv_weights"),
        ],
        examples: [Example("fc-vs-conv", "the lecture's 32x32x3 image: 3072 inputs, 10x3072 FC weights, against 5x5x3 filters")])

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        let v = try args.value(input), k = try args.value(Self.k), f = try args.value(Self.f)
        guard let d = v.depth else { throw CommandError("the input needs a depth, as in 32x32x3") }
        guard f <= v.width, f <= v.height else { throw CommandError("a \(f)x\(f) filter does not fit a \(v.width)x\(v.height) image") }
        let inputs = try v.count()
        let perFilter = try Checked.product([f, f, d], "the filter size")
        let outW = v.width - f + 1, outH = v.height - f + 1
        let outs = try Checked.product([outW, outH, k], "the output volume")
        let convW = try Checked.mul(perFilter, k, "the conv weights")
        let fcEq = try Checked.mul(inputs, outs, "the equivalent FC weights")
        return FCvsConvOutput(input: v.description, k: k, f: f, inputs: inputs, fc_weights: try Checked.mul(inputs, k, "the FC weights"),
                              conv_weights_per_filter: perFilter, conv_weights: convW,
                              conv_output: Volume(width: outW, height: outH, depth: k).description, conv_outputs: outs,
                              fc_equivalent_weights: fcEq, ratio: Double(fcEq) / Double(convW))
    }
}

public struct FCvsConvOutput: CommandOutput {
    public var input: String, k: Int, f: Int
    public var inputs: Int, fc_weights: Int
    public var conv_weights_per_filter: Int, conv_weights: Int
    public var conv_output: String, conv_outputs: Int
    public var fc_equivalent_weights: Int
    public var ratio: Double

    public func renderText(_ style: TextStyle) -> String {
        let g = Format.grouped
        return [
            style.bold("a \(input) image: fully connected against convolution"),
            "  fully connected  stretch the image to \(g(inputs)) numbers; each of \(k) outputs is a \(g(inputs))-number dot product",
            "                   weights \(k)*\(g(inputs)) = \(g(fc_weights)) (+\(k) biases); output \(k) numbers",
            "  convolution      \(k) filters of \(f)x\(f)x\(conv_weights_per_filter / (f * f)); each output number is a \(conv_weights_per_filter)-number dot product with one \(f)x\(f) chunk",
            "                   weights \(conv_weights_per_filter)*\(k) = \(g(conv_weights)) (+\(k) biases), shared by every position; output \(conv_output) = \(g(conv_outputs)) numbers",
            "  for the same \(g(conv_outputs)) outputs a fully connected layer needs \(g(inputs))*\(g(conv_outputs)) = \(g(fc_equivalent_weights)) weights, \(ratio < 1e15 ? g(Int(ratio.rounded())) : Format.sci3(ratio))x as many",
        ].joined(separator: "\n").fitted(style)
    }
}

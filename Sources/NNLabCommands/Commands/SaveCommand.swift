import NNLabCore
import NNLabExperiments

/// `save FILE.svg`: writes the last figure an experiment drew.
public struct SaveCommand: Command {
    public static let spec = CommandSpec(
        name: "save", topic: .session,
        summary: "write the last figure (from init and other experiments) to an SVG file a browser opens",
        arguments: [.positional("FILE", .text, help: "a path ending in .svg")],
        fields: [FieldDoc("message", "what was written"), FieldDoc("key, value", "\"file\" and the path")],
        examples: [Example("save init.svg", "after init xavier: the mean/std plots and the histograms", after: "init xavier")])

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        guard let figure = context.session.lastFigure else {
            throw CommandError("no figure yet: run an experiment that draws one first, e.g. init xavier, then save init.svg")
        }
        let path = try args.text("FILE")
        try figure.write(to: path)
        return MessageOutput(message: "\(figure.title) written to \(path)", key: "file", value: path)
    }
}

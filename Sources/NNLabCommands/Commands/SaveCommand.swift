import NNLabCore
import NNLabExperiments

/// `save FILE.svg`: writes the last figure an experiment drew.
public struct SaveCommand: Command {
    static let file = Arg<String>.text("FILE", positional: true, required: true, help: "a path ending in .svg")

    /// The commands whose last run `save` writes, in the order help lists them.
    static let drawers = "init, batchnorm, preprocess, dropout (its Monte Carlo), arch and net (memory and parameter bars), descend, race, newton, lbfgs, search, curves, train clip="

    public static let spec = CommandSpec(
        name: "save", topic: .session,
        summary: "write the last figure an experiment drew to an SVG file a browser opens",
        discussion: "The figure is the last one drawn by any of: \(drawers). It is drawn when saved, from the numbers the command printed.",
        arguments: [file.spec],
        fields: [FieldDoc("message", "what was written"), FieldDoc("key, value", "\"file\" and the path")],
        examples: [Example("save init.svg", "after init xavier: the mean/std plots and the histograms", after: "init xavier"),
                   Example("save vgg16.svg", "after arch vgg16: memory bars early, parameter bars late", after: "arch vgg16")])

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        guard let figure = context.session.lastFigure else {
            throw CommandError("no figure yet: run an experiment that draws one first (\(drawers)), e.g. init xavier, then save init.svg")
        }
        let path = try args.value(file)
        try figure.write(to: path)
        return MessageOutput(message: "\(figure.title) written to \(path)", key: "file", value: path)
    }
}

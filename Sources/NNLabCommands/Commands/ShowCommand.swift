/// `show`: the settings and the seed.
public struct ShowCommand: Command {
    public static let spec = CommandSpec(
        name: "show", topic: .session,
        summary: "list the session's settings and seed",
        fields: [FieldDoc("seed", "the seed the generator was last started with"),
                 FieldDoc("settings", "each setting's value, e.g. settings.init"),
                 FieldDoc("version", "nnlab's version")],
        examples: [Example("show", "see what `init` and later experiments will use")])

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        ShowOutput(seed: context.session.seed, settings: Setting.values(context.session.settings), version: NNLabVersion.current)
    }
}

public struct ShowOutput: CommandOutput {
    public var seed: UInt32
    public var settings: [String: String]
    public var version: String

    public func renderText(_ style: TextStyle) -> String {
        var t = Table(["setting", "value", "meaning"], wrap: [2])
        t.add(["seed", String(seed), "random seed, as np.random.seed(\(seed)); `seed N` changes it"])
        for s in Setting.all { t.add([s.key, settings[s.key] ?? s.defaultValue, s.help + "; read by " + s.readers]) }
        return t.render(style) + "\n" + style.dim("nnlab \(version)")
    }
}

/// `set KEY VALUE`: changes a setting that later commands read (each setting names its readers).
public struct SetCommand: Command {
    static let key = Arg<String>(.positional("KEY", .choice(Setting.all.map(\.key)), help: "the setting to change"))
    static let value = Arg<String>.text("VALUE", positional: true, required: true, help: "its new value")

    public static let spec = CommandSpec(
        name: "set", topic: .session,
        summary: "change a session setting that later commands read",
        discussion: "Settings: " + Setting.all.map { "\($0.key) (\($0.kind.allowed); default \($0.defaultValue)): \($0.help); read by \($0.readers)" }
            .joined(separator: ". ") + ". An argument typed on the command line (act=, init=, bias=, dropout=) wins over the setting. `show` lists the current values.",
        arguments: [key.spec, value.spec],
        fields: [FieldDoc("key", "the setting changed"), FieldDoc("value", "its new value"), FieldDoc("message", "what changed and the commands that read it")],
        examples: [Example("set init he", "init and model use He initialization from now on"),
                   Example("set dropout 0.5", "dropout, model and net add dropout keep each unit with probability 0.5"),
                   Example("set bias off", "conv, arch and net count weights only")],
        complete: { previous, _ in
            if previous.isEmpty { return Setting.all.map(\.key) }
            if previous.count == 1, let s = Setting.named(previous[0]) { return s.kind.choices }
            return []
        })

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        let name = try args.value(key)
        guard let setting = Setting.named(name) else { throw CommandError("unknown setting '\(name)'; allowed: \(Setting.all.map(\.key).joined(separator: ", ")); e.g. set init he") }
        let raw = try args.value(value)
        let a = ArgumentSpec.positional(setting.key, setting.kind, help: setting.help)
        setting.assign(&context.session.settings, try Arguments.parse(raw, as: a, spec: spec))
        let v = setting.read(context.session.settings)
        return MessageOutput(message: "\(setting.key) = \(v); read by \(setting.readers)", key: setting.key, value: v)
    }
}

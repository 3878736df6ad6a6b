import NNLabCore

// The session commands: `set`, `show`, `seed`, `reset`, `quit`. Each is one small type; together
// they manage the state that experiments read (the generator and the settings).

/// A one-line acknowledgement (`seed 0` -> "seed 0: the generator restarts as np.random.seed(0)").
public struct MessageOutput: CommandOutput {
    public var message: String
    public var key: String?
    public var value: String?
    public func renderText(_ style: TextStyle) -> String { message.fitted(style) }

    /// key and value belong to `set`'s message only: other commands' messages do not carry them as nulls.
    enum CodingKeys: String, CodingKey { case message, key, value }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(message, forKey: .message)
        if let key { try c.encode(key, forKey: .key) }
        if let value { try c.encode(value, forKey: .value) }
    }
}

public struct SetCommand: Command {
    public static let spec = CommandSpec(
        name: "set", topic: .session,
        summary: "change a session setting that later commands read",
        discussion: "Settings: " + Setting.all.map { "\($0.key) (\($0.kind.allowed); default \($0.defaultValue)): \($0.help)" }
            .joined(separator: ". ") + ". `show` lists the current values.",
        arguments: [
            .positional("KEY", .choice(Setting.all.map(\.key)), help: "the setting to change"),
            .positional("VALUE", .text, help: "its new value"),
        ],
        fields: [FieldDoc("key", "the setting changed"), FieldDoc("value", "its new value"), FieldDoc("message", "what changed")],
        examples: [Example("set init he", "use He initialization from now on"),
                   Example("set dropout 0.5", "keep each unit with probability 0.5")],
        complete: { previous, _ in
            if previous.isEmpty { return Setting.all.map(\.key) }
            if previous.count == 1, let s = Setting.named(previous[0]) { return s.kind.choices }
            return []
        })

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        let key = try args.word("KEY")
        guard let setting = Setting.named(key) else { throw CommandError("unknown setting '\(key)'") }
        let raw = try args.text("VALUE")
        let a = ArgumentSpec.positional(key, setting.kind, help: setting.help)
        setting.assign(&context.session.settings, try Arguments.parse(raw, as: a, spec: spec))
        let value = setting.read(context.session.settings)
        return MessageOutput(message: "\(setting.key) = \(value)", key: setting.key, value: value)
    }
}

public struct ShowOutput: CommandOutput {
    public var seed: UInt32
    public var settings: [String: String]

    public func renderText(_ style: TextStyle) -> String {
        var t = Table(["setting", "value", "meaning"])
        t.add(["seed", String(seed), "random seed, as np.random.seed(\(seed)); `seed N` changes it"])
        for s in Setting.all { t.add([s.key, settings[s.key] ?? s.defaultValue, s.help]) }
        return t.render(style)
    }
}

public struct ShowCommand: Command {
    public static let spec = CommandSpec(
        name: "show", topic: .session,
        summary: "list the session's settings and seed",
        fields: [FieldDoc("seed", "the seed the generator was last started with"),
                 FieldDoc("settings", "each setting's value, e.g. settings.init")],
        examples: [Example("show", "see what `init` and later experiments will use")])

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        ShowOutput(seed: context.session.seed, settings: Setting.values(context.session.settings))
    }
}

public struct SeedCommand: Command {
    public static let spec = CommandSpec(
        name: "seed", topic: .session,
        summary: "restart the random generator, exactly as np.random.seed(N)",
        discussion: "nnlab's generator is numpy's legacy MT19937, bit for bit: after `seed N`, experiments draw the same numbers as the lectures' numpy code after np.random.seed(N).",
        arguments: [.positional("N", .integer(0...4_294_967_295), help: "the seed, 0 to 2^32 - 1 as numpy allows")],
        fields: [FieldDoc("key", "always \"seed\""), FieldDoc("value", "the new seed"), FieldDoc("message", "confirmation")],
        examples: [Example("seed 0", "the seed the lectures' code uses")])

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        let n = try args.int("N")
        guard let s = UInt32(exactly: n) else { throw CommandError("seed must be from 0 to 4294967295") }
        context.session.reseed(s)
        return MessageOutput(message: "seed \(s): random numbers now follow np.random.seed(\(s))", key: "seed", value: String(s))
    }
}

public struct ResetCommand: Command {
    public static let spec = CommandSpec(
        name: "reset", topic: .session,
        summary: "restore every setting to its default and restart the generator at seed 0",
        fields: [FieldDoc("message", "confirmation")],
        examples: [Example("reset", "start over with default settings")])

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        context.session = Session()
        return MessageOutput(message: "settings restored to defaults; seed \(Session.defaultSeed)")
    }
}

public struct QuitOutput: CommandOutput {
    public func renderText(_ style: TextStyle) -> String { "" }
}

public struct QuitCommand: Command {
    public static let spec = CommandSpec(
        name: "quit", aliases: ["exit"], topic: .session,
        summary: "leave nnlab (Ctrl-D does the same)",
        examples: [Example("quit", "history is saved for next time")])

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput { QuitOutput() }
}

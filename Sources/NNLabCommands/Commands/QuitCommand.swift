/// `quit` (or `exit`): leaves the shell.
public struct QuitCommand: Command {
    public static let spec = CommandSpec(
        name: "quit", aliases: ["exit"], topic: .session,
        summary: "leave nnlab (Ctrl-D does the same)",
        examples: [Example("quit", "history is saved for next time")])

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput { QuitOutput() }
}

public struct QuitOutput: CommandOutput {
    public func renderText(_ style: TextStyle) -> String { "" }
}

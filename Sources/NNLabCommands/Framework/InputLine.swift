/// What a person typed in answer to a command that asks (`quiz`, `lecture N run`), or why there is
/// nothing: Ctrl-C, or the end of the input (Ctrl-D, or the end of piped lines).
public enum InputLine: Sendable, Equatable {
    case line(String)
    case interrupted
    case endOfInput
}

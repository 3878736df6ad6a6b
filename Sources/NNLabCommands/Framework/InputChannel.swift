/// Where a running command reads a line typed by the user. The shell's implementations read with
/// libedit and a prompt on a terminal, and the next line of standard input when it is piped (so
/// piped answers work like typed ones). nil in the context (labs, `-c`, tests) means nobody can be
/// asked: commands then take their answers from their arguments.
public protocol InputChannel: AnyObject, Sendable {
    /// Whether a person is at a terminal (so pausing for Enter makes sense).
    var isTerminal: Bool { get }
    /// Shows `prompt` (on a terminal) and reads one line.
    func readLine(prompt: String) -> InputLine
}

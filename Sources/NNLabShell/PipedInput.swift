import NNLabCommands
import NNLabCore

/// Answers from piped standard input: the next line, exactly as the shell reads its commands, so
/// piped answers work like typed ones. No prompt is shown.
final class PipedInput: InputChannel, @unchecked Sendable {
    private let interrupt: InterruptFlag
    init(interrupt: InterruptFlag) { self.interrupt = interrupt }

    var isTerminal: Bool { false }

    func readLine(prompt: String) -> InputLine {
        if interrupt.isRaised { return .interrupted }
        guard let line = Swift.readLine(strippingNewline: true) else {
            return interrupt.isRaised ? .interrupted : .endOfInput
        }
        return .line(line)
    }
}

import NNLabCommands
import NNLabCore

/// Answers typed at a terminal, read with libedit under the command's own prompt.
final class EditorInput: InputChannel, @unchecked Sendable {
    private let editor: LineEditor
    init(_ editor: LineEditor) { self.editor = editor }

    var isTerminal: Bool { true }

    func readLine(prompt: String) -> InputLine {
        switch editor.readLine(prompt: prompt) {
        case let .line(l): return .line(l)
        case .interrupted: return .interrupted
        case .endOfFile: return .endOfInput
        }
    }
}

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

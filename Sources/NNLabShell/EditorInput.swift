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

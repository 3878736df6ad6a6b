import CEditLine
import NNLabCommands
import NNLabCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The only file that talks to libedit: a prompt with line editing (emacs keys, or the user's
/// ~/.editrc), history kept in a file across sessions, Tab completion through a Swift function,
/// and Ctrl-C that abandons the line (or the running command) instead of the program.
public final class LineEditor {
    public typealias Completer = (_ line: String, _ cursor: Int) -> (start: Int, candidates: [String])

    private let el: OpaquePointer
    private let hist: OpaquePointer
    private var event = HistEvent()
    private var promptPointer: UnsafeMutablePointer<CChar>
    private let history: HistoryFile?
    /// What to say once about the history file (cannot be saved, or will be cut); the shell
    /// prints these at start-up and after a save that failed.
    public private(set) var historyMessages: [String] = []
    private let completer: Completer

    /// The flag Ctrl-C raises. The shell clears it before each command and long loops poll it.
    public let interrupt: InterruptFlag

    public enum Input { case line(String), interrupted, endOfFile }

    public init?(prompt: String, historyPath: String?, historySize: Int32 = 1000,
                 interrupt: InterruptFlag, completer: @escaping Completer) {
        LineEditor.useUTF8Locale()
        guard let e = el_init("nnlab", nn_stdin(), nn_stdout(), nn_stderr()), let h = history_init() else { return nil }
        el = e
        hist = h
        history = historyPath.map { HistoryFile(path: $0, limit: historySize) }
        self.completer = completer
        self.interrupt = interrupt
        promptPointer = strdup(prompt)
        LineEditor.installInterruptHandler(interrupt)

        nn_history_setsize(hist, &event, historySize)
        nn_history_setunique(hist, &event, 1)
        if let h = history {
            h.load(into: hist, &event)
            historyMessages = h.notes + (h.problem.map { [$0] } ?? [])
        }
        nn_el_set_hist(el, hist)
        nn_el_set_editor(el, "emacs")
        nn_el_set_signal(el, 1)  // libedit restores the terminal around signals
        nn_el_set_clientdata(el, Unmanaged.passUnretained(self).toOpaque())
        nn_el_set_prompt(el) { e in
            guard let e, let raw = nn_el_get_clientdata(e) else { return nil }
            return Unmanaged<LineEditor>.fromOpaque(raw).takeUnretainedValue().promptPointer
        }
        nn_el_addfn(el, "nnlab-complete", "complete the word at the cursor") { e, _ in
            guard let e, let raw = nn_el_get_clientdata(e) else { return UInt8(CC_ERROR) }
            return Unmanaged<LineEditor>.fromOpaque(raw).takeUnretainedValue().completeAtCursor()
        }
        nn_el_bind(el, "^I", "nnlab-complete")
        nn_el_source_default(el)  // the user's ~/.editrc, if any
    }

    deinit {
        el_end(el)
        history_end(hist)
        free(promptPointer)
    }

    /// libedit decodes the keys typed with the C library's multibyte functions, which follow
    /// LC_CTYPE: in the default "C" locale every byte above 127 is dropped (`résumé` arrived as
    /// `rsum`). So the character type comes from the environment, and when that is not UTF-8
    /// (unset, C, POSIX) from C.UTF-8, since nnlab reads and writes UTF-8 everywhere else.
    /// Only LC_CTYPE: number formatting (LC_NUMERIC) stays "C".
    static func useUTF8Locale() {
        func isUTF8() -> Bool {
            guard let cs = nl_langinfo(nl_item(CODESET)) else { return false }
            let name = String(String(cString: cs).uppercased().filter { $0 != "-" })
            return name == "UTF8"
        }
        if setlocale(LC_CTYPE, "") != nil, isUTF8() { return }
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] where setlocale(LC_CTYPE, name) != nil {
            if isUTF8() { return }
        }
    }

    /// Reads one line. Ctrl-C gives `.interrupted` (the line is dropped), Ctrl-D on an empty line
    /// `.endOfFile`.
    public func readLine() -> Input {
        var count: Int32 = 0
        interrupt.clear()
        guard let p = el_gets(el, &count) else {
            // el_gets gives count 0 at end of input (Ctrl-D) and -1 when the read was interrupted.
            if interrupt.isRaised || count < 0 {
                interrupt.clear()
                FileSink.standardOutput.write("\n")
                return .interrupted
            }
            return .endOfFile
        }
        if count <= 0 { return .endOfFile }
        var line = String(cString: p)
        while line.hasSuffix("\n") || line.hasSuffix("\r") { line.removeLast() }
        return .line(line)
    }

    /// Reads one line after another prompt (a command asking for an answer: `quiz`, `lecture N run`);
    /// the line is not added to the history.
    public func readLine(prompt: String) -> Input {
        let saved = promptPointer
        promptPointer = strdup(prompt)
        defer { free(promptPointer); promptPointer = saved }
        return readLine()
    }

    /// Adds a line to this shell's history and appends it to the file (see `HistoryFile`: locked,
    /// merged with other shells' lines, written safely). Returns a sentence the one time saving
    /// fails.
    public func remember(_ line: String) -> String? {
        guard !line.trimmingWhitespace().isEmpty else { return nil }
        nn_history_enter(hist, &event, line)
        return history?.append(line)
    }

    private func completeAtCursor() -> UInt8 {
        guard let info = el_line(el)?.pointee, let start = info.buffer, let cursor = info.cursor else {
            return UInt8(CC_ERROR)
        }
        let byteCount = cursor - start
        let before = String(decoding: UnsafeBufferPointer(start: UnsafeRawPointer(start).assumingMemoryBound(to: UInt8.self),
                                                          count: max(0, byteCount)), as: UTF8.self)
        let chars = Array(before)
        let result = completer(before, chars.count)
        let partial = String(chars[min(result.start, chars.count)...])
        switch result.candidates.count {
        case 0:
            return UInt8(CC_REFRESH_BEEP)
        case 1:
            let c = result.candidates[0]
            let tail = String(c.dropFirst(partial.count))
            insert(tail + (c.hasSuffix("=") ? "" : " "))
            return UInt8(CC_REFRESH)
        default:
            let common = Completion.commonPrefix(result.candidates)
            if common.count > partial.count {
                insert(String(common.dropFirst(partial.count)))
                return UInt8(CC_REFRESH)
            }
            FileSink.standardOutput.write("\n" + result.candidates.joined(separator: "  ") + "\n")
            return UInt8(CC_REDISPLAY)
        }
    }

    private func insert(_ s: String) {
        guard !s.isEmpty else { return }
        _ = s.withCString { el_insertstr(el, $0) }
    }

    // MARK: Ctrl-C

    /// The signal handler can capture nothing, so the flag it raises is kept here once.
    nonisolated(unsafe) private static var handlerFlag: InterruptFlag?

    /// Installs a SIGINT handler without SA_RESTART: a blocked read returns EINTR (back to the
    /// prompt), and a running command sees the flag at its next check.
    public static func installInterruptHandler(_ flag: InterruptFlag) {
        handlerFlag = flag
        nn_install_sigint { _ in LineEditor.handlerFlag?.raise() }
    }
}

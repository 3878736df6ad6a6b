import NNLabCommands
import NNLabCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The interactive loop and the non-interactive ones (`-c`, piped input, labs), all over one
/// interpreter, so a session's state carries from line to line.
public struct Shell {
    public var interpreter: Interpreter
    public var printer: Printer
    /// Shows running commands' progress and records live; set into the interpreter's context.
    public let channel: LiveChannel
    /// Set on a terminal: results that are `PagedOutput` (lecture notes) are shown a screen at a time.
    public var pager: Pager?

    public init(interpreter: Interpreter, printer: Printer, terminal: Bool = false) {
        self.interpreter = interpreter
        self.printer = printer
        self.channel = LiveChannel(out: printer.out, json: printer.json, style: printer.style, terminal: terminal)
        self.interpreter.context.channel = channel
    }

    /// Runs one line (possibly several `;` statements), printing each result as soon as its
    /// statement finishes. Returns false when the user asked to quit; `failed` is set when a
    /// statement failed.
    @discardableResult
    public mutating func handle(line: String, failed: inout Bool) -> Bool {
        if let e = Interpreter.lineTooLong(line) {
            printer.print(.failure(e), from: interpreter)
            failed = true
            return true
        }
        for statement in Tokenizer.statements(line) {
            let outcome = interpreter.execute(statement: statement)
            channel.finish()
            // The terminal echoes Ctrl-C as "^C" where the cursor is; erase it so the result
            // starts at the left edge and wraps where it was laid out to.
            if channel.terminal, interpreter.context.interrupt.isRaised { printer.out.write("\r\u{1B}[K") }
            if let pager, !printer.json, case let .success(_, output) = outcome, output is any PagedOutput {
                let interrupt = interpreter.context.interrupt
                pager.show(printer.text(of: outcome), to: printer.out) { Pager.readKey(interrupt: interrupt) }
            } else {
                printer.print(outcome, from: interpreter)
            }
            if outcome.isFailure { failed = true }
            if case .quit = outcome { return false }
        }
        return true
    }

    /// Terminal session: libedit, history, completion, Ctrl-C back to the prompt, Ctrl-D or quit leaves.
    public mutating func runInteractive(historyPath: String?) {
        let registry = interpreter.context.registry
        guard let editor = LineEditor(prompt: "nnlab> ", historyPath: historyPath, interrupt: interpreter.context.interrupt,
                                      completer: { line, cursor in
                                          let r = Completion.complete(line: line, cursor: cursor, registry: registry)
                                          return (r.start, r.candidates)
                                      })
        else {
            printer.err.write("nnlab: could not start line editing; reading plain lines instead\n")
            runPlain()
            return
        }
        interpreter.context.input = EditorInput(editor)
        if let out = printer.out as? FileSink, out.isTerminal, !printer.json {
            pager = Pager(height: Pager.terminalHeight(), style: printer.style)
        }
        printer.out.write(printer.style.bold("nnlab") + " - neural network training, one experiment at a time. Type help, or quit.\n")
        for m in editor.historyMessages { printer.err.write("nnlab: \(Escape.visible(m))\n") }
        var failed = false
        loop: while true {
            switch editor.readLine() {
            case .endOfFile:
                printer.out.write("\n")
                break loop
            case .interrupted:
                continue
            case let .line(line):
                if let m = editor.remember(line) { printer.err.write("nnlab: \(Escape.visible(m))\n") }
                interpreter.context.interrupt.clear()
                var lineFailed = false
                if !handle(line: line, failed: &lineFailed) { break loop }
                failed = failed || lineFailed
                if interpreter.context.interrupt.isRaised {
                    // A command that noticed Ctrl-C has said so; one that finished first gets a note.
                    if !lineFailed { printer.err.write("interrupted\n") }
                    interpreter.context.interrupt.clear()
                }
            }
        }
    }

    /// Standard input that is not a terminal: plain lines, no prompt, no escape codes.
    /// Returns whether any statement failed.
    @discardableResult
    public mutating func runPlain() -> Bool {
        var failed = false
        if interpreter.context.input == nil { interpreter.context.input = PipedInput(interrupt: interpreter.context.interrupt) }
        while let line = Swift.readLine(strippingNewline: true) {
            if !handle(line: line, failed: &failed) { break }
        }
        return failed
    }

    /// `~/.nnlab_history`, or `$NNLAB_HISTORY` (empty: no history file).
    public static func defaultHistoryPath() -> String? {
        if let p = getenv("NNLAB_HISTORY") {
            let s = String(cString: p)
            return s.isEmpty ? nil : s
        }
        guard let home = getenv("HOME") else { return nil }
        return String(cString: home) + "/.nnlab_history"
    }

    /// Colour only on a terminal, never with NO_COLOR set or TERM=dumb.
    public static func colorAllowed(for sink: FileSink) -> Bool {
        if let nc = getenv("NO_COLOR"), nc.pointee != 0 { return false }
        if let t = getenv("TERM"), String(cString: t) == "dumb" { return false }
        return sink.isTerminal
    }

    /// The terminal's width in columns: `COLUMNS` when set to a number, else the window size of the
    /// terminal `sink` writes to; nil when it is not a terminal.
    public static func terminalWidth(of sink: FileSink) -> Int? {
        if let c = getenv("COLUMNS"), let n = Int(String(cString: c)), n > 0 { return n }
        guard sink.isTerminal else { return nil }
        var w = winsize()
        guard ioctl(sink.fd, UInt(TIOCGWINSZ), &w) == 0, w.ws_col > 0 else { return nil }
        return Int(w.ws_col)
    }

    /// Whether standard input is a terminal.
    public static var inputIsTerminal: Bool { isatty(0) != 0 }
}

import NNLabCommands
import NNLabCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Shows long text a screen at a time on a terminal, as `more` does: space shows the next screen,
/// Enter the next line, q (or Ctrl-C, or the end of input) stops. Text that fits on one screen is
/// printed at once, and piped output never goes through here.
public struct Pager {
    public enum Key: Equatable { case screen, line, quit }

    /// Rows of the screen; one of them holds the prompt.
    public var height: Int
    public var style: TextStyle

    public init(height: Int, style: TextStyle) { self.height = max(height, 3); self.style = style }

    /// The prompt shown between screens (dimmed on a terminal with colour), naming where the reader is.
    func prompt(shown: Int, of total: Int) -> String {
        let text = "-- line \(shown) of \(total): space next screen, Enter one line, q quit --"
        return style.dim(String(text.prefix(max(style.width - 1, 10))))
    }

    /// Writes `text` to `out`, pausing after each screen for a key from `nextKey`. Returns the
    /// number of lines shown.
    @discardableResult
    public func show(_ text: String, to out: TextSink, nextKey: () -> Key) -> Int {
        let lines = text.components(separatedBy: "\n")
        let page = height - 1
        guard lines.count > page else {
            out.write(text + "\n")
            return lines.count
        }
        var shown = 0
        func emit(_ n: Int) {
            let end = min(shown + n, lines.count)
            for l in lines[shown..<end] { out.write(l + "\n") }
            shown = end
        }
        emit(page)
        while shown < lines.count {
            out.write(prompt(shown: shown, of: lines.count))
            let key = nextKey()
            out.write("\r\u{1B}[K")
            switch key {
            case .screen: emit(page)
            case .line: emit(1)
            case .quit: return shown
            }
        }
        return shown
    }

    /// The terminal's rows: `LINES` when set, else the window size of standard output, else 24.
    public static func terminalHeight() -> Int {
        if let l = getenv("LINES"), let n = Int(String(cString: l)), n > 0 { return n }
        var w = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &w) == 0, w.ws_row > 0 { return Int(w.ws_row) }
        return 24
    }

    /// Reads one key from the terminal on `fd` without waiting for Enter and without echo (the
    /// terminal's mode is restored before returning). Space: a screen; Enter: a line; q, Ctrl-C
    /// (the read is interrupted and the flag is up), Ctrl-D or a read error: quit. Other keys are ignored.
    public static func readKey(fd: Int32 = 0, interrupt: InterruptFlag) -> Key {
        var saved = termios()
        let raw = tcgetattr(fd, &saved) == 0
        if raw {
            var t = saved
            t.c_lflag &= ~tcflag_t(ICANON | ECHO)
            withUnsafeMutableBytes(of: &t.c_cc) { cc in
                cc[Int(VMIN)] = 1
                cc[Int(VTIME)] = 0
            }
            tcsetattr(fd, TCSANOW, &t)
        }
        defer { if raw { var s = saved; tcsetattr(fd, TCSANOW, &s) } }
        var byte: UInt8 = 0
        while true {
            if interrupt.isRaised { interrupt.clear(); return .quit }
            let n = read(fd, &byte, 1)
            if n < 0, errno == EINTR { continue }
            guard n == 1 else { return .quit }
            switch byte {
            case UInt8(ascii: " "): return .screen
            case 10, 13: return .line
            case UInt8(ascii: "q"), UInt8(ascii: "Q"), 4: return .quit
            default: continue
            }
        }
    }
}

import NNLabCommands
import NNLabCore
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Shows a running command's progress and intermediate records as they come:
/// - on a terminal, a progress bar redrawn in place (at most every 100 ms) on the last line, with
///   each record printed above it as a line of text;
/// - piped, records as plain lines and no bar, no escape codes;
/// - under `--json`, one JSON object per record with its `type` (`"epoch"`, `"trial"`, ...), and
///   `"progress"` objects at most four times a second.
/// Records may arrive from worker threads; one lock keeps each line whole.
public final class LiveChannel: OutputChannel, @unchecked Sendable {
    private struct State {
        var barShown = false
        var lastDraw = 0.0
        var lastJSON = 0.0
    }
    private let out: TextSink
    private let json: Bool
    private let style: TextStyle
    public let terminal: Bool
    private let state = Mutex(State())

    public init(out: TextSink, json: Bool, style: TextStyle, terminal: Bool) {
        self.out = out; self.json = json; self.style = style; self.terminal = terminal
    }

    public func progress(command: String, done: Int, total: Int, label: String) {
        let now = Self.seconds()
        state.withLock { s in
            if json {
                guard done >= total || now - s.lastJSON >= 0.25 else { return }
                s.lastJSON = now
                let o: [String: JSONValue] = ["type": .string("progress"), "command": .string(command),
                                              "done": .number(Double(done)), "total": .number(Double(total)),
                                              "label": .string(label)]
                out.write(JSONValue.object(o).serialized(first: ["type", "command"]) + "\n")
                return
            }
            guard terminal, total > 0 else { return }
            guard done >= total || now - s.lastDraw >= 0.1 || !s.barShown else { return }
            s.lastDraw = now
            out.write("\r\u{1B}[K" + Self.bar(done: done, total: total, label: label, width: style.width))
            s.barShown = true
        }
    }

    public func record(command: String, _ record: any StreamRecord) {
        state.withLock { s in
            if json {
                guard case var .object(o) = (try? JSONValue.encode(record)) ?? .null else { return }
                o["type"] = .string(type(of: record).recordType)
                o["command"] = .string(command)
                out.write(JSONValue.object(o).serialized(first: ["type", "command"]) + "\n")
                return
            }
            guard let r = record as? TextRecord else { return }
            if s.barShown { out.write("\r\u{1B}[K"); s.barShown = false }
            out.write(r.renderLine(style) + "\n")
        }
    }

    /// Removes the bar before the command's result is printed.
    public func finish() {
        state.withLock { s in
            if s.barShown { out.write("\r\u{1B}[K"); s.barShown = false }
        }
    }

    /// `[#########.........]  45% batch 9 of 20`, fitted to `width` columns.
    static func bar(done: Int, total: Int, label: String, width: Int) -> String {
        let fraction = Double(min(max(done, 0), total)) / Double(total)
        let pct = String(Int((fraction * 100).rounded(.down)))
        let tail = " " + String(repeating: " ", count: max(0, 3 - pct.count)) + pct + "% " + label
        let cells = max(10, min(40, width - tail.count - 3))
        let filled = Int((fraction * Double(cells)).rounded(.down))
        let line = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: cells - filled) + "]" + tail
        return String(line.prefix(width - 1))
    }

    static func seconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }
}

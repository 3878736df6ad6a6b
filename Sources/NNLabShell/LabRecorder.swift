import Foundation
import NNLabCommands

/// Record mode for labs (cram's `-i`): after an intended change in what a command prints, the
/// `expect-output` lines that no longer hold are rewritten from what the commands print now, and
/// the change is reviewed as a `git diff`. The `expect` value checks are never touched, nor is a
/// `/regex/` (a pattern says what may vary; only a person can widen it).
///
/// A stale line is matched to the printed line it most resembles: the one sharing the longest
/// start with it (`"output volume  32x32x12"` becomes `"output volume  32x32x10"`); a stale part
/// (`~ "accuracy: 0.9637"`) to the place in a printed line where most of its start occurs, taken
/// for as many words as it had. A check with no printed line sharing at least a third of its start
/// is left as it is and reported.
public enum LabRecorder {
    public struct Refusal: Error, Sendable { public var text: String }

    public struct Outcome: Sendable {
        public var report: LabRunner.Report
        /// The line numbers rewritten (empty: the file was left untouched).
        public var changed: [Int]
        /// The path written, nil when nothing changed.
        public var written: String?
    }

    /// Runs the lab at `path` in record mode and rewrites its stale `expect-output` lines through
    /// `SafeFileWriter` (nothing is written when every one held). Read and parse errors come back
    /// as a failed report, as from `LabRunner.run(path:)`.
    public static func record(path: String, runner: LabRunner, interpreter: inout Interpreter) throws(SafeFileWriter.WriteError) -> Outcome {
        var runner = runner
        runner.recording = true
        let text: String
        do { text = try LabFile.read(path) } catch {
            return Outcome(report: LabRunner.Report(path: path, failures: ["\(error)"]), changed: [], written: nil)
        }
        let script: LabScript
        do { script = try LabScript.parse(text, path: path) } catch {
            return Outcome(report: LabRunner.Report(path: path, failures: ["\(error)"]), changed: [], written: nil)
        }
        let report = runner.run(script, interpreter: &interpreter)
        // An interrupted run did not see every output: write nothing rather than half a recording.
        guard !report.recorded.isEmpty, !interpreter.context.interrupt.isRaised else {
            return Outcome(report: report, changed: [], written: nil)
        }
        let (newText, changed) = rewrite(text, lines: report.recorded)
        guard !changed.isEmpty else { return Outcome(report: report, changed: [], written: nil) }
        let written = try SafeFileWriter.write(Data(newText.utf8), to: path)
        return Outcome(report: report, changed: changed, written: written)
    }

    /// `text` with each numbered line (1-based) replaced by its new content, its indentation and
    /// line ending (LF or CRLF) kept; returns the lines that really changed.
    public static func rewrite(_ text: String, lines replacements: [Int: String]) -> (String, [Int]) {
        var out = ""
        var changed: [Int] = []
        var n = 1
        var rest = Substring(text)
        while !rest.isEmpty {
            let end = rest.firstIndex { $0.isNewline } ?? rest.endIndex
            let body = rest[..<end]
            let ending = end < rest.endIndex ? String(rest[end]) : ""
            if let new = replacements[n] {
                let indent = body.prefix { $0 == " " || $0 == "\t" }
                let line = String(indent) + new
                if line != body { changed.append(n) }
                out += line
            } else {
                out += body
            }
            out += ending
            rest = end < rest.endIndex ? rest[rest.index(after: end)...] : rest[rest.endIndex...]
            n += 1
        }
        return (out, changed.sorted())
    }

    /// The `expect-output` line that holds for `output` (its lines trimmed), or why there is none.
    static func replacement(for match: LabScript.OutputMatch, source: String, output: [String]) -> Result<String, Refusal> {
        let found: String
        let contains: Bool
        switch match {
        case .regex:
            return .failure(Refusal(text: "a /regular expression/ is not rewritten; edit it by hand"))
        case let .line(t):
            contains = false
            guard let (line, shared) = output.filter({ !$0.isEmpty }).map({ ($0, commonPrefix($0, t.trimmingWhitespace())) })
                .max(by: { $0.1 < $1.1 }), shared >= threshold(t) else {
                return .failure(Refusal(text: "no printed line starts like \"\(t)\"; edit it by hand"))
            }
            found = line
        case let .contains(t):
            contains = true
            var best: (line: String, at: String.Index, shared: Int)?
            for line in output {
                if let (at, shared) = longestStart(of: t, in: line), shared > (best?.shared ?? 0) { best = (line, at, shared) }
            }
            guard let best, best.shared >= threshold(t) else {
                return .failure(Refusal(text: "no printed line holds most of the start of \"\(t)\"; edit it by hand"))
            }
            found = part(of: best.line, from: best.at, like: t)
        }
        let quote: Character = source.contains("'") && !source.contains("\"") ? "'" : "\""
        let q: Character = found.contains(quote) ? (quote == "\"" ? "'" : "\"") : quote
        guard !found.contains(q) else {
            return .failure(Refusal(text: "the printed text holds both quote characters: \(found)"))
        }
        return .success("expect-output " + (contains ? "~ " : "") + String(q) + found + String(q))
    }

    /// How much of its start a stale text must share with a printed line to be matched to it.
    static func threshold(_ t: String) -> Int { max(3, (t.count + 2) / 3) }

    static func commonPrefix(_ a: String, _ b: String) -> Int {
        zip(a, b).prefix { $0 == $1 }.count
    }

    /// Where the longest start of `t` occurs in `line`, and its length in characters.
    static func longestStart(of t: String, in line: String) -> (String.Index, Int)? {
        var n = t.count
        while n > 0 {
            if let r = line.range(of: String(t.prefix(n))) { return (r.lowerBound, n) }
            n -= 1
        }
        return nil
    }

    /// From `start`, as many words of `line` as `t` has; punctuation the old part did not end with
    /// is left off its last word.
    static func part(of line: String, from start: String.Index, like t: String) -> String {
        let words = t.split(separator: " ", omittingEmptySubsequences: true).count
        var i = start
        var seen = 0
        var inWord = false
        while i < line.endIndex {
            let c = line[i]
            if c == " " {
                if inWord { seen += 1; inWord = false; if seen == max(words, 1) { break } }
            } else {
                inWord = true
            }
            i = line.index(after: i)
        }
        var s = String(line[start..<i])
        if t.first == " " { s = " " + s.drop { $0 == " " } }
        while let last = s.last, ",;:.)".contains(last), t.last != last { s.removeLast() }
        return s
    }
}

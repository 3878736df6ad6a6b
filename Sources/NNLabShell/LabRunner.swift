import Foundation
import NNLabCommands
import NNLabCore

/// Runs a lab script against an interpreter: echoing each command after a prompt as if typed
/// (`nnlab run`), or quietly (`nnlab check` and the test suite), and evaluating its checks.
public struct LabRunner {
    public enum Mode { case echo, quiet }

    public struct Report: Sendable {
        public var path: String
        /// The checks that ran: evaluated against a result or printed text.
        public var checks = 0
        /// The checks that held (a failed command is a failure but not a check).
        public var passedChecks = 0
        /// `expect` checks that could not run because the command before them failed (they are
        /// listed in `failures` too), and checks left after Ctrl-C.
        public var notRun = 0
        public var failures: [String] = []
        /// With `recording`: the `expect-output` lines that did not hold, by line number, and the
        /// line each becomes (what `LabRecorder` writes).
        public var recorded: [Int: String] = [:]
        /// With `recording`: the stale `expect-output` lines that cannot be rewritten, and why.
        public var unrecordable: [String] = []
        public var passed: Bool { failures.isEmpty }

        public init(path: String, checks: Int = 0, passedChecks: Int = 0, failures: [String] = []) {
            self.path = path; self.checks = checks; self.passedChecks = passedChecks; self.failures = failures
        }

        /// "12 of 12 checks passed", with the checks that did not run and those recorded.
        public var summary: String {
            var s = "\(passedChecks) of \(checks) checks passed"
            if notRun > 0 { s += "; \(notRun) not run (a command before them failed or was interrupted)" }
            if !recorded.isEmpty { s += "; \(recorded.count) expect-output recorded" }
            return s
        }
    }

    public var mode: Mode
    public var printer: Printer
    /// Called at `pause` (only `--pace` on a terminal sets it).
    public var waitForEnter: (() -> Void)?
    /// Record mode (cram's `-i`): an `expect-output` that does not hold is not a failure; the line
    /// it should become, from what the command printed now, goes into `Report.recorded`.
    public var recording = false

    public init(mode: Mode, printer: Printer, waitForEnter: (() -> Void)? = nil, recording: Bool = false) {
        self.mode = mode; self.printer = printer; self.waitForEnter = waitForEnter; self.recording = recording
    }

    /// Reads and runs a lab file; an unreadable or malformed file is a failed report that says why.
    public func run(path: String, interpreter: inout Interpreter) -> Report {
        let text: String
        do {
            text = try LabFile.read(path)
        } catch {
            return Report(path: path, failures: ["\(error)"])
        }
        do {
            return run(try LabScript.parse(text, path: path), interpreter: &interpreter)
        } catch {
            return Report(path: path, failures: ["\(error)"])
        }
    }

    public func run(_ script: LabScript, interpreter: inout Interpreter) -> Report {
        var report = Report(path: script.path)
        var lastResult: JSONValue?
        var lastText = ""
        var lastCommand = "(none yet)"
        var lastFailed = false
        let interrupt = interpreter.context.interrupt
        // Under --json every line on standard output is one JSON object: checks are
        // {"type":"check",...} objects, and the echo of each command is left out (each result
        // names its command).
        func check(_ step: LabScript.Step, passed: Bool, message: String?) {
            var o: [String: JSONValue] = ["type": .string("check"), "lab": .string(script.path), "line": .number(Double(step.line)),
                                          "check": .string(step.source), "passed": .bool(passed)]
            if let message { o["message"] = .string(message) }
            printer.out.write(JSONValue.object(o).serialized(first: ["type", "lab", "line"]) + "\n")
        }
        func fail(_ step: LabScript.Step, _ message: String) {
            let m = "\(script.path):\(step.line): \(message)"
            report.failures.append(m)
            guard mode == .echo else { return }
            if printer.json { check(step, passed: false, message: message) } else { printer.err.write(printer.style.bad("FAIL ") + m + "\n") }
        }
        func pass(_ step: LabScript.Step) {
            report.passedChecks += 1
            guard mode == .echo else { return }
            if printer.json { check(step, passed: true, message: nil) } else { printer.out.write(printer.style.dim("  ok: \(step.source)") + "\n") }
        }
        func echo(_ command: String) {
            if mode == .echo && !printer.json { printer.out.write(printer.style.accent("nnlab> ") + command + "\n") }
        }

        for (index, step) in script.steps.enumerated() {
            if interrupt.isRaised {
                let m = "\(script.path):\(step.line): interrupted; the rest of the lab was not run"
                report.failures.append(m)
                report.notRun += script.steps[index...].filter(\.isCheck).count
                if mode == .echo { printer.err.write(printer.style.bad("stopped ") + m + "\n") }
                break
            }
            switch step.kind {
            case let .narration(text):
                // The instructor's words between the commands; under --json every line is an object.
                if mode == .echo && !printer.json {
                    for l in printer.style.paragraph(text, first: "# ", rest: "# ") { printer.out.write(printer.style.dim(l) + "\n") }
                }
            case let .command(line):
                echo(line)
                lastCommand = line
                lastResult = nil
                lastText = ""
                lastFailed = false
                for outcome in interpreter.execute(line: line) {
                    if mode == .echo { printer.print(outcome, from: interpreter) }
                    lastText = printer.text(of: outcome)
                    switch outcome {
                    case let .success(command, output):
                        do {
                            lastResult = try interpreter.resultValue(command: command, output: output)
                        } catch {
                            fail(step, "`\(line)` gave a result that could not be encoded: \(error)")
                        }
                    case let .failure(e):
                        // A later statement failing leaves no result: the checks after it must not
                        // read an earlier statement's.
                        lastResult = nil
                        lastFailed = true
                        fail(step, "`\(line)` failed: \(e.description)")
                    case .quit:
                        break
                    }
                }
            case let .expect(x):
                guard let result = lastResult else {
                    if lastFailed { report.notRun += 1 } else { report.checks += 1 }
                    fail(step, "expected \(x.text), but `\(lastCommand)` gave no result")
                    continue
                }
                report.checks += 1
                do {
                    let v = try result.lookup(x.field)
                    if let got = x.check(v) { fail(step, "expected \(x.text), got \(got)") } else { pass(step) }
                } catch {
                    fail(step, "expected \(x.text), but \(error) (after `\(lastCommand)`)")
                }
            case let .expectError(line, wanted):
                report.checks += 1
                echo(line)
                lastCommand = line
                lastResult = nil
                lastFailed = false
                let outcomes = interpreter.execute(line: line)
                guard let last = outcomes.last else {
                    fail(step, "expected `\(line)` to fail, but it ran nothing")
                    continue
                }
                if mode == .echo { printer.print(last, from: interpreter) }
                lastText = printer.text(of: last)
                guard case let .failure(e) = last else {
                    fail(step, "expected `\(line)` to fail with an error message, but it succeeded")
                    continue
                }
                let text = e.description
                if e.message.isEmpty || e.message.hasPrefix("internal") {
                    fail(step, "expected `\(line)` to fail with a message, got: \(text)")
                } else if let wanted {
                    if text.contains(wanted) { pass(step) } else { fail(step, "expected `\(line)` to fail with \"\(wanted)\", got: \(text)") }
                } else if e.message.hasPrefix("unknown command") {
                    // A typo in the command would otherwise pass as "it failed".
                    fail(step, "expected `\(line)` to fail, but its command does not exist (\(text)); name the message to expect it: expect-error \"unknown command\" \(line)")
                } else {
                    pass(step)
                }
            case let .expectOutput(m):
                report.checks += 1
                let lines = lastText.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace() }
                let ok: Bool
                switch m {
                case let .line(t): ok = lines.contains(t.trimmingWhitespace())
                case let .contains(t): ok = lines.contains { $0.contains(t) }
                case let .regex(r):
                    guard let re = try? NSRegularExpression(pattern: r) else {
                        fail(step, "bad regular expression /\(r)/")
                        continue
                    }
                    var timedOut = false
                    let deadline = LiveChannel.seconds() + Self.regexSeconds
                    ok = lines.contains { line in
                        guard !timedOut else { return false }
                        guard let m = Self.matches(re, line, deadline: deadline) else { timedOut = true; return false }
                        return m
                    }
                    if timedOut && !ok {
                        fail(step, "the regular expression /\(r)/ took more than \(Self.regexSeconds) s against the output of `\(lastCommand)` (nested repetition such as (a+)+ backtracks exponentially); write it without nested repetition")
                        continue
                    }
                }
                if ok {
                    pass(step)
                } else if recording {
                    switch LabRecorder.replacement(for: m, source: step.source, output: lines) {
                    case let .success(newLine):
                        report.recorded[step.line] = newLine
                        if mode == .echo && !printer.json { printer.out.write(printer.style.accent("  recorded: ") + newLine + "\n") }
                    case let .failure(why):
                        fail(step, "cannot record `\(step.source)`: \(why.text)")
                        report.unrecordable.append("\(script.path):\(step.line): \(why.text)")
                    }
                } else {
                    let shown = lastText.isEmpty ? "(no output)" : lastText
                    fail(step, "expected output \(describe(m)) after `\(lastCommand)`, got:\n\(shown)")
                }
            case .pause:
                if mode == .echo, let wait = waitForEnter {
                    if printer.json { printer.err.write("-- press Enter to continue --\n") } else { printer.out.write(printer.style.dim("-- press Enter to continue --")) }
                    wait()
                    // Enter is echoed by the terminal; Ctrl-C and Ctrl-D leave the cursor on the line.
                    if interrupt.isRaised && !printer.json { printer.out.write("\n") }
                }
            }
        }
        if report.checks == 0 && report.failures.isEmpty && !interrupt.isRaised {
            report.failures.append("\(script.path): no checks: the lab has no expect, expect-error or expect-output line, so nothing was tested")
        }
        return report
    }

    /// The time one `expect-output /regex/` may take over all the lines it tries.
    public static let regexSeconds = 0.5

    /// Whether `re` matches somewhere in `line`; nil when the clock passed `deadline` (ICU calls
    /// the progress block during long matches, and the match stops there).
    static func matches(_ re: NSRegularExpression, _ line: String, deadline: Double) -> Bool? {
        var found = false, late = false
        re.enumerateMatches(in: line, options: [.reportProgress], range: NSRange(line.startIndex..., in: line)) { m, _, stop in
            if m != nil { found = true; stop.pointee = true; return }
            if LiveChannel.seconds() > deadline { late = true; stop.pointee = true }
        }
        return found ? true : (late ? nil : false)
    }

    func describe(_ m: LabScript.OutputMatch) -> String {
        switch m {
        case let .line(t): return "a line \"\(t)\""
        case let .contains(t): return "a line containing \"\(t)\""
        case let .regex(r): return "a line matching /\(r)/"
        }
    }

    /// The `.lab` files under each path (a file is taken as is), sorted, for `nnlab check`.
    public static func labFiles(in paths: [String]) -> (files: [String], missing: [String]) {
        var files: [String] = [], missing: [String] = []
        let fm = FileManager.default
        for p in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: p, isDirectory: &isDir) else { missing.append(p); continue }
            if isDir.boolValue {
                let items = (try? fm.contentsOfDirectory(atPath: p)) ?? []
                files += items.filter { $0.hasSuffix(".lab") }.sorted().map { (p as NSString).appendingPathComponent($0) }
            } else {
                files.append(p)
            }
        }
        return (files, missing)
    }
}

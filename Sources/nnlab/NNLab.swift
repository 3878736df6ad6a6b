import ArgumentParser
import Foundation
import NNLabCommands
import NNLabCore
import NNLabGrading
import NNLabExerciseReference
import NNLabShell
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Options every form of `nnlab` shares.
struct CommonOptions: ParsableArguments {
    @Flag(help: "Print one JSON object per command result (JSON Lines) instead of text.")
    var json = false

    // `.unconditional` reads the next word even when it starts with '-', so `--seed -1` gets a
    // message about the value instead of "Missing value".
    @Option(parsing: .unconditional, help: "Start the random generator as np.random.seed(N), N from 0 to 4294967295 (default 0).",
            transform: { try CommonOptions.whole($0, "--seed", 0...Int(UInt32.max), example: "--seed 42") })
    var seed: Int?

    @Option(parsing: .unconditional, help: "Fit text to N columns, 20 to 1000 (default: the terminal's width, or 80 when not a terminal).",
            transform: { try CommonOptions.whole($0, "--width", 20...1000, example: "--width 100") })
    var width: Int?

    @Flag(help: "Show every column of wide tables instead of fitting them to the width.")
    var wide = false

    static func whole(_ s: String, _ name: String, _ range: ClosedRange<Int>, example: String) throws -> Int {
        guard let v = Int(s), range.contains(v) else {
            throw ValidationError("\(name) takes a whole number from \(range.lowerBound) to \(range.upperBound), got '\(s)'; e.g. \(example)")
        }
        return v
    }

    /// A shell whose text fits `width` columns; labs pass 80 so their expectations do not depend
    /// on the terminal they run in.
    func makeShell(width fixedWidth: Int? = nil) -> Shell {
        FileSink.ignoreBrokenPipeSignal()
        let out = FileSink.standardOutput
        let columns = fixedWidth ?? width ?? Shell.terminalWidth(of: out) ?? TextStyle.defaultWidth
        let style = TextStyle(color: !json && Shell.colorAllowed(for: out), width: columns, wide: wide)
        let interpreter = Interpreter(session: Session(seed: seed.map { UInt32($0) } ?? Session.defaultSeed))
        return Shell(interpreter: interpreter,
                     printer: Printer(out: out, err: FileSink.standardError, json: json, style: style),
                     terminal: !json && out.isTerminal)
    }
}

@main
struct NNLab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nnlab",
        abstract: "A shell of small, real experiments for learning how neural networks are trained.",
        discussion: """
            With no arguments on a terminal, nnlab starts its interactive shell (type help there). \
            With -c it runs the given commands and exits; piped input is read line by line.
            """,
        version: NNLabVersion.current,
        subcommands: [RunLab.self, CheckLabs.self, ExercisesCommand.self])

    @Option(name: .customShort("c"), help: ArgumentHelp("Run these commands (separated by ;) and exit; several -c run in order.", valueName: "commands"))
    var commands: [String] = []

    @OptionGroup var options: CommonOptions

    func run() throws {
        var shell = options.makeShell()
        let interrupt = shell.interpreter.context.interrupt
        if !commands.isEmpty {
            // Ctrl-C stops the running command at its next safe point (it prints what it completed,
            // marked interrupted) and then the run: the commands after it are not started.
            LineEditorSupport.installInterrupt(interrupt)
            var failed = false
            for line in commands {
                if !shell.handle(line: line, failed: &failed) { break }
                if interrupt.isRaised { break }
            }
            if interrupt.isRaised { throw Self.interrupted(shell) }
            if failed { throw ExitCode(1) }
            return
        }
        if Shell.inputIsTerminal {
            shell.runInteractive(historyPath: Shell.defaultHistoryPath())
        } else if shell.runPlain() {
            // Piped input keeps the default Ctrl-C (the process ends, status 130): Swift's readLine
            // retries an interrupted read forever, so a handler would make a blocked read spin.
            throw ExitCode(1)
        }
    }

    /// Exit status 130 (128 + SIGINT, as shells report it) after one line saying what was not run.
    static func interrupted(_ shell: Shell) -> ExitCode {
        shell.printer.err.write("nnlab: interrupted (Ctrl-C); the rest of the input was not run\n")
        return ExitCode(130)
    }
}

struct RunLab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a lab, echoing each command as if typed and showing its checks.")

    @Argument(help: "The .lab file.")
    var file: String

    @Flag(help: "Wait for Enter at each `pause` (on a terminal).")
    var pace = false

    @Flag(help: "Rewrite the lab's expect-output lines that no longer hold from what the commands print now (review with git diff); expect checks are never changed.")
    var record = false

    @OptionGroup var options: CommonOptions

    func run() throws {
        let shell = options.makeShell(width: TextStyle.defaultWidth)
        var interpreter = shell.interpreter
        LineEditorSupport.installInterrupt(interpreter.context.interrupt)
        let flag = interpreter.context.interrupt
        let wait: (() -> Void)? = (pace && Shell.inputIsTerminal) ? { LineEditorSupport.waitForEnter(flag) } : nil
        let runner = LabRunner(mode: .echo, printer: shell.printer, waitForEnter: wait)
        let report: LabRunner.Report
        var recorded: [Int] = []
        if record {
            do {
                let outcome = try LabRecorder.record(path: file, runner: runner, interpreter: &interpreter)
                report = outcome.report
                recorded = outcome.changed
            } catch {
                shell.printer.err.write("nnlab run --record: \(error); the lab was left as it was\n")
                throw ExitCode(1)
            }
        } else {
            report = runner.run(path: file, interpreter: &interpreter)
        }
        if report.checks + report.notRun == 0 {
            // Read errors and "no checks" are not printed as the lab runs: say them here.
            for m in report.failures { shell.printer.err.write("nnlab run: \(m)\n") }
        }
        let summary = report.summary
        if options.json {
            var o: [String: JSONValue] = ["type": .string("summary"), "lab": .string(file), "checks": .number(Double(report.checks)),
                                          "passed_checks": .number(Double(report.passedChecks)), "not_run": .number(Double(report.notRun)),
                                          "passed": .bool(report.passed), "failures": .array(report.failures.map { .string($0) })]
            if record { o["recorded_lines"] = .array(recorded.map { .number(Double($0)) }) }
            shell.printer.out.write(JSONValue.object(o).serialized(first: ["type", "lab"]) + "\n")
        } else {
            shell.printer.out.write((report.passed ? shell.printer.style.good(summary) : shell.printer.style.bad(summary)) + "\n")
            if record {
                let what = recorded.isEmpty ? "nothing to record: every expect-output held (the file is unchanged)"
                    : "recorded \(recorded.count) expect-output line\(recorded.count == 1 ? "" : "s") in \(file) (line\(recorded.count == 1 ? "" : "s") \(recorded.map(String.init).joined(separator: ", "))); review with git diff"
                for l in shell.printer.style.paragraph(what) { shell.printer.out.write(l + "\n") }
            }
        }
        if !report.passed { throw ExitCode(1) }
    }
}

struct CheckLabs: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run labs quietly and report which pass; ends with the line 'N passed, N failed'.")

    @Argument(help: "Lab files or folders of them (default: labs).")
    var paths: [String] = []

    @OptionGroup var options: CommonOptions

    func run() throws {
        let shell = options.makeShell(width: TextStyle.defaultWidth)
        let (files, missing) = LabRunner.labFiles(in: paths.isEmpty ? ["labs"] : paths)
        var passed = 0, failed = 0
        for m in missing {
            shell.printer.err.write("nnlab check: no such file or folder: \(m)\n")
            failed += 1
        }
        for f in files {
            var interpreter = Interpreter(session: shell.interpreter.session)
            let runner = LabRunner(mode: .quiet, printer: shell.printer)
            let r = runner.run(path: f, interpreter: &interpreter)
            if r.passed { passed += 1 } else { failed += 1 }
            if options.json {
                let o: [String: JSONValue] = ["type": .string("lab"), "lab": .string(f), "passed": .bool(r.passed),
                                              "checks": .number(Double(r.checks)), "passed_checks": .number(Double(r.passedChecks)),
                                              "failures": .array(r.failures.map { .string($0) })]
                shell.printer.out.write(JSONValue.object(o).serialized(first: ["type", "lab"]) + "\n")
            } else if r.passed {
                shell.printer.out.write("PASS \(f) (\(r.checks) checks)\n")
            } else {
                shell.printer.out.write("FAIL \(f)\n")
                for m in r.failures { shell.printer.out.write("  \(m)\n") }
            }
        }
        if options.json {
            let o: [String: JSONValue] = ["type": .string("summary"), "passed": .number(Double(passed)), "failed": .number(Double(failed)),
                                          "missing": .array(missing.map { .string($0) })]
            shell.printer.out.write(JSONValue.object(o).serialized(first: ["type"]) + "\n")
        } else {
            shell.printer.out.write("\(passed) passed, \(failed) failed\n")
        }
        if failed > 0 { throw ExitCode(1) }
    }
}

/// `nnlab exercises ...`: hand out exercises, grade them, and package them for Gradescope.
struct ExercisesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exercises",
        abstract: "Exercises graded by XCTest: write a student copy, grade submissions, build a Gradescope autograder.",
        subcommands: [ReleaseExercises.self, GradeExercises.self, CheckExercises.self, GradescopeExercises.self])

    /// The `swift` on PATH, or a clear error.
    static func swiftOnPath() throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        guard let s = path.split(separator: ":").map({ "\($0)/swift" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw ValidationError("no swift on PATH; grading builds Swift packages, e.g. export PATH=/opt/swift/usr/bin:$PATH")
        }
        return s
    }

    /// Writes `text` to standard output through nnlab's checked writer: a failed write (`> /dev/full`,
    /// `| head -0`) ends the process with status 1 and one line on standard error, as everywhere else.
    static func say(_ text: String) {
        FileSink.ignoreBrokenPipeSignal()
        FileSink.standardOutput.write(text)
    }

    static func fail(_ command: String, _ error: Error) -> ExitCode {
        FileHandle.standardError.write(Data("nnlab exercises \(command): \(error)\n".utf8))
        return ExitCode(1)
    }
}

struct ReleaseExercises: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release",
        abstract: "Write a student copy: a Swift package with stubs for every exercise, the visible graders and their fixtures.")

    @Argument(help: "An empty or new folder.")
    var dir: String

    @Flag(help: "Write into a folder that is not empty (only the copy's own files are written; nothing is deleted).")
    var force = false

    func run() throws {
        do {
            let files = try ReleaseWriter.write(.student, to: dir, force: force)
            ExercisesCommand.say("wrote \(files.count) files to \(dir); students run `swift run grade` there (see its README.md)\n")
        } catch { throw ExercisesCommand.fail("release", error) }
    }
}

struct GradeExercises: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade a folder of student packages (one folder per student): grades.csv and each student's results.json.")

    @Argument(help: "The folder of submissions, one folder per student (its name is the student id).")
    var submissions: String

    @Option(help: ArgumentHelp("Use DIR/ExtraGraders.swift and DIR/hidden.json as the hidden graders instead of the built-in ones.", valueName: "dir"))
    var hidden: String?

    @Option(help: ArgumentHelp("Where grades.csv and STUDENT/results.json go (default: grades).", valueName: "dir"))
    var out = "grades"

    @Option(parsing: .unconditional, help: "Students graded at once (default: the machine's cores).")
    var jobs: Int?

    @Option(parsing: .unconditional, help: "Seconds each exercise may run before it is stopped (default 10).")
    var timeout: Double = 10

    // --json (progress, each student and the result as JSON Lines), --width, --wide (a column per
    // exercise). The shared options, since `nnlab` itself reads them wherever they stand.
    @OptionGroup var options: CommonOptions

    func validate() throws {
        if let jobs, !(1...64).contains(jobs) { throw ValidationError("--jobs takes 1 to 64, e.g. --jobs 2; got \(jobs)") }
        guard timeout > 0, timeout <= 600 else { throw ValidationError("--timeout takes seconds in (0, 600], e.g. --timeout 10; got \(timeout)") }
    }

    /// The result under --json: `{"type":"result","command":"exercises grade",...}`.
    struct JSONResult: Encodable {
        struct Row: Encodable { var student: String; var score: Double; var max: Double; var exercises: [String: Double]; var note: String }
        var type = "result", command = "exercises grade"
        var students: [Row]
        var run: RunState
        var written: [String]
    }

    func run() throws {
        var o = BatchGrader.Options(submissions: submissions, out: out, hidden: hidden, swift: try ExercisesCommand.swiftOnPath())
        if let jobs { o.jobs = jobs }
        o.timeout = timeout
        FileSink.ignoreBrokenPipeSignal()
        let sink = FileSink.standardOutput
        let (json, wide) = (options.json, options.wide)
        let style = TextStyle(width: options.width ?? Shell.terminalWidth(of: sink) ?? TextStyle.defaultWidth, wide: wide)
        let channel = LiveChannel(out: sink, json: json, style: style, terminal: !json && sink.isTerminal)
        let interrupt = InterruptFlag()
        LineEditorSupport.installInterrupt(interrupt)
        let monitor = Monitor(interrupt: interrupt,
                              progress: { channel.progress(command: "exercises grade", done: $0, total: $1, label: $2) },
                              record: { channel.record(command: "exercises grade", $0) })
        let result: BatchGrader.BatchResult
        do { result = try BatchGrader.grade(o, monitor: monitor) } catch { channel.finish(); throw ExercisesCommand.fail("grade", error) }
        channel.finish()
        if json {
            let rows = result.results.map { r in
                JSONResult.Row(student: r.student, score: r.report.score, max: r.report.totalPoints,
                               exercises: Dictionary(uniqueKeysWithValues: Exercises.all.map { ($0.id, r.report.score(of: $0.id).score) }),
                               note: BatchGrader.BatchResult.note(r.report))
            }
            let e = JSONEncoder()
            e.outputFormatting = [.sortedKeys]
            let data = (try? e.encode(JSONResult(students: rows, run: result.run, written: result.written))) ?? Data("{}".utf8)
            sink.write((String(data: data, encoding: .utf8) ?? "{}") + "\n")
        } else {
            sink.write(result.table(width: style.width, wide: wide))
        }
        if result.run.interrupted { throw ExitCode(130) }
    }
}

struct CheckExercises: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "In a student copy: build it, run the visible graders (each exercise in its own process) and print the score table.")

    @Option(help: ArgumentHelp("The student copy (default: this folder).", valueName: "dir"))
    var dir = "."

    // --width N fits the table (default: the terminal's width, or 80), from 40 columns.
    @OptionGroup var options: CommonOptions

    func validate() throws {
        if let w = options.width, w < 40 { throw ValidationError("exercises check needs --width 40 or more for its table, got \(w); e.g. --width 80") }
    }

    func run() throws {
        let width = options.width ?? Shell.terminalWidth(of: FileSink.standardOutput) ?? TextStyle.defaultWidth
        FileSink.ignoreBrokenPipeSignal()
        do { ExercisesCommand.say(try StudentCheck.run(in: dir, swift: try ExercisesCommand.swiftOnPath(), width: width)) } catch let e as ValidationError {
            throw e
        } catch { throw ExercisesCommand.fail("check", error) }
    }
}

struct GradescopeExercises: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gradescope",
        abstract: "Write Gradescope's autograder zip: setup.sh, run_autograder and the grading copy with the hidden graders.")

    @Argument(help: "The zip file to write, e.g. autograder.zip.")
    var zip: String

    func run() throws {
        do {
            let names = try GradescopeWriter.write(to: zip)
            ExercisesCommand.say("wrote \(zip) (\(names.count) files); upload it as the assignment's autograder (Configure Autograder, Zip file upload)\n")
        } catch { throw ExercisesCommand.fail("gradescope", error) }
    }
}

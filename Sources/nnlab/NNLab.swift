import ArgumentParser
import NNLabCommands
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
        subcommands: [RunLab.self, CheckLabs.self])

    @Option(name: .customShort("c"), help: ArgumentHelp("Run these commands (separated by ;) and exit; several -c run in order.", valueName: "commands"))
    var commands: [String] = []

    @OptionGroup var options: CommonOptions

    func run() throws {
        var shell = options.makeShell()
        if !commands.isEmpty {
            var failed = false
            for line in commands {
                if !shell.handle(line: line, failed: &failed) { break }
            }
            if failed { throw ExitCode(1) }
            return
        }
        if Shell.inputIsTerminal {
            shell.runInteractive(historyPath: Shell.defaultHistoryPath())
        } else if shell.runPlain() {
            throw ExitCode(1)
        }
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

    @OptionGroup var options: CommonOptions

    func run() throws {
        let shell = options.makeShell(width: TextStyle.defaultWidth)
        var interpreter = shell.interpreter
        LineEditorSupport.installInterrupt(interpreter.context.interrupt)
        let flag = interpreter.context.interrupt
        let wait: (() -> Void)? = (pace && Shell.inputIsTerminal) ? { LineEditorSupport.waitForEnter(flag) } : nil
        let runner = LabRunner(mode: .echo, printer: shell.printer, waitForEnter: wait)
        let report = runner.run(path: file, interpreter: &interpreter)
        if report.checks == 0 {
            // Read errors and "no checks" are not printed as the lab runs: say them here.
            for m in report.failures { shell.printer.err.write("nnlab run: \(m)\n") }
        }
        let summary = "\(report.passedChecks) of \(report.checks) checks passed"
        shell.printer.out.write((report.passed ? shell.printer.style.good(summary) : shell.printer.style.bad(summary)) + "\n")
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
            if r.passed {
                passed += 1
                shell.printer.out.write("PASS \(f) (\(r.checks) checks)\n")
            } else {
                failed += 1
                shell.printer.out.write("FAIL \(f)\n")
                for m in r.failures { shell.printer.out.write("  \(m)\n") }
            }
        }
        shell.printer.out.write("\(passed) passed, \(failed) failed\n")
        if failed > 0 { throw ExitCode(1) }
    }
}

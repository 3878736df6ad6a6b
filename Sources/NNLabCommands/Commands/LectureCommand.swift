import NNLabCore

/// `lecture N|NAME [run] [width=W]`: one lecture note rendered for the terminal by
/// `MarkdownRenderer` at the screen's width (`TextStyle.width`) unless `width=` says otherwise; on a
/// terminal the shell shows it a screen at a time. `run` steps through the note's "try it" blocks in
/// one session: each command is shown, run on Enter (all at once when nobody is at a terminal), and
/// its result printed; the session keeps what they set.
public struct LectureCommand: Command {
    /// Widths the renderer is asked for: narrower than 20 cannot hold a table column and a word.
    public static let widths = 20...400

    static let lecture = Arg<String>.text("LECTURE", positional: true, required: true,
                                          help: "a number from `lectures` (1 to \(Lecture.all.count)), a name or a unique prefix of one")
    static let action = Arg<String>.declared(.positional("ACTION", .choice(["run"]), optional: true,
                                                         help: "run: step through the note's \"try it\" commands"))
    static let width = Arg.integer("width", widths, help: "columns to wrap to, at most the screen's (default: the screen's width, 80 when piped)")

    public static let spec = CommandSpec(
        name: "lecture", topic: .session,
        summary: "one lecture note, rendered for the screen; `lecture N run` runs its commands",
        discussion: """
            The note is parsed as GitHub-flavoured Markdown (cmark-gfm) and rendered: headings, \
            emphasis, lists, code blocks and aligned tables, wrapped to the screen's width (80 columns when \
            it is not a terminal, or width=). On a terminal it pauses after each screen: space shows the next, \
            Enter one more line, q stops. With run, each "try it" command is shown and run when you press Enter \
            (s skips it, q leaves); piped or in a lab they all run at once. They share the session, so a \
            setting one of them makes holds for the next, and after the run.
            """,
        arguments: [lecture.spec, action.spec, width.spec],
        fields: [
            FieldDoc("number, name, title", "which note"),
            FieldDoc("width", "the width it was rendered at"),
            FieldDoc("text", "the rendered note, plain text"),
            FieldDoc("try_it", "the note's \"try it\" blocks, each a list of nnlab commands"),
            FieldDoc("steps", "with run: each command with ok (it succeeded), skipped, and error"),
            FieldDoc("ran, failed, total, stopped", "with run: commands run, of them failed, commands in the note, and whether the run was left early"),
        ],
        examples: [
            Example("lecture 1", "convolution arithmetic, at the screen's width"),
            Example("lecture backprop width=140", "a note by name, wrapped to 140 columns (the screen's width when narrower)"),
            Example("lecture backprop run", "run the backprop note's commands in order"),
            Example("lecture 99", "there is no lecture 99: the error lists the range", fails: true),
        ])

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        let key = try args.value(Self.lecture)
        guard let lecture = Lecture.find(key) else {
            throw CommandError("no lecture '\(key)'; allowed: a number from 1 to \(Lecture.all.count) or one of "
                               + Lecture.all.map(\.name).joined(separator: ", ") + "; e.g. lecture 1", command: "lecture")
        }
        if args[action] == "run" {
            return runTryIt(lecture, &context)
        }
        let chosen: Int? = args[Self.width]
        let width = chosen ?? TextStyle.defaultWidth
        return LectureOutput(number: lecture.number, name: lecture.name, title: lecture.title, width: width, chosenWidth: chosen,
                             text: MarkdownRenderer(width: width).render(lecture.document),
                             try_it: lecture.tryItBlocks, document: lecture.document)
    }

    /// Runs every "try it" command of `lecture` in order in one interpreter over the session, so
    /// state carries from block to block and stays after the run.
    static func runTryIt(_ lecture: Lecture, _ context: inout CommandContext) -> LectureRunOutput {
        var sub = Interpreter(session: context.session, registry: context.registry, interrupt: context.interrupt)
        sub.context.channel = context.channel
        sub.context.input = context.input
        let monitor = context.monitor
        let blocks = lecture.tryItBlocks
        let total = blocks.joined().count
        let pause = context.input?.isTerminal == true
        var out = LectureRunOutput(number: lecture.number, name: lecture.name, title: lecture.title, steps: [],
                                   ran: 0, failed: 0, total: total, stopped: false)
        var position = 0
        outer: for (b, block) in blocks.enumerated() {
            for command in block {
                if monitor.shouldStop { out.stopped = true; break outer }
                position += 1
                monitor.emit(LectureStepShown(block: b + 1, blocks: blocks.count, step: position, total: total, command: command))
                if pause, let input = context.input {
                    switch input.readLine(prompt: "Enter runs it, s skips, q leaves> ") {
                    case .interrupted, .endOfInput:
                        out.stopped = true
                        break outer
                    case let .line(l):
                        let w = l.trimmingWhitespace().lowercased()
                        if w == "q" || w == "quit" { out.stopped = true; break outer }
                        if w == "s" || w == "skip" {
                            out.steps.append(.init(command: command, ok: false, skipped: true, error: nil))
                            continue
                        }
                    }
                }
                var step = LectureRunOutput.Step(command: command, ok: true, skipped: false, error: nil)
                for outcome in sub.execute(line: command) {
                    switch outcome {
                    case let .success(_, output):
                        monitor.emit(LectureStepResult(command: command, output: output))
                    case let .failure(e):
                        step.ok = false
                        step.error = e.description
                        monitor.emit(LectureStepFailed(command: command, error: e.description))
                    case .quit:
                        break
                    }
                }
                out.steps.append(step)
                out.ran += 1
                if !step.ok { out.failed += 1 }
            }
        }
        context.session = sub.session
        return out
    }
}

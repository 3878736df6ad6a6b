import NNLabCore

/// A command of the nnlab language. A conforming type holds the whole definition in one file: its
/// `spec` (syntax, help, fields, completion) and `run`, which parses nothing itself (the
/// `Arguments` are already checked against the spec) and returns a structured result.
public protocol Command: Sendable {
    static var spec: CommandSpec { get }
    static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput
}

/// A command's result: Encodable for `--json` and lab checks, renderable as text for people.
/// The experiment that computed the numbers does not know how they are shown.
public protocol CommandOutput: Encodable, Sendable {
    func renderText(_ style: TextStyle) -> String
}

/// What a command may touch while it runs: the session state, the interrupt flag, and where its
/// progress and intermediate records go. (How wide its text may be travels in `TextStyle`.)
public struct CommandContext {
    public var session: Session
    public let registry: Registry
    public let interrupt: InterruptFlag
    /// Receives progress and intermediate records while the command runs (the shell renders them
    /// live); nil discards them.
    public var channel: (any OutputChannel)?
    /// Where a command that asks the user something reads the answer; nil when nobody can be asked.
    public var input: (any InputChannel)?
    /// The statement being run, for error carets and for records that name their command.
    public var command: String = ""

    public init(session: Session, registry: Registry, interrupt: InterruptFlag, channel: (any OutputChannel)? = nil) {
        self.session = session; self.registry = registry; self.interrupt = interrupt; self.channel = channel
    }

    /// The monitor a long computation is handed: it reports to this context's channel and stops
    /// when the interrupt flag is raised.
    public var monitor: Monitor {
        guard let channel else { return Monitor(interrupt: interrupt) }
        let name = command
        return Monitor(interrupt: interrupt,
                       progress: { done, total, label in channel.progress(command: name, done: done, total: total, label: label) },
                       record: { r in channel.record(command: name, r) })
    }
}

/// Where a running command's progress and intermediate records go. The shell's implementation
/// redraws a bar in place on a terminal, prints records as plain lines when piped, and writes
/// JSON Lines (each object with a `type` field) under `--json`.
public protocol OutputChannel: AnyObject, Sendable {
    func progress(command: String, done: Int, total: Int, label: String)
    func record(command: String, _ record: any StreamRecord)
}

/// A record that can show itself as text (records without it are shown only under --json).
public protocol TextRecord {
    func renderLine(_ style: TextStyle) -> String
}

/// The commands of a session, looked up by name or alias.
public struct Registry: Sendable {
    public let commands: [any Command.Type]
    private let byName: [String: Int]

    public init(_ commands: [any Command.Type]) {
        self.commands = commands
        var map: [String: Int] = [:]
        for (i, c) in commands.enumerated() {
            map[c.spec.name] = i
            for a in c.spec.aliases { map[a] = i }
        }
        byName = map
    }

    /// Every command nnlab has, in the order `help` lists them within a topic.
    public static let standard = Registry([
        HelpCommand.self, SetCommand.self, ShowCommand.self, SeedCommand.self, ResetCommand.self,
        QuitCommand.self, SaveCommand.self,
        ConvCommand.self, PoolCommand.self,
        ArchCommand.self, NetCommand.self, FCvsConvCommand.self,
        GraphCommand.self, ActCommand.self, GradcheckCommand.self,
        InitCommand.self, BatchnormCommand.self, PreprocessCommand.self, DropoutCommand.self,
        DescendCommand.self, RaceCommand.self, ScheduleCommand.self, NewtonCommand.self, LBFGSCommand.self,
        ModelCommand.self, TrainCommand.self, CurvesCommand.self, EvaluateCommand.self,
        SanityCommand.self, OverfitCommand.self, LRCheckCommand.self, SearchCommand.self,
        DataCommand.self, AugmentCommand.self,
        EnsembleCommand.self, TransferCommand.self, MineCommand.self,
        LecturesCommand.self, LectureCommand.self, QuizCommand.self,
    ])

    public func command(named name: String) -> (any Command.Type)? {
        byName[name.lowercased()].map { commands[$0] }
    }

    public var names: [String] { commands.map { $0.spec.name } }
    public var namesAndAliases: [String] { commands.flatMap { [$0.spec.name] + $0.spec.aliases } }
}

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

/// What a command may touch while it runs: the session state and the interrupt flag.
public struct CommandContext {
    public var session: Session
    public let registry: Registry
    public let interrupt: InterruptFlag

    public init(session: Session, registry: Registry, interrupt: InterruptFlag) {
        self.session = session; self.registry = registry; self.interrupt = interrupt
    }
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
    ])

    public func command(named name: String) -> (any Command.Type)? {
        byName[name.lowercased()].map { commands[$0] }
    }

    public var names: [String] { commands.map { $0.spec.name } }
    public var namesAndAliases: [String] { commands.flatMap { [$0.spec.name] + $0.spec.aliases } }
}

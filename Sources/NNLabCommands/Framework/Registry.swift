import NNLabCore

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
        HelpCommand.self, SetCommand.self, ShowCommand.self, SeedCommand.self,
        RandCommand.self, RandnCommand.self, RandintCommand.self, PermutationCommand.self, ResetCommand.self,
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

import NNLabCore

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

/// How much of a planned run a result covers. Every result of an interruptible computation carries
/// one, so a run stopped by Ctrl-C is never presented as complete: its statistics are over the
/// `completed` units of work (trials, layers, epochs, steps), not over `planned`.
public struct RunState: Codable, Sendable, Equatable {
    /// Units of work finished.
    public var completed: Int
    /// Units of work asked for.
    public var planned: Int
    /// True when the run stopped early because the user asked it to (Ctrl-C).
    public var interrupted: Bool

    public init(completed: Int, planned: Int, interrupted: Bool) {
        self.completed = completed; self.planned = planned; self.interrupted = interrupted
    }

    /// A run that did everything it was asked.
    public static func complete(_ n: Int) -> RunState { RunState(completed: n, planned: n, interrupted: false) }

    /// "interrupted after 37 of 100 trials": for the line a renderer adds under a partial result.
    public func describe(_ unit: String) -> String {
        guard interrupted else { return "" }
        return completed == 0 ? "interrupted after 0 of \(planned) \(unit): none was completed"
            : "interrupted after \(completed) of \(planned) \(unit): the figures above cover those \(completed) only"
    }
}

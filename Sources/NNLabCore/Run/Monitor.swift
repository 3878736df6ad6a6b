import Synchronization

/// What a long computation is handed so that it can report as it goes and stop when asked.
///
/// The one rule for Ctrl-C: a computation polls `shouldStop` at its safe points (between trials,
/// batches, layers, BLAS calls), and when it is raised stops there and returns what it completed,
/// with a `RunState` saying `interrupted` (never a result that looks complete, never an average
/// over work not done). It does not throw for an interruption unless nothing at all was completed.
///
/// The core knows nothing of terminals or JSON: progress and records go to the closures the
/// command layer supplies, which render them live (a bar redrawn in place on a terminal, plain
/// lines when piped, JSON Lines under --json).
public struct Monitor: Sendable {
    public let interrupt: InterruptFlag
    private let onProgress: (@Sendable (_ done: Int, _ total: Int, _ label: String) -> Void)?
    private let onRecord: (@Sendable (any StreamRecord) -> Void)?

    public init(interrupt: InterruptFlag,
                progress: (@Sendable (_ done: Int, _ total: Int, _ label: String) -> Void)? = nil,
                record: (@Sendable (any StreamRecord) -> Void)? = nil) {
        self.interrupt = interrupt; self.onProgress = progress; self.onRecord = record
    }

    /// A monitor that reports nowhere and is never interrupted unless `interrupt` is raised (tests).
    public static func silent(_ interrupt: InterruptFlag = InterruptFlag()) -> Monitor { Monitor(interrupt: interrupt) }

    /// Whether the user asked the computation to stop.
    public var shouldStop: Bool { interrupt.isRaised }

    /// `done` of `total` units finished; `label` says of what ("batch", "trial 3").
    public func progress(_ done: Int, of total: Int, _ label: String = "") { onProgress?(done, total, label) }

    /// An intermediate result, shown at once.
    public func emit(_ record: any StreamRecord) { onRecord?(record) }
}

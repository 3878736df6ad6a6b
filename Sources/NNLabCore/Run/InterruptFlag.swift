import Synchronization

/// A flag that a long computation checks to stop early (Ctrl-C in the shell sets it).
///
/// The core knows nothing about signals: the shell owns the one flag its signal handler sets and
/// hands it down. Setting and reading it are lock-free atomic operations, safe from a signal handler.
public final class InterruptFlag: Sendable {
    private let raised = Atomic<Bool>(false)
    public init() {}
    public func raise() { raised.store(true, ordering: .relaxed) }
    public func clear() { raised.store(false, ordering: .relaxed) }
    public var isRaised: Bool { raised.load(ordering: .relaxed) }
}

import NNLabCore

/// The forms of a command an argument belongs to: the values of its first positional that take it
/// (`excluded` false) or that do not (`excluded` true).
public struct Applicability: Sendable, Equatable {
    public var modes: [String]
    public var excluded: Bool

    /// "act dead-relu", "every form of init but init variance".
    public func phrase(_ command: String) -> String {
        let list = modes.map { "\(command) \($0)" }
        let joined = list.count <= 2 ? list.joined(separator: " or ") : list.dropLast().joined(separator: ", ") + " or " + (list.last ?? "")
        return excluded ? "every form of \(command) but \(joined)" : joined
    }

    /// What `help CMD` shows beside the argument: "leaky, prelu only", "not with variance".
    public var helpNote: String {
        excluded ? "not with " + modes.joined(separator: ", ") : modes.joined(separator: ", ") + " only"
    }
}

import NNLabCore

/// A command of the nnlab language. A conforming type holds the whole definition in one file: its
/// `spec` (syntax, help, fields, completion) and `run`, which parses nothing itself (the
/// `Arguments` are already checked against the spec) and returns a structured result.
public protocol Command: Sendable {
    static var spec: CommandSpec { get }
    static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput
}

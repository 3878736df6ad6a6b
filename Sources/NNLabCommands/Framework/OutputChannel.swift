import NNLabCore

/// Where a running command's progress and intermediate records go. The shell's implementation
/// redraws a bar in place on a terminal, prints records as plain lines when piped, and writes
/// JSON Lines (each object with a `type` field) under `--json`.
public protocol OutputChannel: AnyObject, Sendable {
    func progress(command: String, done: Int, total: Int, label: String)
    func record(command: String, _ record: any StreamRecord)
}

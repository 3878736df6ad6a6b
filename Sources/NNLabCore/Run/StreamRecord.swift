/// An intermediate result a long computation reports while it runs: an epoch line, a trial of a
/// search, a step of a descent. The command layer shows it as a line of text, or as one JSON object
/// whose `type` field is `recordType`, so a reader of `--json` output can tell the kinds apart.
public protocol StreamRecord: Encodable, Sendable {
    /// `"epoch"`, `"trial"`, `"step"`: the `type` field of the record's JSON object.
    static var recordType: String { get }
}

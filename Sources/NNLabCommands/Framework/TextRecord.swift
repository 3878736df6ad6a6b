import NNLabCore

/// A record that can show itself as text (records without it are shown only under --json).
public protocol TextRecord {
    func renderLine(_ style: TextStyle) -> String
}

import NNLabCore

/// A parsed argument value, already checked against its `ValueKind`.
public enum ArgValue: Equatable, Sendable {
    case int(Int), real(Double), word(String), volume(Volume), text(String)
    indirect case list([ArgValue])
}

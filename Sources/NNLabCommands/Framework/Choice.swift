/// A kind of choice an argument or setting takes (activations, schemes, optimizers, data sets):
/// one `CaseIterable` enum whose raw values are the words a user types. Parsing, `help`'s
/// "allowed" column, Tab completion and "did you mean" all read `allCases`, so they cannot drift.
public protocol Choice: CaseIterable, RawRepresentable, Sendable, ArgumentValue, Codable where RawValue == String {}

extension Choice {
    /// The words, in declaration order.
    public static var names: [String] { allCases.map(\.rawValue) }

    public static func from(_ v: ArgValue) -> Self? {
        guard case let .word(w) = v else { return nil }
        return Self(rawValue: w)
    }
}

import NNLabCore

/// A command's result: Encodable for `--json` and lab checks, renderable as text for people.
/// The experiment that computed the numbers does not know how they are shown.
public protocol CommandOutput: Encodable, Sendable {
    func renderText(_ style: TextStyle) -> String
}

import NNLabCore

/// `lecture N run`: what ran.
public struct LectureRunOutput: CommandOutput {
    public struct Step: Codable, Sendable, Equatable {
        public var command: String
        public var ok: Bool
        public var skipped: Bool
        public var error: String?
    }
    public var number: Int
    public var name: String
    public var title: String
    public var steps: [Step]
    public var ran: Int
    public var failed: Int
    public var total: Int
    public var stopped: Bool

    public func renderText(_ style: TextStyle) -> String {
        let skipped = steps.filter(\.skipped).count
        var s = "lecture \(number) (\(name)): ran \(ran) of \(total) commands"
        if failed > 0 { s += ", \(failed) failed" }
        if skipped > 0 { s += ", skipped \(skipped)" }
        if stopped { s += "; left at command \(steps.count + 1)" }
        s += ". The session keeps what they set."
        return QuizText.wrap(s, width: style.width).joined(separator: "\n")
    }
}

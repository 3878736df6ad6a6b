import NNLabCore
import NNLabExperiments

public struct QuizOutput: CommandOutput {
    public enum Source: String, Codable, Sendable { case answers, prompt, none }

    public struct Item: Codable, Sendable, Equatable {
        public var question: QuizQuestion
        /// What was typed (trimmed), `skip`, or nil when unanswered; `value` is the number it was read as.
        public var reply: String?
        public var value: Double?
        public var correct: Bool?

        init(question: QuizQuestion) { self.question = question }

        mutating func grade(reply: String, value: Double?) {
            self.reply = reply; self.value = value
            correct = value.map(question.accepts) ?? false
        }

        enum CodingKeys: String, CodingKey { case question, reply, value, correct }

        /// The question's fields flattened with the reply, as `--json` and lab checks read them.
        public func encode(to encoder: Encoder) throws {
            try question.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(reply, forKey: .reply)
            try c.encode(value, forKey: .value)
            try c.encode(correct, forKey: .correct)
        }

        public init(from decoder: Decoder) throws {
            question = try QuizQuestion(from: decoder)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            reply = try c.decodeIfPresent(String.self, forKey: .reply)
            value = try c.decodeIfPresent(Double.self, forKey: .value)
            correct = try c.decodeIfPresent(Bool.self, forKey: .correct)
        }

        func verdictLines(_ style: TextStyle) -> [String] {
            guard let reply else { return [] }
            let w = style.width
            if correct == true {
                return QuizText.wrap("right: \(reply)" + (question.whole || question.answer_text == reply ? "" : " (the answer is \(question.answer_text))"), width: w, paint: style.good)
            }
            let head = reply == "skip" ? "skipped: the answer is \(question.answer_text)"
                : "wrong: \(reply); the answer is \(question.answer_text)" + (question.whole ? "" : " (\(question.tolerance_text))")
            return QuizText.wrap(head, width: w, paint: style.bad) + QuizText.wrap("Working: " + question.working, width: w, first: "  ", rest: "  ")
        }
    }

    public var topic: QuizTopic
    public var seed: UInt32
    public var n: Int
    public var questions: [Item]
    public var asked: Int
    public var answered: Int
    public var correct: Int
    public var source: Source
    public var interrupted: Bool

    var again: String { "quiz \(topic.rawValue) n=\(n) seed=\(seed)" }

    public func renderText(_ style: TextStyle) -> String {
        let w = style.width
        var lines: [String] = []
        switch source {
        case .prompt:
            break  // the questions and the marks were shown as they were answered
        case .answers, .none:
            for item in questions {
                let q = item.question
                lines += [""] + QuizText.wrap(q.text + " (" + q.tolerance_text + ")", width: w, boldPrefix: "Question \(q.number) of \(n).", style: style)
                lines += item.verdictLines(style)
            }
        }
        if source == .none {
            lines += [""] + QuizText.wrap("No answers: nobody can be asked here. Give them up front in question order, "
                                          + "as in \(again) answers=a,b,c (the same seed asks the same questions).", width: w)
            return lines.joined(separator: "\n")
        }
        let score = "\(correct) of \(answered) answered right" + (answered == n ? "" : " (\(n - answered) of \(n) not answered)")
        let head = interrupted ? "stopped after \(answered) of \(n) questions: " : ""
        lines += [""] + QuizText.wrap(head + score + ". \(again) asks the same questions again.", width: w, boldPrefix: "score:", style: style)
        return lines.joined(separator: "\n")
    }
}

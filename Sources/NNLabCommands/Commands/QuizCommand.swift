import NNLabCore
import NNLabExperiments

extension QuizTopic: Choice {}

/// `quiz [TOPIC] [n=N] [seed=N] [answers=a,b,c]`: generated questions with fresh numbers, checked
/// with the library's own functions (see `QuizGenerator`), the working shown after a wrong answer,
/// and the score at the end.
///
/// Answers come, in this order of preference, from `answers=` (labs, `-c`), from the user at the
/// prompt (a terminal, or the next lines of piped input), or nowhere (the questions are listed
/// unanswered). Ctrl-C or the end of the input leaves with the score so far.
public struct QuizCommand: Command {
    static let topic = Arg.choice("TOPIC", QuizTopic.self, default: .all, positional: true,
                                  help: "what to ask about (all mixes every kind)")
    static let count = Arg.integer("n", 1...QuizGenerator.maxQuestions, default: 5, help: "questions to ask")
    static let seed = Arg.integer("seed", 0...Int(UInt32.max),
                                  help: "the set's seed: the same seed asks the same questions (default: drawn from the session's generator)")
    static let answers = Arg.text("answers", help: "the answers up front, comma-separated in question order (e.g. answers=32,760,2)")

    public static let spec = CommandSpec(
        name: "quiz", topic: .session,
        summary: "questions with fresh numbers, checked with the library; the working when wrong",
        discussion: """
            Each question's numbers are new, and its answer is computed by the same library code the other commands use. \
            Type a number in any usual notation (32, 0.25, 1e-3, -3/2); each question states its tolerance (whole numbers \
            are checked exactly). A wrong answer gets the working. At the prompt, skip shows the answer and q leaves; Ctrl-C \
            leaves too, with the score so far. Piped lines are read as answers like typed ones. In labs and with -c, give \
            the answers up front with answers=; without answers and without a prompt the questions are listed unanswered. \
            seed=N (or --seed N) gives a set an instructor can share; the seed used is always printed.
            """,
        arguments: [topic.spec, count.spec, seed.spec, answers.spec],
        fields: [
            FieldDoc("topic, seed, n", "the set: quiz TOPIC n=N seed=SEED asks it again"),
            FieldDoc("questions", "each: number, kind, given (its numbers), text, answer, answer_text, whole, tolerance, tolerance_text, working, reply, value, correct"),
            FieldDoc("asked, answered, correct", "questions put, answered with a number (skip counts as answered wrongly), and right"),
            FieldDoc("source", "where the answers came from: answers (given up front), prompt, or none"),
            FieldDoc("interrupted", "true when Ctrl-C or the end of the input stopped the quiz: the score covers the questions answered"),
        ],
        examples: [
            Example("quiz conv n=3 seed=7 answers=1,2,3", "three conv questions of set 7, answered up front (and marked)"),
            Example("quiz init n=2", "two questions on Xavier and He"),
            Example("quiz conv answers=1,2", "two answers for five questions: refused", fails: true),
        ])

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        let topic = try args.value(Self.topic)
        let n = try args.value(Self.count)
        var given: [(typed: String, value: Double)]?
        if let text = args[Self.answers] {
            let parts = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == n else {
                throw CommandError("answers= has \(parts.count) answer\(parts.count == 1 ? "" : "s") for \(n) question\(n == 1 ? "" : "s"); "
                                   + "give one per question, comma-separated, e.g. quiz conv n=3 answers=32,760,2", command: "quiz")
            }
            var values: [(typed: String, value: Double)] = []
            for (i, p) in parts.enumerated() {
                switch QuizAnswer.parse(p) {
                case let .success(v): values.append((p.trimmingWhitespace(), v))
                case let .failure(problem): throw CommandError("answer \(i + 1) of answers=: \(problem)", command: "quiz")
                }
            }
            given = values
        }
        let seedValue: UInt32 = args[Self.seed].map { UInt32($0) } ?? context.session.rng.nextUInt32()
        let questions = try QuizGenerator.questions(topic: topic, count: n, seed: seedValue)
        var out = QuizOutput(topic: topic, seed: seedValue, n: n, questions: questions.map { QuizOutput.Item(question: $0) },
                             asked: 0, answered: 0, correct: 0, source: .none, interrupted: false)
        if let given {
            out.source = .answers
            for i in out.questions.indices { out.questions[i].grade(reply: given[i].typed, value: given[i].value) }
            out.asked = n
        } else if let input = context.input {
            out.source = .prompt
            out.interrupted = ask(&out, input: input, monitor: context.monitor)
        }
        out.answered = out.questions.filter { $0.reply != nil }.count
        out.correct = out.questions.filter { $0.correct == true }.count
        return out
    }

    /// Puts each question at the prompt until it gets a number (or skip); returns whether the quiz
    /// was left early (Ctrl-C, q, or the end of the input).
    static func ask(_ out: inout QuizOutput, input: any InputChannel, monitor: Monitor) -> Bool {
        for i in out.questions.indices {
            if monitor.shouldStop { return true }
            let q = out.questions[i].question
            monitor.emit(QuizAsked(number: q.number, of: out.n, text: q.text, tolerance_text: q.tolerance_text))
            out.asked = i + 1
            while true {
                switch input.readLine(prompt: "[\(q.number) of \(out.n)] answer> ") {
                case .interrupted, .endOfInput:
                    out.asked = i
                    return true
                case let .line(raw):
                    let word = raw.trimmingWhitespace().lowercased()
                    if word == "q" || word == "quit" { out.asked = i; return true }
                    if word == "skip" {
                        out.questions[i].grade(reply: "skip", value: nil)
                    } else {
                        switch QuizAnswer.parse(raw) {
                        case let .failure(problem):
                            monitor.emit(QuizRetry(number: q.number, problem: Escape.visible(problem.description), text: q.text))
                            continue
                        case let .success(v):
                            out.questions[i].grade(reply: Escape.visible(raw.trimmingWhitespace()), value: v)
                        }
                    }
                    monitor.emit(QuizMarked(item: out.questions[i]))
                }
                break
            }
        }
        return false
    }
}

/// Wraps prose to `width` columns with an indent on every line but the first. Colour is applied
/// after wrapping (`paint` per line, `boldPrefix` to the start of the first), so escape codes never
/// count towards the width.
enum QuizText {
    static func wrap(_ s: String, width: Int, first: String = "", rest: String = "  ", boldPrefix: String = "",
                     style: TextStyle = .plain, paint: ((String) -> String)? = nil) -> [String] {
        let r = MarkdownRenderer(width: width)
        let w = max(width - max(first.count, rest.count), 10)
        let text = boldPrefix.isEmpty ? s : boldPrefix + " " + s
        return r.wrap([.text(text)], width: w, base: .none).enumerated().map { k, line in
            var l = line
            if k == 0, !boldPrefix.isEmpty, l.hasPrefix(boldPrefix) { l = style.bold(boldPrefix) + l.dropFirst(boldPrefix.count) }
            return (k == 0 ? first : rest) + (paint.map { $0(l) } ?? l)
        }
    }
}

/// A question put at the prompt (a streamed record).
public struct QuizAsked: StreamRecord, TextRecord {
    public static let recordType = "question"
    public var number: Int
    public var of: Int
    public var text: String
    public var tolerance_text: String

    public func renderLine(_ style: TextStyle) -> String {
        ([""] + QuizText.wrap(text + " (" + tolerance_text + ")", width: style.width, boldPrefix: "Question \(number) of \(of).", style: style))
            .joined(separator: "\n")
    }
}

/// An answer that was not a number: why, and the question again.
public struct QuizRetry: StreamRecord, TextRecord {
    public static let recordType = "retry"
    public var number: Int
    public var problem: String
    public var text: String

    public func renderLine(_ style: TextStyle) -> String {
        (QuizText.wrap(problem, width: style.width, paint: style.bad) + QuizText.wrap("Again: " + text, width: style.width)).joined(separator: "\n")
    }
}

/// An answer marked: right, or wrong with the answer and the working.
public struct QuizMarked: StreamRecord, TextRecord {
    public static let recordType = "marked"
    public var item: QuizOutput.Item

    public func renderLine(_ style: TextStyle) -> String { item.verdictLines(style).joined(separator: "\n") }
}

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

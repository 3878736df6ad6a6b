import NNLabCore
import NNLabExperiments

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

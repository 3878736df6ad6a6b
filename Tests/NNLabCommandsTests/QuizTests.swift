import Foundation
import NNLabCore
import NNLabExperiments
import XCTest
@testable import NNLabCommands

/// The quiz: each kind of question's answer worked out here by hand from the numbers the question
/// states (never read off the generator), answers in the usual notations, bad answers asked again,
/// the same seed giving the same set, and Ctrl-C keeping the score so far.
final class QuizTests: XCTestCase {
    /// The answer of a question from its stated numbers, by the formulas of the lectures.
    func handAnswer(_ q: QuizQuestion) throws -> Double {
        let g = q.given
        func v(_ k: String) throws -> Double { try XCTUnwrap(g[k], "\(q.kind) lacks \(k)") }
        switch q.kind {
        case .convOutput: return try (v("W") - v("F") + 2 * v("P")) / v("S") + 1
        case .convParams: return try (v("F") * v("F") * v("D") + 1) * v("K")
        case .samePadding: return try (v("F") - 1) / 2
        case .xavierStd: return try 1 / v("n").squareRoot()
        case .heStd: return try (2 / v("n")).squareRoot()
        case .dropoutVanilla: return try v("p") * (v("w0") * v("x0") + v("w1") * v("x1"))
        case .dropoutInverted: return try v("w0") * v("x0") + v("w1") * v("x1")
        case .momentumSteps:
            let (x0, lr, mu, g1, g2) = (try v("x0"), try v("lr"), try v("mu"), try v("g1"), try v("g2"))
            let v1 = -lr * g1
            let v2 = mu * v1 - lr * g2
            return x0 + v1 + v2
        case .adamFirstStep:
            // m = 0.1 g, v = 0.001 g^2; corrected by 1 - 0.9 and 1 - 0.999: m_hat = g, v_hat = g^2.
            let (lr, gr) = (try v("lr"), try v("g"))
            return -lr * gr / (abs(gr) + 1e-8)
        case .softmaxInitialLoss: return try log(v("C"))
        case .svmInitialLoss: return try v("C") - 1
        case .gateGradient:
            let variable = try XCTUnwrap(q.variable)
            if try v("graph") == 4 {
                let s = 1 / (1 + exp(-(try v("x"))))           // sigmoid: ds/dx = s (1 - s)
                return s * (1 - s)
            }
            let (x, y, z) = (try v("x"), try v("y"), try v("z"))
            switch (try v("graph"), variable) {
            case (0, "z"): return x + y
            case (0, _): return z                                   // (x+y)*z
            case (1, "x"): return y
            case (1, "y"): return x
            case (1, _): return 1                                   // x*y+z
            case (2, "z"): return max(x, y)
            case (2, "x"): return x > y ? z : 0
            case (2, _): return y > x ? z : 0                       // max(x,y)*z
            case (3, "x"): return y + z
            case (3, "z"): return x + y
            default: return (y + z) + (x + y)                       // (x+y)*(y+z): y on both paths
            }
        }
    }

    func testEveryKindMatchesTheHandDerivationOverManySeeds() throws {
        var seen = Set<QuizKind>()
        for seed in UInt32(0)..<40 {
            for q in try QuizGenerator.questions(topic: .all, count: QuizKind.allCases.count, seed: seed) {
                seen.insert(q.kind)
                let expected = try handAnswer(q)
                XCTAssertEqual(q.answer, expected, accuracy: 1e-12 * max(1, abs(expected)), "\(q.kind) seed \(seed): \(q.text)")
                XCTAssertTrue(q.accepts(expected))
                if q.whole { XCTAssertEqual(expected, expected.rounded(), "\(q.kind): a whole answer") }
                XCTAssertFalse(q.accepts(expected + max(1, abs(expected))), "\(q.kind): a far answer must be wrong")
            }
        }
        XCTAssertEqual(seen, Set(QuizKind.allCases), "every kind is asked in a mixed set")
    }

    func testTheConvTopicCyclesSizeParamsPadding() throws {
        let qs = try QuizGenerator.questions(topic: .conv, count: 3, seed: 7)
        XCTAssertEqual(qs.map(\.kind), [.convOutput, .convParams, .samePadding])
    }

    func testNotations() {
        let good: [(String, Double)] = [("32", 32), (" 32 ", 32), ("32.0", 32), ("0.001", 0.001), ("1e-3", 0.001), ("1E-3", 0.001),
                                        (".5", 0.5), ("-.5", -0.5), ("+3", 3), ("2.5E+2", 250), ("1/3", 1.0 / 3), ("-3/2", -1.5),
                                        ("1 / 4", 0.25), ("0.5/2", 0.25)]
        for (s, v) in good {
            guard case let .success(x) = QuizAnswer.parse(s) else { XCTFail("'\(s)' should read as \(v)"); continue }
            XCTAssertEqual(x, v, accuracy: 1e-15, s)
        }
        let bad: [(String, QuizAnswer.Problem)] = [("", .empty), ("   ", .empty), ("abc", .notANumber("abc")), ("inf", .notANumber("inf")),
                                                   ("nan", .notANumber("nan")), ("0x10", .notANumber("0x10")), ("1e400", .notFinite),
                                                   ("1/0", .divisionByZero), ("1e13", .tooLarge), ("1/2/3", .notANumber("1/2/3")),
                                                   ("32,760", .notANumber("32,760")), (String(repeating: "9", count: 41), .tooLong(41))]
        for (s, p) in bad { XCTAssertEqual(QuizAnswer.parse(s), .failure(p), s) }
    }

    func testTolerances() throws {
        // A third as 0.333 passes the dropout question's 0.5%; a whole number must be exact.
        var rng = NumpyRandom(seed: 1)
        for _ in 0..<20 {
            let q = try QuizGenerator.question(.dropoutVanilla, number: 1, rng: &rng)
            let three = (q.answer * 1000).rounded() / 1000
            if q.whole { XCTAssertFalse(q.accepts(q.answer + 0.5)) } else { XCTAssertTrue(q.accepts(three), "\(three) for \(q.answer)") }
        }
        let q = try QuizGenerator.question(.softmaxInitialLoss, number: 1, rng: &rng)
        XCTAssertTrue(q.accepts(log(q.given["C"] ?? 0) * 1.009))
        XCTAssertFalse(q.accepts(log(q.given["C"] ?? 0) * 1.02))
    }

    func testTheSameSeedAsksTheSameQuestions() throws {
        let a = try QuizGenerator.questions(topic: .all, count: 12, seed: 99)
        XCTAssertEqual(a, try QuizGenerator.questions(topic: .all, count: 12, seed: 99))
        XCTAssertNotEqual(a.map(\.text), try QuizGenerator.questions(topic: .all, count: 12, seed: 100).map(\.text))
        // Without seed= the set's seed comes from the session's generator: fresh each time, the same after `seed N`.
        var i = Interpreter()
        var seeds: [JSONValue?] = []
        for line in ["quiz n=2", "quiz n=2", "seed 0", "quiz n=2"] {
            if case let .success(c, o) = i.execute(statement: line), c == "quiz" { seeds.append(try i.resultValue(command: c, output: o)["seed"]) }
        }
        XCTAssertNotEqual(seeds[0], seeds[1])
        XCTAssertEqual(seeds[0], seeds[2])
        // --seed 7 is seed=7.
        XCTAssertEqual(try result("quiz conv n=3 --seed 7")["questions"], try result("quiz conv n=3 seed=7")["questions"])
    }

    func testAnswersUpFrontAreMarked() throws {
        let qs = try QuizGenerator.questions(topic: .conv, count: 3, seed: 7)
        let right = try qs.map { QuizGenerator.show(try handAnswer($0)) }.joined(separator: ",")
        let r = try result("quiz conv n=3 seed=7 answers=\(right)")
        XCTAssertEqual(r["correct"], .number(3))
        XCTAssertEqual(r["answered"], .number(3))
        XCTAssertEqual(r["source"], .string("answers"))
        let wrong = try result("quiz conv n=3 seed=7 answers=0,0,-1")
        XCTAssertEqual(wrong["correct"], .number(0))
        XCTAssertEqual(wrong["questions[0].correct"], .bool(false))
        var i = Interpreter()
        guard case let .success(_, out) = i.execute(statement: "quiz conv n=3 seed=7 answers=0,0,-1") else { return XCTFail() }
        let text = out.renderText(.plain)
        XCTAssertTrue(text.contains("Working: W2 = (W1 - F + 2P)/S + 1"), text)
        XCTAssertTrue(text.contains("score: 0 of 3 answered right"), text)
    }

    func testBadAnswersUpFrontAreRefusedAndChangeNothing() throws {
        var i = Interpreter()
        let before = i.session.rng
        for line in ["quiz conv n=3 answers=1,2", "quiz conv n=2 answers=1,x", "quiz conv n=1 answers=1e999", "quiz conv n=1 answers=",
                     "quiz n=0", "quiz n=51", "quiz bogus", "quiz --seed", "quiz seed=-1"] {
            guard case let .failure(e) = i.execute(statement: line) else { XCTFail("\(line) should fail"); continue }
            XCTAssertFalse(e.message.isEmpty)
            XCTAssertFalse(e.message.contains("internal"), e.message)
        }
        var after = i.session.rng, reference = before
        XCTAssertEqual(after.nextUInt32(), reference.nextUInt32(), "a refused quiz draws nothing")
        XCTAssertTrue(errorMessage("quiz conv n=3 answers=1,2")?.contains("2 answers for 3 questions") == true)
    }

    /// Lines a person types, one per question asked; records what was shown.
    final class Script: InputChannel, OutputChannel, @unchecked Sendable {
        var lines: [InputLine]
        var prompts: [String] = []
        var records: [any StreamRecord] = []
        let terminal: Bool
        init(_ lines: [InputLine], terminal: Bool = true) { self.lines = lines; self.terminal = terminal }
        var isTerminal: Bool { terminal }
        func readLine(prompt: String) -> InputLine {
            prompts.append(prompt)
            return lines.isEmpty ? .endOfInput : lines.removeFirst()
        }
        func progress(command: String, done: Int, total: Int, label: String) {}
        func record(command: String, _ record: any StreamRecord) { records.append(record) }
    }

    func interactive(_ line: String, _ script: Script) throws -> (QuizOutput, Interpreter) {
        var i = Interpreter()
        i.context.input = script
        i.context.channel = script
        guard case let .success(_, out) = i.execute(statement: line), let q = out as? QuizOutput else {
            XCTFail("\(line) failed"); throw CommandError("failed")
        }
        return (q, i)
    }

    func testPromptAsksAgainAfterBadAnswersAndMarksTheRest() throws {
        let qs = try QuizGenerator.questions(topic: .conv, count: 3, seed: 7)
        let a0 = QuizGenerator.show(try handAnswer(qs[0]))
        let script = Script([.line(""), .line("abc"), .line("1e400"), .line(String(repeating: "7", count: 100)), .line(a0),
                             .line("skip"), .line("-1")])
        let (out, _) = try interactive("quiz conv n=3 seed=7", script)
        XCTAssertEqual(out.source, .prompt)
        XCTAssertEqual(out.correct, 1)
        XCTAssertEqual(out.answered, 3)
        XCTAssertFalse(out.interrupted)
        XCTAssertEqual(script.records.compactMap { $0 as? QuizRetry }.count, 4, "each bad answer gets one line and the question again")
        XCTAssertEqual(script.records.compactMap { $0 as? QuizAsked }.count, 3)
        XCTAssertEqual(out.questions[1].reply, "skip")
        XCTAssertEqual(out.questions[1].correct, false)
        for r in script.records.compactMap({ $0 as? QuizRetry }) { XCTAssertTrue(r.text == qs[0].text) }
        XCTAssertTrue(out.renderText(.plain).contains("score: 1 of 3 answered right"))
    }

    func testCtrlCOrQOrTheEndLeaveWithTheScoreSoFar() throws {
        let qs = try QuizGenerator.questions(topic: .conv, count: 3, seed: 7)
        let a0 = QuizGenerator.show(try handAnswer(qs[0]))
        for leave in [InputLine.interrupted, .endOfInput, .line("q")] {
            let (out, i) = try interactive("quiz conv n=3 seed=7", Script([.line(a0), leave]))
            XCTAssertTrue(out.interrupted)
            XCTAssertEqual(out.answered, 1)
            XCTAssertEqual(out.correct, 1)
            XCTAssertNil(out.questions[1].reply)
            let text = out.renderText(.plain)
            XCTAssertTrue(text.contains("stopped after 1 of 3 questions: 1 of 1 answered right"), text)
            XCTAssertEqual(i.session.seed, 0)
        }
    }

    func testEveryScreenFitsTheWidth() throws {
        let qs = try QuizGenerator.questions(topic: .all, count: 24, seed: 3)
        let answers = qs.map { _ in "1" }.joined(separator: ",")
        for w in [80, 140, 40] {
            let style = TextStyle(width: w)
            var i = Interpreter()
            for line in ["quiz n=24 seed=3", "quiz n=24 seed=3 answers=\(answers)"] {
                guard case let .success(_, out) = i.execute(statement: line) else { return XCTFail(line) }
                for l in out.renderText(style).components(separatedBy: "\n") { XCTAssertLessThanOrEqual(l.count, w, l) }
            }
            let script = Script(qs.map { _ in .line("x") } + qs.map { _ in .line("2") })
            let (out, _) = try interactive("quiz n=24 seed=3", script)
            var shown = out.renderText(style)
            for r in script.records { if let t = r as? TextRecord { shown += "\n" + t.renderLine(style) } }
            for l in shown.components(separatedBy: "\n") { XCTAssertLessThanOrEqual(l.count, w, l) }
        }
    }

    /// Tab completion offers the quiz's topics and `lecture`'s run from their declarations.
    func testTopicsAndRunComplete() {
        XCTAssertEqual(Completion.complete(line: "quiz c", cursor: 6).candidates, ["conv"])
        XCTAssertEqual(Set(Completion.complete(line: "quiz ", cursor: 5).candidates).isSuperset(of: QuizTopic.allCases.map(\.rawValue)), true)
        XCTAssertEqual(Completion.complete(line: "quiz conv an", cursor: 12).candidates, ["answers="])
        XCTAssertEqual(Completion.complete(line: "lecture 3 r", cursor: 11).candidates, ["run"])
    }
}

import NNLabCommands
import NNLabCore
import NNLabExperiments
import XCTest

/// The one rule for Ctrl-C: a long command stops at its next safe point and returns what it
/// completed, marked as interrupted; never a result that reads as complete, never an average over
/// work not done. Each test raises the flag before the command starts, so the command must notice
/// it at its first safe point and report that nothing (or only the part before it) was done.
final class InterruptionTests: XCTestCase {
    func run(_ line: String) -> (Interpreter.Outcome, String) {
        let flag = InterruptFlag()
        flag.raise()
        var i = Interpreter(interrupt: flag)
        let o = i.execute(statement: line)
        if case let .success(_, out) = o { return (o, out.renderText(TextStyle.plain)) }
        return (o, "")
    }

    func result(_ line: String) throws -> [String: JSONValue] {
        let flag = InterruptFlag()
        flag.raise()
        var i = Interpreter(interrupt: flag)
        guard case let .success(name, out) = i.execute(statement: line) else { XCTFail("\(line) failed"); return [:] }
        guard case let .object(o) = try i.resultValue(command: name, output: out) else { return [:] }
        return o
    }

    func testGradcheckIsNeverAPassWhenInterrupted() throws {
        let r = try result("gradcheck all")
        XCTAssertEqual(r["run"], .object(["completed": .number(0), "planned": .number(20), "interrupted": .bool(true)]))
        XCTAssertEqual(r["rows"], .array([]))
        let (_, text) = run("gradcheck all")
        XCTAssertTrue(text.contains("interrupted after 0 of 20 layers"), text)
        XCTAssertFalse(text.contains("correct"), "an interrupted check must not read as a pass: \(text)")
    }

    func testDropoutAveragesOnlyOverDrawnSamples() throws {
        let r = try result("dropout 0.5")
        XCTAssertEqual(r["interrupted"], .bool(true))
        XCTAssertEqual(r["monte_carlo"], .array([]), "no Monte Carlo row for samples never drawn")
        XCTAssertEqual(r["network_trials"], .number(0))
        XCTAssertEqual(r["network_train_average"], .array([]), "no average over passes never made")
        // The exact part (every mask and its probability) needs no sampling and is still there.
        XCTAssertEqual(r["coefficients"], .array([.string("1/2"), .string("1/2")]))
    }

    func testInitWithNothingDoneIsAnError() {
        let (o, _) = run("init xavier layers=3 width=10 batch=10")
        guard case let .failure(e) = o else { return XCTFail("nothing was completed: nothing to show") }
        XCTAssertTrue(e.message.contains("interrupted"), e.message)
    }

    func testBatchNormMarksItsRunningAveragesPartial() throws {
        let r = try result("batchnorm")
        guard case let .object(run)? = r["run"] else { return XCTFail("no run state") }
        XCTAssertEqual(run["interrupted"], .bool(true))
        XCTAssertEqual(run["completed"], .number(0))
        XCTAssertEqual(r["gradcheck_error"], .null, "the gradient check did not run, so it has no error to report")
        XCTAssertEqual(r["running"], .array([]))
    }

    func testPositiveInputsDescentIsNotReportedAsConverged() throws {
        let r = try result("act positive-inputs")
        XCTAssertEqual(r["interrupted"], .bool(true))
        XCTAssertEqual(r["trials"], .number(0), "no trial was completed")
        XCTAssertEqual(r["run"], .object(["completed": .number(0), "planned": .number(200), "interrupted": .bool(true)]))
        let (_, text) = run("act positive-inputs")
        XCTAssertTrue(text.contains("interrupted before the first trial finished"), text)
        XCTAssertFalse(text.contains("what these trials show"), "no conclusion from no trials: \(text)")
    }

    func testDescendStoppedIsInterruptedNotConverged() throws {
        let r = try result("descend sgd steps=50")
        XCTAssertEqual(r["status"], .string("interrupted"))
        XCTAssertEqual(r["run"], .object(["completed": .number(0), "planned": .number(50), "interrupted": .bool(true)]))
        XCTAssertEqual(r["converged_step"], .null)
        let (_, text) = run("descend sgd steps=50")
        XCTAssertTrue(text.contains("interrupted after 0 of 50 steps"), text)
        XCTAssertFalse(text.contains("reached"), text)
    }

    func testRaceStoppedHasNoWinner() throws {
        let r = try result("race sgd momentum adam steps=50")
        XCTAssertEqual(r["winner"], .null)
        XCTAssertEqual(r["run"], .object(["completed": .number(0), "planned": .number(50), "interrupted": .bool(true)]))
        let (_, text) = run("race sgd momentum adam steps=50")
        XCTAssertTrue(text.contains("interrupted after 0 of 50 steps: no winner"), text)
        XCTAssertFalse(text.contains("winner:"), text)
    }

    func testSecondOrderStoppedRunsCompareNothing() throws {
        for line in ["newton rosenbrock", "lbfgs rosenbrock"] {
            let r = try result(line)
            XCTAssertEqual(r["status"], .string("interrupted"), line)
            XCTAssertEqual(r["comparisons"], .array([]), "\(line): no Adam or SGD run to compare against")
            let (_, text) = run(line)
            XCTAssertTrue(text.contains("interrupted after 0 of"), text)
            XCTAssertFalse(text.contains("lower than") || text.contains("higher than"), text)
        }
    }
}

extension InterruptionTests {
    /// Ctrl-C before the first batch: nothing ran, so no epoch, no accuracy, the weights as they were.
    func testTrainStopsAtTheBatchAndKeepsTheModel() throws {
        var i = Interpreter()
        i.context.session.data = try NNLabExperiments.Dataset.digits()
        guard case .success = i.execute(statement: "model 64-20-10") else { return XCTFail("model failed") }
        let before = i.session.model?.network.parameters
        i.context.interrupt.raise()
        guard case let .success(name, out) = i.execute(statement: "train epochs=3") else { return XCTFail("train failed") }
        guard case let .object(r) = try i.resultValue(command: name, output: out) else { return XCTFail() }
        XCTAssertEqual(r["run"], .object(["completed": .number(0), "planned": .number(3), "interrupted": .bool(true)]))
        XCTAssertEqual(r["epochs"], .array([]))
        XCTAssertEqual(r["best_val_acc"], .null)
        let text = out.renderText(.plain)
        XCTAssertTrue(text.contains("interrupted after 0 of 3 epochs"), text)
        XCTAssertFalse(text.contains("finished optimization"), text)
        XCTAssertEqual(i.session.model?.network.parameters, before)
    }

    /// Ctrl-C before the first trial: no trial line, no best setting, and the text says so.
    func testSearchKeepsOnlyFinishedTrials() throws {
        var i = Interpreter()
        i.context.session.data = try NNLabExperiments.Dataset.digits()
        guard case .success = i.execute(statement: "model 64-20-10") else { return XCTFail("model failed") }
        i.context.interrupt.raise()
        guard case let .success(name, out) = i.execute(statement: "search trials=4 epochs=1") else { return XCTFail("search failed") }
        guard case let .object(r) = try i.resultValue(command: name, output: out) else { return XCTFail() }
        XCTAssertEqual(r["run"], .object(["completed": .number(0), "planned": .number(4), "interrupted": .bool(true)]))
        XCTAssertEqual(r["trials"], .array([]))
        XCTAssertEqual(r["best"], .null)
        let text = out.renderText(.plain)
        XCTAssertTrue(text.contains("interrupted after 0 of 4 trials"), text)
        XCTAssertFalse(text.contains("best: val_acc"), "no best among trials never run: \(text)")
        // The session goes on: the next command runs.
        i.context.interrupt.clear()
        guard case .success = i.execute(statement: "search trials=2 epochs=1 log=off") else { return XCTFail("the next search failed") }
    }

    func testAugmentDrawsNoVerdictFromImagesNeverTransformed() throws {
        let r = try result("augment flip label=2")
        XCTAssertEqual(r["run"], .object(["completed": .number(0), "planned": .number(1078), "interrupted": .bool(true)]))
        XCTAssertEqual(r["classes"], .array([]), "no class row over images never transformed")
        let (_, text) = run("augment flip label=2")
        XCTAssertTrue(text.contains("interrupted after 0 of 1078 reference images"), text)
        XCTAssertFalse(text.contains("turns most"), "an interrupted run must not give the verdict: \(text)")
    }

    func testInterruptedLoadLoadsNothing() {
        let (o, _) = run("data mnist /tmp")
        guard case let .failure(e) = o else { return XCTFail("an interrupted load has nothing to show") }
        XCTAssertTrue(e.message.contains("interrupted before"), e.message)
    }

    /// A prompt that must never be read: the flag is up before the first question.
    final class NoKeys: InputChannel, @unchecked Sendable {
        var isTerminal: Bool { true }
        func readLine(prompt: String) -> InputLine { XCTFail("read after Ctrl-C"); return .interrupted }
    }

    func testQuizStoppedScoresOnlyWhatWasAnswered() throws {
        let flag = InterruptFlag()
        flag.raise()
        var i = Interpreter(interrupt: flag)
        i.context.input = NoKeys()
        guard case let .success(name, out) = i.execute(statement: "quiz conv n=3 seed=7") else { return XCTFail() }
        let r = try i.resultValue(command: name, output: out)
        XCTAssertEqual(r["interrupted"], .bool(true))
        XCTAssertEqual(r["answered"], .number(0))
        XCTAssertEqual(r["correct"], .number(0))
        let text = out.renderText(.plain)
        XCTAssertTrue(text.contains("stopped after 0 of 3 questions"), text)
    }

    func testLectureRunStoppedRunsNothingMore() throws {
        let flag = InterruptFlag()
        flag.raise()
        var i = Interpreter(interrupt: flag)
        guard case let .success(name, out) = i.execute(statement: "lecture 1 run") else { return XCTFail() }
        let r = try i.resultValue(command: name, output: out)
        XCTAssertEqual(r["ran"], .number(0))
        XCTAssertEqual(r["stopped"], .bool(true))
        XCTAssertTrue(out.renderText(.plain).contains("ran 0 of"), out.renderText(.plain))
    }
}

extension InterruptionTests {
    /// evaluate mc=: Ctrl-C before the first masked pass leaves nothing to average (an error, not a
    /// result); Ctrl-C after pass 7 of 50 averages exactly those 7 and says so.
    func testMonteCarloEvaluationAveragesOnlyThePassesMade() throws {
        var i = Interpreter()
        i.context.session.data = try NNLabExperiments.Dataset.digits()
        guard case .success = i.execute(statement: "model 64-20-10 dropout=0.5") else { return XCTFail("model failed") }
        i.context.interrupt.raise()
        guard case let .failure(e) = i.execute(statement: "evaluate mc=50") else { return XCTFail("nothing was averaged, so nothing to show") }
        XCTAssertTrue(e.message.contains("interrupted"), e.message)
        let model = try XCTUnwrap(i.session.model), data = try XCTUnwrap(i.session.data)
        let flag = InterruptFlag()
        let monitor = Monitor(interrupt: flag, progress: { done, _, _ in if done == 7 { flag.raise() } })
        var rng = NumpyRandom(seed: 1)
        let r = try MonteCarloDropout.run(model, x: data.val.x, y: data.val.y, split: "val", passes: 50, rng: &rng, monitor: monitor)
        XCTAssertEqual(r.run, RunState(completed: 7, planned: 50, interrupted: true))
        XCTAssertEqual(r.passes, 7)
        XCTAssertEqual(r.mc_accuracy_by_passes.last?.passes, 7)
        let text = r.renderText(.plain)
        XCTAssertTrue(text.contains("interrupted after 7 of 50 passes"), text)
    }

    /// train with augment=: Ctrl-C while the labels are being checked trains nothing.
    func testTrainWithAugmentStopsBeforeTraining() throws {
        var i = Interpreter()
        i.context.session.data = try NNLabExperiments.Dataset.digits()
        guard case .success = i.execute(statement: "model 64-20-10") else { return XCTFail("model failed") }
        let before = i.session.model?.network.parameters
        i.context.interrupt.raise()
        guard case let .failure(e) = i.execute(statement: "train epochs=2 augment=shift") else { return XCTFail("should stop before training") }
        XCTAssertTrue(e.message.contains("nothing was trained"), e.message)
        XCTAssertEqual(i.session.model?.network.parameters, before)
    }

    /// Ctrl-C in the middle of a 4096-wide layer (one product of 2048 x 4096 x 4096 = 3.4e10
    /// multiply-adds, seconds in a debug build): the blocked product and the blocked draws answer
    /// within a fraction of a second, and the run reports the layers it finished, no verdict.
    func testInitAnswersInsideAWideLayer() throws {
        let flag = InterruptFlag()
        var i = Interpreter(interrupt: flag)
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { flag.raise() }
        let start = Date()
        let o = i.execute(statement: "init xavier width=4096 batch=2048 layers=3 grad=on")
        let seconds = Date().timeIntervalSince(start)
        XCTAssertLessThan(seconds, 0.5 + 2.5, "Ctrl-C at 0.5 s answered after \(seconds) s")
        switch o {
        case let .failure(e): XCTAssertTrue(e.message.contains("interrupted"), e.message)
        case let .success(name, out):
            guard case let .object(r) = try i.resultValue(command: name, output: out) else { return XCTFail() }
            XCTAssertEqual(r["verdict"], .string("interrupted"))
            guard case let .object(run)? = r["run"] else { return XCTFail("no run state") }
            XCTAssertEqual(run["interrupted"], .bool(true))
        case .quit: XCTFail()
        }
    }

    /// The mini-batch loop of batchnorm reads the flag between batches: at the budget's edge
    /// (10^7 rows) it stops within a fraction of a second of Ctrl-C.
    func testBatchnormAnswersAtItsBudget() throws {
        let flag = InterruptFlag()
        var i = Interpreter(interrupt: flag)
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { flag.raise() }
        let start = Date()
        guard case let .success(name, out) = i.execute(statement: "batchnorm batch=10000 batches=1000") else { return XCTFail("batchnorm failed") }
        XCTAssertLessThan(Date().timeIntervalSince(start), 0.3 + 2.5)
        guard case let .object(r) = try i.resultValue(command: name, output: out),
              case let .object(run)? = r["run"] else { return XCTFail() }
        XCTAssertEqual(run["interrupted"], .bool(true))
        guard case let .number(done)? = run["completed"] else { return XCTFail() }
        XCTAssertLessThan(done, 1000)
    }
}

extension InterruptionTests {
    /// Ctrl-C before the first batch: `ensemble`, `transfer` and `mine` report the part done
    /// (nothing), marked interrupted, with no verdict and the session's model untouched.
    func testEnsembleTransferAndMineReportOnlyWhatFinished() throws {
        for (line, unit, verdict) in [("ensemble n=3 epochs=2", "interrupted after 0 of 3 models", "Gain over"),
                                      ("ensemble checkpoints epochs=3 k=2", "interrupted after 0 of 3 epochs", "Against the final"),
                                      ("transfer shots=1,5 epochs=2 pretrain=1", "interrupted after 0 of 2 shot counts", "is ahead"),
                                      ("mine top=5 epochs=2", "interrupted after 0 of 2 runs", "Mining")] {
            var i = Interpreter()
            i.context.session.data = try NNLabExperiments.Dataset.digits()
            guard case .success = i.execute(statement: "model 64-20-10") else { return XCTFail("model failed") }
            let before = i.session.model?.network.parameters
            i.context.interrupt.raise()
            guard case let .success(name, out) = i.execute(statement: line) else { XCTFail("\(line) failed"); continue }
            guard case let .object(r) = try i.resultValue(command: name, output: out),
                  case let .object(run)? = r["run"] else { XCTFail("\(line): no run"); continue }
            XCTAssertEqual(run["interrupted"], .bool(true), line)
            XCTAssertEqual(run["completed"], .number(0), line)
            let text = out.renderText(.plain)
            if !unit.isEmpty { XCTAssertTrue(text.contains(unit), "\(line): \(text)") }
            XCTAssertFalse(text.contains(verdict), "\(line) gives no verdict: \(text)")
            XCTAssertEqual(i.session.model?.network.parameters, before, line)
        }
    }
}

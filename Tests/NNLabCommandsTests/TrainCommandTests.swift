import Foundation
import XCTest
import NNLabCore
import NNLabExperiments
@testable import NNLabCommands

/// `model` and `train` through the interpreter, on the digits (loaded directly into the session
/// until the `data` command exists).
final class TrainCommandTests: XCTestCase {
    final class Capture: OutputChannel, @unchecked Sendable {
        let lock = NSLock()
        var lines: [String] = []
        var progressCalls = 0
        func progress(command: String, done: Int, total: Int, label: String) { lock.lock(); progressCalls += 1; lock.unlock() }
        func record(command: String, _ record: any StreamRecord) {
            lock.lock(); defer { lock.unlock() }
            if let r = record as? TextRecord { lines.append(r.renderLine(.plain)) }
        }
    }

    let h = TrainHarness()
    func interpreter(_ capture: Capture? = nil) throws -> Interpreter { try h.interpreter(capture) }
    func run(_ i: inout Interpreter, _ line: String, file: StaticString = #filePath, lineNo: UInt = #line) throws -> (JSONValue, String) {
        try h.run(&i, line, file: file, lineNo: lineNo)
    }
    func error(_ i: inout Interpreter, _ line: String) -> String? { h.error(&i, line) }

    func testModelSizesAndParameterCount() throws {
        var i = try interpreter()
        let (r, text) = try run(&i, "model 64-100-10 act=relu")
        // 64*100 + 100 weights and biases, then 100*10 + 10: 7510.
        XCTAssertEqual(r["parameters"], .number(7510))
        XCTAssertEqual(r["layers[0].layer"], .string("fc 100"))
        XCTAssertEqual(r["layers[1].layer"], .string("relu"))
        XCTAssertTrue(text.contains("7,510"), text)
        let (h, _) = try run(&i, "model hidden=100,50 dropout=0.5 bn=on")
        // fc 100 (6500) + bn (200) + fc 50 (5050) + bn (100) + fc 10 (510) = 12360.
        XCTAssertEqual(h["parameters"], .number(12360))
        let (c, _) = try run(&i, "model conv")
        // conv 8 3x3 on 1 channel: 8*9+8 = 80; conv 16 on 8: 16*72+16 = 1168; fc 2*2*16=64 -> 64: 4160; fc 64 -> 10: 650.
        XCTAssertEqual(c["parameters"], .number(80 + 1168 + 4160 + 650))
        XCTAssertEqual(c["layers[2].output"], .string("4x4x8"))
        XCTAssertEqual(c["layers[3].output"], .string("4x4x16"))
    }

    func testBadModelsAreOneClearLineAndLeaveTheSession() throws {
        var i = try interpreter()
        _ = try run(&i, "model 64-100-10")
        let before = i.session.model?.network.parameters
        let cases: [(String, String)] = [
            ("model 64-100-9", "10 classes"), ("model 63-100-10", "64 features"), ("model 64-0-10", "whole number from 1"),
            ("model 64--10", "whole number"), ("model banana", "not a model"), ("model hidden=100,", "whole number"),
            ("model 64-100-10 hidden=5", "once"), ("model hidden=100000,100000", "50000000"), ("model show act=relu", "takes no"),
            ("model conv dropout=0.5", "no dropout"), ("model 64-10 init=huge", "init must be"), ("model load /nonexistent/x", "no such file"),
            ("model save", "needs a file name"),
        ]
        for (line, part) in cases {
            let e = try XCTUnwrap(error(&i, line), line)
            XCTAssertTrue(e.contains(part), "\(line): \(e)")
            XCTAssertFalse(e.contains("\n"), e)
        }
        XCTAssertEqual(i.session.model?.network.parameters, before)
        var empty = Interpreter()
        XCTAssertEqual(error(&empty, "train"), "train: no data loaded: try `data digits`")
        XCTAssertTrue(error(&empty, "model 64-100-10")?.contains("no data loaded") ?? false)
        var noModel = try interpreter()
        XCTAssertTrue(error(&noModel, "train")?.contains("no model yet") ?? false)
        XCTAssertTrue(error(&i, "train update=adam mu=0.5")?.contains("mu=") ?? false)
        XCTAssertTrue(error(&i, "train decay=0.5")?.contains("schedule") ?? false)
        XCTAssertTrue(error(&i, "train epochs=1000 batch=10000")?.contains("multiply-adds") ?? false)
    }

    /// seed 0 then the numpy loop of Tests/NNLabExperimentsTests/Fixtures/make_train_fixtures.py
    /// (its first case) printed these lines; the streamed log must be them character for character.
    func testStreamedLogIsNumpysAndEndsWithTheSummary() throws {
        let capture = Capture()
        var i = try interpreter(capture)
        _ = try run(&i, "seed 0")
        _ = try run(&i, "model 64-100-10 act=relu")
        let (r, text) = try run(&i, "train epochs=3 lr=0.1 update=momentum")
        // The lecture's line format, written once here (not taken from nnlab's code), with numpy's numbers.
        func line(_ e: Int, _ cost: String, _ train: String, _ val: String) -> String {
            "Finished epoch \(e) / 3: cost \(cost), train: \(train), val \(val), lr 1.000000e-01"
        }
        XCTAssertEqual(capture.lines, [
            line(1, "0.438785", "0.895000", "0.871866"),
            line(2, "0.306879", "0.944000", "0.913649"),
            line(3, "0.193890", "0.977000", "0.935933"),
        ])
        XCTAssertTrue(text.hasPrefix("finished optimization. best validation accuracy: 0.935933"), text)
        XCTAssertEqual(capture.progressCalls, 30, "one progress tick per batch")
        XCTAssertEqual(r["best_epoch"], .number(3))
        // train continues from the current weights: a second run starts below ln(10).
        let (r2, _) = try run(&i, "train epochs=1 lr=0.1 update=momentum")
        if case let .number(c)? = r2["initial_cost"] { XCTAssertLessThan(c, 0.5) } else { XCTFail() }
        XCTAssertEqual(r2["epochs_before"], .number(3))
    }

    /// The schedule changes the printed rate per epoch: step halving every epoch from 0.1.
    func testScheduleSetsEachEpochsRate() throws {
        var i = try interpreter()
        _ = try run(&i, "model 64-30-10")
        let (r, _) = try run(&i, "train epochs=3 lr=0.1 schedule=step decay=0.5")
        XCTAssertEqual(r["epochs[0].lr"], .number(0.1))
        XCTAssertEqual(r["epochs[1].lr"], .number(0.05))
        XCTAssertEqual(r["epochs[2].lr"], .number(0.025))
    }

    func testSaveAndLoadKeepEveryBitAndRefuseBadFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nnlab-model-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("m.model").path
        var i = try interpreter()
        _ = try run(&i, "model 64-20-10 init=0.37")
        _ = try run(&i, "train epochs=1 lr=0.1")
        let saved = try XCTUnwrap(i.session.model)
        _ = try run(&i, "model save \(path)")
        _ = try run(&i, "model 64-5-10")
        let (r, _) = try run(&i, "model load \(path)")
        XCTAssertEqual(r["epochs_trained"], .number(1))
        let loaded = try XCTUnwrap(i.session.model)
        XCTAssertEqual(loaded.blueprint, saved.blueprint)
        for (a, b) in zip(loaded.network.parameters, saved.network.parameters) {
            XCTAssertEqual(a.value.data.map(\.bitPattern), b.value.data.map(\.bitPattern), a.name)
        }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let bad = dir.appendingPathComponent("bad").path
        let variants: [(Data, String)] = [
            (bytes.prefix(bytes.count / 2), "truncated"),
            (Data("hello, world".utf8), "not an nnlab model file"),
            (Data(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\"version\":2", with: "\"version\":7").utf8), "version 7"),
            (Data(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\"format\":\"nnlab-model\"", with: "\"format\":\"other\"").utf8), "format is 'other'"),
            (Data(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\"units\":20", with: "\"units\":21").utf8), "shape"),
        ]
        let current = i.session.model?.network.parameters
        for (data, part) in variants {
            try data.write(to: URL(fileURLWithPath: bad))
            let e = try XCTUnwrap(error(&i, "model load \(bad)"), part)
            XCTAssertTrue(e.contains(part), "\(part): \(e)")
            XCTAssertFalse(e.contains("\n"))
        }
        XCTAssertEqual(i.session.model?.network.parameters, current, "a refused file leaves the model as it was")
        XCTAssertTrue(error(&i, "model load \(dir.path)")?.contains("folder") ?? false)
    }

    /// The lecture's two-layer net on the digits: 10 epochs of momentum reach 0.95 validation accuracy.
    func testDigitsMLPReachesNinetyFivePercent() throws {
        var i = try interpreter()
        _ = try run(&i, "seed 0")
        _ = try run(&i, "model 64-100-10 act=relu")
        let (r, _) = try run(&i, "train epochs=10 lr=0.1 update=momentum")
        guard case let .number(best)? = r["best_val_acc"] else { return XCTFail() }
        XCTAssertGreaterThanOrEqual(best, 0.95)
    }
}

/// The babysitting commands: sanity, overfit, lrcheck, curves, evaluate.
final class BabysittingTests: XCTestCase {
    let t = TrainHarness()

    /// ln(10) = 2.302585 (the lecture's figure); with weights std 1e-4 the penalty at reg 1e3 is
    /// about 0.5 * 1e3 * 7400 * 1e-8 = 0.037 (7400 = 64*100 + 100*10 weights, biases not penalized).
    func testSanityInitialLossIsLnC() throws {
        var i = try t.interpreter()
        _ = try t.run(&i, "model 64-100-10 act=relu")
        let (r, text) = try t.run(&i, "sanity")
        func num(_ k: String) -> Double { if case let .number(x)? = r[k] { return x }; return .nan }
        let loss = num("loss"), pen = num("penalty"), withReg = num("loss_with_reg")
        XCTAssertEqual(loss, 2.302585, accuracy: 1e-3)
        XCTAssertEqual(r["weights"], .number(7400))
        XCTAssertEqual(pen, 0.037, accuracy: 0.003)
        XCTAssertEqual(withReg - loss, pen, accuracy: 1e-9)
        XCTAssertEqual(r["as_expected"], .bool(true))
        XCTAssertTrue(text.contains("2.302585"), text)
        // A big init is far from ln(C): the verdict must say so.
        let (big, bigText) = try t.run(&i, "sanity std=1")
        XCTAssertEqual(big["as_expected"], .bool(false))
        XCTAssertTrue(bigText.contains("away from ln(10)"), bigText)
    }

    func testOverfitMemorizesTwentyDigits() throws {
        var i = try t.interpreter()
        _ = try t.run(&i, "model 64-100-10 act=relu")
        let before = i.session.model?.network.parameters
        let (r, text) = try t.run(&i, "overfit")
        XCTAssertEqual(r["examples"], .number(20))
        XCTAssertEqual(r["memorized"], .bool(true))
        XCTAssertEqual(r["final_train_acc"], .number(1))
        XCTAssertTrue(text.contains("memorized"), text)
        XCTAssertEqual(i.session.model?.network.parameters, before, "the session's model is not touched")
        // Far too low a rate cannot memorize in 5 steps, and says so.
        let (low, lowText) = try t.run(&i, "overfit epochs=5 lr=1e-6")
        XCTAssertEqual(low["memorized"], .bool(false))
        XCTAssertTrue(lowText.contains("could not memorize"), lowText)
    }

    /// Each demonstration's diagnosis is what its calibration promises (measured on the digits).
    func testLearningRateDemonstrationsGiveTheirDiagnoses() throws {
        var i = try t.interpreter()
        let (r, text) = try t.run(&i, "lrcheck")
        let expected = ["learning rate too low", "learning rate too high", "learning rate far too high", "looks fine"]
        for (k, e) in expected.enumerated() {
            XCTAssertEqual(r["runs[\(k)].diagnosis"], .string(e))
            XCTAssertEqual(r["runs[\(k)].expected"], .string(e))
        }
        XCTAssertEqual(r["runs[1].lecture_lr"], .number(3e-3))
        XCTAssertTrue(text.contains("CIFAR-10"), text)
        guard case let .number(energy)? = r["input_energy"] else { return XCTFail() }
        // Standardized pixels: mean(x^2) = 1 for each of the 61 non-constant pixels, 0 for the 3 constant ones.
        XCTAssertEqual(energy, 61, accuracy: 1.5)
        let (one, _) = try t.run(&i, "lrcheck lr=1e-6")
        XCTAssertEqual(one["runs[0].diagnosis"], .string("learning rate too low"))
    }

    func testDiagnosisRules() {
        XCTAssertEqual(LearningRateDiagnosis.of([2.3, .nan, 2.3], perEpoch: 3), .farTooHigh)
        XCTAssertEqual(LearningRateDiagnosis.of([2.3, 2.2, 2.1, 7.0], perEpoch: 3), .tooHigh)
        XCTAssertEqual(LearningRateDiagnosis.of([2.3, 2.3, 2.299, 2.298], perEpoch: 2), .tooLow)
        XCTAssertEqual(LearningRateDiagnosis.of([2.3, 2.0, 1.0, 0.5], perEpoch: 2), .fine)
    }

    func testCurvesAndEvaluate() throws {
        var i = try t.interpreter()
        _ = try t.run(&i, "model 64-100-10 act=relu")
        XCTAssertTrue(t.error(&i, "curves")?.contains("not been trained") ?? false)
        _ = try t.run(&i, "train epochs=5 lr=0.1 update=momentum")
        let (c, text) = try t.run(&i, "curves")
        XCTAssertEqual(c["iterations"], .number(50))
        XCTAssertEqual(c["epochs"], .number(5))
        XCTAssertTrue(text.contains("accuracy per epoch"), text)
        XCTAssertNotNil(i.session.lastFigure)
        let (e, etext) = try t.run(&i, "evaluate")
        XCTAssertEqual(e["examples"], .number(359))
        // The confusion matrix's diagonal is the correct count; every row sums to its class's examples.
        func num(_ k: String) -> Double { if case let .number(x)? = e[k] { return x }; return .nan }
        let correct = num("correct"), acc = num("accuracy")
        guard case let .array(rows)? = e["confusion"] else { return XCTFail() }
        var diag = 0.0, total = 0.0
        for (k, row) in rows.enumerated() {
            guard case let .array(cells) = row else { return XCTFail() }
            for (j, v) in cells.enumerated() { if case let .number(x) = v { total += x; if j == k { diag += x } } }
        }
        XCTAssertEqual(diag, correct)
        XCTAssertEqual(total, 359)
        XCTAssertEqual(acc, correct / 359, accuracy: 1e-12)
        // The model keeps the best epoch's weights: evaluate val gives the best validation accuracy.
        let best = i.session.model?.lastRun?.best_val_acc
        XCTAssertEqual(acc, best)
        XCTAssertTrue(etext.contains("accuracy"), etext)
        XCTAssertEqual(try t.run(&i, "evaluate test").0["examples"], .number(360))
    }
}

/// Runs lines on an interpreter holding the digits, checking every rendering fits 80 and 140 columns.
struct TrainHarness {
    static let digits = Result { try Dataset.digits() }

    func interpreter(_ capture: TrainCommandTests.Capture? = nil) throws -> Interpreter {
        var i = Interpreter()
        i.context.session.data = try TrainHarness.digits.get()
        i.context.channel = capture
        return i
    }

    func run(_ i: inout Interpreter, _ line: String, file: StaticString = #filePath, lineNo: UInt = #line) throws -> (JSONValue, String) {
        var value = JSONValue.null, text = ""
        for o in i.execute(line: line) {
            switch o {
            case let .success(c, out):
                value = try i.resultValue(command: c, output: out)
                text = out.renderText(.plain)
                for w in [80, 140] {
                    for l in out.renderText(TextStyle(width: w)).split(separator: "\n") {
                        XCTAssertLessThanOrEqual(l.count, w, "`\(line)` at width \(w): \(l)", file: file, line: lineNo)
                    }
                }
            case let .failure(e): XCTFail("`\(line)` failed: \(e)", file: file, line: lineNo)
            case .quit: break
            }
        }
        return (value, text)
    }

    func error(_ i: inout Interpreter, _ line: String) -> String? {
        for o in i.execute(line: line) { if case let .failure(e) = o { return e.description } }
        return nil
    }

}

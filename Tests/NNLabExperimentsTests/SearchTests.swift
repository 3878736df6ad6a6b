import Foundation
import NNLabCore
import Synchronization
import XCTest
@testable import NNLabExperiments

final class SearchTests: XCTestCase {
    struct Fixture: Decodable {
        struct Trial: Decodable { var trial: Int; var lr: Double; var reg: Double; var next: Double }
        struct Case: Decodable { var seed: UInt32; var lr: [Double]; var reg: [Double]; var trials: [Trial] }
        var cases: [Case]
    }

    func fixture() throws -> Fixture {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "search_reference", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    /// Trial i samples from numpy's RandomState([seed, i]), lr then reg, and trains with what follows.
    func testRandomPointsAreNumpysDrawsFromSeedAndTrial() throws {
        for c in try fixture().cases {
            let lr = try SearchRange("lr", c.lr[0], c.lr[1]), reg = try SearchRange("reg", c.reg[0], c.reg[1])
            let points = SearchExperiment.points(.random, lr: lr, reg: reg, trials: c.trials.count, seed: c.seed)
            XCTAssertEqual(points.count, c.trials.count)
            for (p, t) in zip(points, c.trials) {
                XCTAssertEqual(p.trial, t.trial)
                XCTAssertEqual(p.lr, t.lr, "seed \(c.seed) trial \(t.trial) lr")
                XCTAssertEqual(p.reg, t.reg, "seed \(c.seed) trial \(t.trial) reg")
                var rng = SearchExperiment.generator(for: p, .random, seed: c.seed)
                XCTAssertEqual(rng.rand(), t.next, "the trial's training continues numpy's stream")
            }
        }
    }

    func testGridTakesTheLargestSquareInTheBudgetWithTheRangeEnds() throws {
        let lr = try SearchRange("lr", 1e-4, 1e-1), reg = try SearchRange("reg", 1e-6, 1e-2)
        let points = SearchExperiment.points(.grid, lr: lr, reg: reg, trials: 10, seed: 0)
        XCTAssertEqual(points.count, 9)  // 3 x 3 fits in 10
        XCTAssertEqual(Set(points.map(\.lr)).count, 3)
        XCTAssertEqual(points.first?.lr ?? 0, 1e-4, accuracy: 1e-18)
        XCTAssertEqual(points.last?.lr ?? 0, 1e-1, accuracy: 1e-15)
        XCTAssertEqual(points[1].reg, 1e-4, accuracy: 1e-18)  // log-middle of 1e-6..1e-2
        XCTAssertEqual(points.map(\.trial), Array(1...9))
    }

    /// A runner whose outcome depends on its draws and on the setting, with uneven durations.
    static let runner: SearchExperiment.Runner = { point, rng, monitor in
        let u = rng.rand()
        usleep(UInt32(200 + Int(u * 2000)))
        let acc = min(1, u * 0.5 + 0.5 * (1 - abs(log10(point.lr) + 2.5) / 4))
        return TrialOutcome(valAccuracy: acc, trainAccuracy: acc, epochs: 5, cut: point.lr > 0.05 ? "exploded" : nil)
    }

    /// The streamed trial lines, as a channel receives them (from any thread).
    final class Collector: Sendable {
        let lines = Mutex<[SearchTrial]>([])
        func monitor(_ flag: InterruptFlag = InterruptFlag()) -> Monitor {
            Monitor(interrupt: flag, record: { r in
                if let t = r as? SearchTrial { self.lines.withLock { $0.append(t) } }
            })
        }
        var all: [SearchTrial] { lines.withLock { $0 } }
    }

    func testSameLinesInTrialOrderWhateverTheWorkerCount() throws {
        let lr = try SearchRange("lr", 1e-4, 1e-1), reg = try SearchRange("reg", 1e-5, 1e5)
        var reports: [SearchReport] = []
        for workers in [1, 2, 2] {
            let lines = Collector()
            let report = try SearchExperiment.run(.random, lr: lr, reg: reg, trials: 24, epochs: 5, seed: 7,
                                                  workers: workers, monitor: lines.monitor(), runner: Self.runner)
            XCTAssertEqual(lines.all.map(\.trial), Array(1...24), "streamed in trial order with \(workers) workers")
            XCTAssertEqual(lines.all, report.trials)
            XCTAssertFalse(report.run.interrupted)
            reports.append(report)
        }
        XCTAssertEqual(reports[0].trials, reports[1].trials)
        XCTAssertEqual(reports[1].trials, reports[2].trials)
        let best = try XCTUnwrap(reports[0].best)
        XCTAssertEqual(best.valAccuracy, reports[0].trials.map(\.valAccuracy).max())
        XCTAssertEqual(reports[0].cutCount, reports[0].trials.filter { $0.lr > 0.05 }.count)
    }

    func testInterruptKeepsOnlyFinishedTrialsAndTheBestOfThem() throws {
        let lr = try SearchRange("lr", 1e-4, 1e-1), reg = try SearchRange("reg", 1e-5, 1e5)
        let flag = InterruptFlag()
        let lines = Collector()
        let monitor = lines.monitor(flag)
        let runner: SearchExperiment.Runner = { point, rng, m in
            if point.trial == 6 { flag.raise() }
            if point.trial >= 6 && m.shouldStop { return TrialOutcome(valAccuracy: 0, trainAccuracy: 0, epochs: 1, interrupted: true) }
            return try Self.runner(point, &rng, m)
        }
        let report = try SearchExperiment.run(.random, lr: lr, reg: reg, trials: 50, epochs: 5, seed: 3,
                                              workers: 2, monitor: monitor, runner: runner)
        XCTAssertTrue(report.run.interrupted)
        XCTAssertEqual(report.run.planned, 50)
        XCTAssertEqual(report.run.completed, report.trials.count)
        XCTAssertLessThan(report.trials.count, 50)
        XCTAssertFalse(report.trials.contains { $0.trial == 6 }, "the trial Ctrl-C stopped is not counted")
        XCTAssertEqual(report.best?.valAccuracy, report.trials.map(\.valAccuracy).max())
        XCTAssertEqual(lines.all.map(\.trial), report.trials.map(\.trial), "every finished trial printed once, in order")
    }

    func testLineIsTheLecturesFormat() {
        let t = SearchTrial(trial: 1, planned: 100, lr: 1.405206e-04, reg: 4.793564e-01, valAccuracy: 0.412, trainAccuracy: 0.5, epochs: 5)
        XCTAssertEqual(t.line, "val_acc: 0.412000, lr: 1.405206e-04, reg: 4.793564e-01, (1 / 100)")
        let u = SearchTrial(trial: 5, planned: 100, lr: 1.753300e-05, reg: 1.200424e+03, valAccuracy: 0.079, trainAccuracy: 0.1, epochs: 5)
        XCTAssertEqual(u.line, "val_acc: 0.079000, lr: 1.753300e-05, reg: 1.200424e+03, (5 / 100)")
    }

    func testRefineNarrowsAroundTheBestAndStaysInside() throws {
        let lr = try SearchRange("lr", 1e-6, 1e-1), reg = try SearchRange("reg", 1e-5, 1e5)
        let report = try SearchExperiment.run(.random, lr: lr, reg: reg, trials: 40, epochs: 5, seed: 1,
                                              workers: 2, monitor: .silent(), runner: Self.runner)
        let refined = report.refinedRanges()
        XCTAssertEqual(refined.map(\.name), ["lr", "reg"])
        let best = try XCTUnwrap(report.best)
        XCTAssertTrue(refined[0].low <= best.lr && best.lr <= refined[0].high)
        XCTAssertTrue(refined[1].low <= best.reg && best.reg <= refined[1].high)
        XCTAssertGreaterThanOrEqual(refined[0].low, lr.low)
        XCTAssertLessThanOrEqual(refined[0].high, lr.high)
        XCTAssertLessThan(refined[0].decades, lr.decades)
    }

    func testBadRangesAndSizesAreRefusedInWords() {
        XCTAssertThrowsError(try SearchRange("lr", 0, 1e-3)) { XCTAssertTrue("\($0)".contains("positive")) }
        XCTAssertThrowsError(try SearchRange("lr", 1e-3, 1e-6)) { XCTAssertTrue("\($0)".contains("below the high end")) }
        XCTAssertThrowsError(try SearchRange("reg", .nan, 1)) { XCTAssertTrue("\($0)".contains("reg=")) }
        XCTAssertThrowsError(try SearchExperiment.run(.random, lr: try SearchRange("lr", 1e-6, 1e-3), reg: try SearchRange("reg", 1e-5, 1),
                                                      trials: 0, epochs: 1, seed: 0, monitor: .silent(), runner: Self.runner))
    }
}

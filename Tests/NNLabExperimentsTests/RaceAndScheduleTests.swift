import Foundation
import XCTest
import NNLabCore
@testable import NNLabExperiments

/// `race`'s ranking and lockstep, and the schedules' closed forms, from hand derivations.
final class RaceAndScheduleTests: XCTestCase {
    func race(_ rules: [OptimizerKind], _ l: DescentLandscape = .ravine, steps: Int = 100, every: Int = 10,
              monitor: Monitor = .silent()) throws -> RaceExperiment.Report {
        var rng = NumpyRandom(seed: 0)
        return try RaceExperiment.run(expression: l.expression, start: l.start, rules: rules,
                                      settings: { .init(learningRate: $0.defaultLearningRate) }, schedule: nil,
                                      steps: steps, tolerance: 1e-6, noise: 0, every: every, mapWidth: 40, rng: &rng, monitor: monitor)
    }

    /// On the ravine after 100 steps SGD (lr 0.1) is at x = -7 * 0.99^100, loss 0.32825 (labs/optimizers.lab
    /// derives it); momentum's recurrence ends at loss 4.9516e-5: momentum ranks first, on final loss.
    func testRankingByFinalLoss() throws {
        let r = try race([.sgd, .momentum])
        XCTAssertEqual(r.ranking.map(\.rule), [.momentum, .sgd])
        XCTAssertEqual(r.ranking[1].final_loss, 0.32825, accuracy: 0.32825 * 1e-4)
        XCTAssertEqual(r.ranking[0].final_loss, 4.9516e-5, accuracy: 4.9516e-5 * 1e-4)
        XCTAssertEqual(r.winner, .momentum)
        XCTAssertTrue(r.reason.contains("lowest final loss"), r.reason)
        XCTAssertEqual(r.rules, [.sgd, .momentum], "the order given is kept for the marks")
    }

    /// momentum and momentum-classic visit the same points at a constant lr: a tie, no winner.
    func testEquivalentRulesTie() throws {
        let r = try race([.momentum, .momentumClassic])
        XCTAssertNil(r.winner)
        XCTAssertEqual(Set(r.tied), [.momentum, .momentumClassic])
        XCTAssertTrue(r.reason.contains("tie"), r.reason)
    }

    /// A rule that converges ranks above one that does not, whatever their losses; one that
    /// diverges (SGD at lr 1.5 on the ravine, y multiplied by -2 each step) ranks last.
    func testConvergedFirstDivergedLast() throws {
        var rng = NumpyRandom(seed: 0)
        let r = try RaceExperiment.run(expression: "x^2 + y^2", start: (-3, 2), rules: [.sgd, .adam, .momentum],
                                       settings: { $0 == .sgd ? .init(learningRate: 1.5) : .init(learningRate: $0.defaultLearningRate) },
                                       schedule: nil, steps: 400, tolerance: 1e-6, noise: 0, every: 50, mapWidth: 40, rng: &rng, monitor: .silent())
        XCTAssertEqual(r.ranking.last?.rule, .sgd)
        XCTAssertEqual(r.ranking.last?.status, .diverged)
        XCTAssertEqual(r.ranking.first?.status, .converged)
        let first = try XCTUnwrap(r.ranking.first), second = r.ranking[1]
        if second.status == .converged { XCTAssertLessThanOrEqual(try XCTUnwrap(first.converged_step), try XCTUnwrap(second.converged_step)) }
        XCTAssertTrue(r.reason.contains("step \(first.converged_step ?? -1)"), r.reason)
    }

    /// One record every k steps (and one at the end), each with every rule's loss after that step.
    func testStreamsEveryKthStep() throws {
        final class Box: @unchecked Sendable { var steps: [Int] = []; var count: [Int] = []; let lock = NSLock() }
        let box = Box()
        let monitor = Monitor(interrupt: InterruptFlag(), record: { r in
            guard let s = r as? RaceExperiment.Step else { return }
            box.lock.lock(); box.steps.append(s.step); box.count.append(s.losses.count); box.lock.unlock()
        })
        let r = try race([.sgd, .momentum, .adam], steps: 35, every: 10, monitor: monitor)
        XCTAssertEqual(box.steps, [10, 20, 30, 35])
        XCTAssertEqual(box.count, [3, 3, 3, 3])
        XCTAssertEqual(r.run, .complete(35))
    }

    func testInterruptedRaceHasNoWinner() throws {
        let flag = InterruptFlag(); flag.raise()
        let r = try race([.sgd, .momentum], monitor: .silent(flag))
        XCTAssertNil(r.winner)
        XCTAssertEqual(r.run, RunState(completed: 0, planned: 100, interrupted: true))
        XCTAssertTrue(r.ranking.allSatisfy { $0.status == .interrupted && $0.steps_run == 0 })
    }

    func testRefusesMoreThanTheBudget() {
        XCTAssertThrowsError(try race(OptimizerKind.allCases, steps: 20_000))
    }

    /// lr0 = 0.1: step halving every 5 epochs gives 0.1/4 at epoch 10; e^(-0.1 * 10) = e^-1; 1/(1 + 0.1 * 10) = 1/2.
    /// Half-lives: 5 (one decay), ceil(ln 2 / 0.1) = ceil(6.93) = 7, ceil(1 / 0.1) = 10.
    func testSchedulesClosedForms() throws {
        let step = try ScheduleExperiment.run(LearningRateSchedule(.step, base: 0.1, decay: 0.5, every: 5), epochs: 30)
        XCTAssertEqual(step.rates[10], 0.025)
        XCTAssertEqual(step.rates[9], 0.05)
        XCTAssertEqual(step.half_epoch, 5); XCTAssertEqual(step.half_epoch_formula, 5)
        let e = try ScheduleExperiment.run(LearningRateSchedule(.exponential, base: 0.1, decay: 0.1), epochs: 30)
        XCTAssertEqual(e.rates[10], 0.1 * exp(-1.0), accuracy: 1e-15)
        XCTAssertEqual(e.half_epoch, 7); XCTAssertEqual(e.half_epoch_formula, 7)
        XCTAssertEqual(try XCTUnwrap(e.half_time), log(2) / 0.1, accuracy: 1e-12)
        let inv = try ScheduleExperiment.run(LearningRateSchedule(.inverse, base: 0.1, decay: 0.1), epochs: 30)
        XCTAssertEqual(inv.rates[10], 0.05, accuracy: 1e-16)
        XCTAssertEqual(inv.half_epoch, 10); XCTAssertEqual(inv.half_epoch_formula, 10)
        let c = try ScheduleExperiment.run(LearningRateSchedule(.constant, base: 0.1), epochs: 30)
        XCTAssertNil(c.half_epoch); XCTAssertNil(c.half_epoch_formula)
        // A crossing beyond the listed epochs: measured none, the closed form still says when.
        let slow = try ScheduleExperiment.run(LearningRateSchedule(.inverse, base: 0.1, decay: 0.01), epochs: 30)
        XCTAssertNil(slow.half_epoch); XCTAssertEqual(slow.half_epoch_formula, 100)
        let tiny = try ScheduleExperiment.run(LearningRateSchedule(.exponential, base: 0.1, decay: 1e-300), epochs: 3)
        XCTAssertNil(tiny.half_epoch_formula, "a crossing at 7e299 epochs is not a whole number we can print")
    }

    /// With a schedule, step t of descend uses rate(epoch: t - 1): SGD on f = x moves by exactly
    /// the rate each step, so after 10 steps of 1/t decay (lr0 1, k 0.1) x = -sum 1/(1 + 0.1 t), t = 0..9.
    func testDescentFollowsTheSchedule() throws {
        var rng = NumpyRandom(seed: 0)
        let s = try LearningRateSchedule(.inverse, base: 1, decay: 0.1)
        let r = try DescentExperiment.run(expression: "x", start: (0, 0), rule: .sgd, settings: .init(learningRate: 1), schedule: s,
                                          steps: 10, tolerance: 0, noise: 0, every: 1, mapWidth: 40, rng: &rng, monitor: .silent())
        var sum = 0.0
        for t in 0..<10 { sum += 1 / (1 + 0.1 * Double(t)) }
        let expected = -sum
        XCTAssertEqual(r.final_x, expected, accuracy: 1e-12)
        XCTAssertEqual(r.path[10].lr, 1 / 1.9, accuracy: 1e-15)
    }
}

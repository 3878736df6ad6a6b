import Foundation
import XCTest
import NNLabCore
@testable import NNLabExperiments

/// The training loop against the same loop written in numpy (Fixtures/train_reference.json, from
/// Fixtures/make_train_fixtures.py): same seed, same batches, same costs and accuracies.
final class TrainerTests: XCTestCase {
    struct Reference: Decodable {
        struct Line: Decodable { var epoch: Int; var cost: Double; var train_acc: Double; var val_acc: Double; var line: String }
        struct Case: Decodable {
            var seed: UInt32; var hidden: [Int]; var act: String; var epochs: Int; var lr: Double
            var update: String; var reg: Double; var batch: Int; var epoch_lines: [Line]; var best_val_acc: Double
        }
        var cases: [Case]
    }

    static let data = Result { try Dataset.digits() }

    func testDigitsDatasetIsTheStatedSplitAndScaling() throws {
        let d = try Self.data.get()
        XCTAssertEqual([d.train.count, d.val.count, d.test.count], [1078, 359, 360])
        XCTAssertEqual(d.inputShape, [1, 8, 8])
        // Standardized with the training part's statistics: each non-constant pixel has mean 0, std 1 there.
        let m = try d.train.x.mean(axis: 0), s = try d.train.x.std(axis: 0)
        for j in 0..<64 {
            XCTAssertEqual(m.data[j], 0, accuracy: 1e-12)
            XCTAssertTrue(abs(s.data[j] - 1) < 1e-12 || s.data[j] == 0, "pixel \(j): std \(s.data[j])")
        }
    }

    func testEpochLogMatchesNumpy() throws {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "train_reference", withExtension: "json", subdirectory: "Fixtures"))
        let ref = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
        let data = try Self.data.get()
        for c in ref.cases {
            var rng = NumpyRandom(seed: c.seed)
            let act = try XCTUnwrap(ActivationKind(rawValue: c.act))
            let bp = ModelBlueprint.mlp(inputShape: data.inputShape, hidden: c.hidden, classes: 10, activation: act, initialization: "xavier")
            var model = try TrainedModel.build(bp, rng: &rng)
            let options = try TrainingOptions(epochs: c.epochs, learningRate: c.lr, reg: c.reg,
                                              update: try XCTUnwrap(UpdateKind(rawValue: c.update)), batch: c.batch)
            let report = try Trainer.train(&model, data: data, options: options, rng: &rng, monitor: .silent())
            XCTAssertEqual(report.epochs.count, c.epochs)
            for (got, want) in zip(report.epochs, c.epoch_lines) {
                XCTAssertEqual(got.cost, want.cost, accuracy: 1e-9, "\(c.update) epoch \(want.epoch)")
                XCTAssertEqual(got.train_acc, want.train_acc, "\(c.update) epoch \(want.epoch)")
                XCTAssertEqual(got.val_acc, want.val_acc, "\(c.update) epoch \(want.epoch)")
                XCTAssertEqual(got.line, want.line)
            }
            XCTAssertEqual(report.best_val_acc, c.best_val_acc)
            XCTAssertEqual(report.iterations_per_epoch, 1078 / c.batch)
            XCTAssertEqual(report.loss_history.count, c.epochs * (1078 / c.batch))
        }
    }

    /// The lecture's line, character for character: the regular expression is written from
    /// `Finished epoch 1 / 10: cost 2.186654, train: 0.308000, val 0.306000, lr 3.000000e-03`.
    func testEpochLineHasTheLecturesFormat() {
        let lecture = "Finished epoch 1 / 10: cost 2.186654, train: 0.308000, val 0.306000, lr 3.000000e-03"
        let r = EpochRecord(epoch: 1, epochs: 10, cost: 2.186654, train_acc: 0.308, val_acc: 0.306, lr: 3e-3)
        XCTAssertEqual(r.line, lecture)
        let pattern = #"^Finished epoch \d+ / \d+: cost (\d+\.\d{6}|inf|nan), train: \d\.\d{6}, val \d\.\d{6}, lr \d\.\d{6}e[-+]\d{2}$"#
        for rec in [r, EpochRecord(epoch: 5, epochs: 10, cost: .infinity, train_acc: 0.128, val_acc: 0.128, lr: 3e-3),
                    EpochRecord(epoch: 2, epochs: 200, cost: .nan, train_acc: 1, val_acc: 0, lr: 1e6)] {
            XCTAssertNotNil(rec.line.range(of: pattern, options: .regularExpression), rec.line)
        }
        XCTAssertEqual(EpochRecord(epoch: 5, epochs: 10, cost: .infinity, train_acc: 0.128, val_acc: 0.128, lr: 3e-3).line,
                       "Finished epoch 5 / 10: cost inf, train: 0.128000, val 0.128000, lr 3.000000e-03")
    }

    /// A whole small model (fc - bn - tanh - dropout-free - fc, and a conv - relu - pool - fc)
    /// with an L2 penalty: every analytic gradient against centred differences, h = 1e-5. The
    /// relative error |a - n| / (|a| + |n|) must stay under 1e-6 wherever |a - n| > 1e-8 (the truncation error is
    /// O(h^2) ~ 1e-10 relative; ReLU kinks are avoided by the random inputs almost surely).
    func testWholeModelGradientCheck() throws {
        var rng = NumpyRandom(seed: 3)
        for bp in [ModelBlueprint(inputShape: [5], classes: 3, layers: [.fc(units: 4), .batchNorm, .activation(.tanh), .fc(units: 3)], initialization: "xavier"),
                   ModelBlueprint(inputShape: [1, 4, 4], classes: 3, layers: [.conv(filters: 2, size: 3, stride: 1, pad: 1), .activation(.tanh), .pool(size: 2, stride: 2), .fc(units: 3)], initialization: "xavier")] {
            var net = try bp.build(rng: &rng)
            net.regularization = try Regularization(.l2, strength: 0.1)
            let n = 6
            let x = try Tensor.randn([n] + bp.inputShape, using: &rng)
            let y = (0..<n).map { $0 % 3 }
            var unused = NumpyRandom(seed: 0)
            _ = try net.lossAndGradients(x, y, rng: &unused)
            let analytic = net.parameters
            let h = 1e-5
            for p in analytic {
                var worst = 0.0
                for k in 0..<p.value.count {
                    func lossAt(_ delta: Double) throws -> Double {
                        var copy = net
                        var v = p.value
                        v[flat: k] += delta
                        var ps = copy.parameters
                        try ps.setValue(v, for: p.name)
                        try copy.restore(ps)
                        var r = NumpyRandom(seed: 0)
                        return try copy.loss(x, y, mode: .train, rng: &r).loss
                    }
                    let numeric = (try lossAt(h) - lossAt(-h)) / (2 * h)
                    let a = p.gradient[flat: k]
                    // Below 1e-8 in absolute terms the difference is the numeric estimate's rounding
                    // (eps * L / h ~ 1e-11): the bias before batch norm has gradient exactly 0.
                    if abs(a - numeric) > 1e-8 { worst = max(worst, abs(a - numeric) / (abs(a) + abs(numeric))) }
                }
                XCTAssertLessThan(worst, 1e-6, "\(p.name)")
            }
        }
    }

    func testInterruptedRunKeepsTheModelAndSaysSo() throws {
        let data = try Self.data.get()
        var rng = NumpyRandom(seed: 0)
        var model = try TrainedModel.build(.mlp(inputShape: [64], hidden: [20], classes: 10, activation: .relu, initialization: "xavier"), rng: &rng)
        let before = model.network.parameters
        let flag = InterruptFlag(); flag.raise()
        let r = try Trainer.train(&model, data: data, options: try TrainingOptions(epochs: 3, learningRate: 0.1), rng: &rng, monitor: .silent(flag))
        XCTAssertEqual(r.run, RunState(completed: 0, planned: 3, interrupted: true))
        XCTAssertEqual(r.stop, .interrupted)
        XCTAssertTrue(r.epochs.isEmpty && r.loss_history.isEmpty)
        XCTAssertNil(r.best_val_acc)
        XCTAssertEqual(model.network.parameters, before, "no batch ran: the weights are as they were")
    }

    /// The 3x rule: at a learning rate far too high the cost passes 3x the first batch's within a
    /// few iterations, and the run stops there.
    func testThreeTimesRuleStopsAnExplodingRun() throws {
        let data = try Self.data.get()
        var rng = NumpyRandom(seed: 0)
        var model = try TrainedModel.build(.mlp(inputShape: [64], hidden: [50], classes: 10, activation: .relu, initialization: "xavier"), rng: &rng)
        let r = try Trainer.train(&model, data: data, options: try TrainingOptions(epochs: 5, learningRate: 100, stopAt3x: true), rng: &rng, monitor: .silent())
        XCTAssertEqual(r.stop, .exploded)
        let at = try XCTUnwrap(r.exploded_at)
        XCTAssertEqual(r.loss_history.count, at)
        let first = try XCTUnwrap(r.initial_cost)
        XCTAssertFalse(r.loss_history[at - 1] <= 3 * first)
        XCTAssertTrue(r.loss_history.dropLast().allSatisfy { $0 <= 3 * first })
    }
}

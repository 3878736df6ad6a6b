import XCTest
import NNLabCore
@testable import NNLabExperiments

/// Independent checks of the ensemble, transfer and mining experiments: hand-computed averages,
/// the frozen network's features recomputed from its weights, over-sampling frequencies against
/// their formula, and the limiting cases of the running average (beta = 0, k = 1).
final class EnsembleTransferMiningTests: XCTestCase {
    static let digits = Result { try Dataset.digits() }

    func digitsModel(hidden: Int = 30) throws -> (Dataset, ModelBlueprint) {
        let data = try Self.digits.get()
        return (data, ModelBlueprint.mlp(inputShape: data.inputShape, hidden: [hidden], classes: 10, activation: .relu, initialization: "xavier"))
    }

    // MARK: probabilities

    func testSoftmaxAndAverageAgainstHandValues() throws {
        // softmax(0, ln 2, ln 3) = (1, 2, 3) / 6; adding a constant changes nothing.
        let l2: Double = log(2), l3: Double = log(3)
        let s = try Tensor(shape: [2, 3], data: [0, l2, l3, 100, 100 + l2, 100 + l3])
        let p = Probabilities.softmaxRows(s)
        let sixths: [Double] = [1, 2, 3, 1, 2, 3].map { $0 / 6 }
        for (a, b) in zip(p, sixths) { XCTAssertEqual(a, b, accuracy: 1e-15) }
        // Two members, two examples of three classes. Member 1 says (0.6, 0.3, 0.1) and (0.2, 0.5, 0.3);
        // member 2 says (0.1, 0.45, 0.45) and (0.1, 0.2, 0.7). Means: (0.35, 0.375, 0.275), (0.15, 0.35, 0.5).
        let m1: [Double] = [0.6, 0.3, 0.1, 0.2, 0.5, 0.3], m2: [Double] = [0.1, 0.45, 0.45, 0.1, 0.2, 0.7]
        let expected: [Double] = [0.35, 0.375, 0.275, 0.15, 0.35, 0.5]
        let avg = Probabilities.average([m1, m2])
        for (a, b) in zip(avg, expected) { XCTAssertEqual(a, b, accuracy: 1e-15) }
        // Labels (1, 2): member 1 predicts (0, 1), none right; member 2 predicts (1, 2) (the tie
        // 0.45, 0.45 goes to the first, class 1); the mean predicts (1, 2), both right.
        XCTAssertEqual(Probabilities.predictions(m1, classes: 3), [0, 1])
        XCTAssertEqual(Probabilities.predictions(m2, classes: 3), [1, 2])
        XCTAssertEqual(Probabilities.accuracy(avg, classes: 3, [1, 2]), 1)
        XCTAssertEqual(Probabilities.accuracy(m1, classes: 3, [1, 2]), 0)
        // -ln p(label): -ln 0.375 and -ln 0.5.
        let l = Probabilities.losses(avg, classes: 3, [1, 2])
        XCTAssertEqual(l[0], 0.98082925301172, accuracy: 1e-12)
        XCTAssertEqual(l[1], 0.69314718055995, accuracy: 1e-12)
        XCTAssertEqual(Probabilities.average([m1, [0.5]]), [], "members of different sizes are refused")
    }

    // MARK: ensembles

    /// The ensemble's accuracy is that of the mean of its members' probabilities, recomputed here
    /// by training each member again from RandomState([seed, i]) and averaging by hand.
    func testIndependentEnsembleIsTheMeanOfItsMembers() throws {
        let (data, blueprint) = try digitsModel()
        let options = try TrainingOptions(epochs: 3, learningRate: 0.1, batch: 100)
        let r = try EnsembleExperiment.independent(data: data, blueprint: blueprint, n: 3, options: options, seed: 7, monitor: .silent())
        XCTAssertEqual(r.members.count, 3)
        XCTAssertFalse(r.run.interrupted)
        var sum = [Double](repeating: 0, count: data.val.count * 10)
        var accs: [Double] = []
        for i in 0..<3 {
            var rng = NumpyRandom(seed: 7, stream: UInt32(i))
            var m = try TrainedModel.build(blueprint, rng: &rng)
            _ = try Trainer.train(&m, data: data, options: options, rng: &rng, monitor: .silent())
            let scores = try m.network.scores(try m.batchShaped(data.val.x))
            for row in 0..<data.val.count {
                let z = (0..<10).map { scores.data[row * 10 + $0] }
                let e = z.map { exp($0 - z.max()!) }
                for c in 0..<10 { sum[row * 10 + c] += e[c] / e.reduce(0, +) / 3 }
            }
            accs.append(try m.accuracy(data.val.x, data.val.y).accuracy)
        }
        var correct = 0
        for row in 0..<data.val.count {
            let p = Array(sum[(row * 10)..<(row * 10 + 10)])
            if p.firstIndex(of: p.max()!) == data.val.y[row] { correct += 1 }
        }
        XCTAssertEqual(r.ensemble_val_acc, Double(correct) / Double(data.val.count))
        XCTAssertEqual(r.members.map(\.val_acc), accs)
        XCTAssertEqual(r.mean_val_acc!, accs.reduce(0, +) / 3, accuracy: 1e-15)
        XCTAssertEqual(r.best_val_acc, accs.max())
        XCTAssertEqual(r.gain_over_mean!, r.ensemble_val_acc! - r.mean_val_acc!, accuracy: 1e-15)
    }

    /// beta = 0 makes the running average the current parameters, and k = 1 makes the checkpoint
    /// ensemble the last snapshot: both must then equal the final parameters exactly.
    func testRunningAverageLimits() throws {
        let (data, blueprint) = try digitsModel()
        let options = try TrainingOptions(epochs: 3, learningRate: 0.1, batch: 100)
        var rng = NumpyRandom(seed: 0)
        let r = try SingleRunAverages.run(data: data, blueprint: blueprint, options: options, snapshots: 1, beta: 0, rng: &rng, monitor: .silent())
        XCTAssertEqual(r.snapshot_epochs, [3])
        XCTAssertEqual(r.polyak_val_acc, r.final_val_acc)
        XCTAssertEqual(r.polyak_test_acc, r.final_test_acc)
        XCTAssertEqual(r.checkpoint_val_acc, r.final_val_acc)
        XCTAssertEqual(r.checkpoint_gain, 0)
        // 1078 training examples in batches of 100: 10 iterations per epoch.
        XCTAssertEqual(r.iterations, 30)
        // The loop is train's: from the same seed it draws the same batches and makes the same
        // updates, so its epoch log (last batch's cost, validation accuracy) is train's.
        var rng2 = NumpyRandom(seed: 0)
        var m = try TrainedModel.build(blueprint, rng: &rng2)
        let t = try Trainer.train(&m, data: data, options: options, rng: &rng2, monitor: .silent())
        XCTAssertEqual(r.epochs.map(\.cost), t.epochs.map(\.cost), "the same batches and updates as train")
        XCTAssertEqual(r.epochs.map(\.val_acc), t.val_acc_history)
    }

    // MARK: transfer

    func testSplitAndFewShotSelection() throws {
        let data = try Self.digits.get()
        let (source, target) = try TransferExperiment.split(data)
        XCTAssertEqual(source.classNames, ["0", "1", "2", "3", "4"])
        XCTAssertEqual(target.classNames, ["5", "6", "7", "8", "9"])
        XCTAssertEqual(source.train.count + target.train.count, data.train.count)
        XCTAssertEqual(target.train.y.filter { $0 == 0 }.count, data.train.y.filter { $0 == 5 }.count)
        let few = try TransferExperiment.fewShot(target.train, classes: 5, shots: 3)
        XCTAssertEqual(few.count, 15)
        // The first three 5s of the training part, in order, are the first three rows labelled 0.
        let fives = data.train.y.indices.filter { data.train.y[$0] == 5 }.prefix(3)
        let mine = few.y.indices.filter { few.y[$0] == 0 }
        for (a, b) in zip(fives, mine) { XCTAssertEqual(try data.train.x.row(a).data, try few.x.row(b).data) }
        XCTAssertThrowsError(try TransferExperiment.split(try Dataset(name: "two", inputShape: [1], classes: 2,
            train: try .init(x: try Tensor(shape: [1, 1], data: [0]), y: [0]), val: try .init(x: try Tensor(shape: [1, 1], data: [0]), y: [1]),
            test: try .init(x: try Tensor(shape: [1, 1], data: [0]), y: [0]))))
    }

    /// The frozen features are relu(x W1 + b1) of the pretrained first layer, recomputed here.
    func testFeaturesAreTheHiddenActivations() throws {
        let (data, blueprint) = try digitsModel(hidden: 7)
        var rng = NumpyRandom(seed: 3)
        let net = try blueprint.build(rng: &rng)
        let x = try data.val.x.rows(0..<4)
        let f = try TransferExperiment.features(net, x, blueprint: blueprint)
        XCTAssertEqual(f.shape, [4, 7])
        guard let w = net.parameters["fc1.w"]?.value, let b = net.parameters["fc1.b"]?.value else { return XCTFail("no fc1") }
        for i in 0..<4 {
            for j in 0..<7 {
                var z = b.data[j]
                for k in 0..<64 { z += x.data[i * 64 + k] * w.data[k * 7 + j] }
                XCTAssertEqual(f.data[i * 7 + j], max(0, z), accuracy: 1e-12)
            }
        }
    }

    func testTransferRunKeepsTheFrozenLayersAndReportsEveryShotCount() throws {
        let (data, blueprint) = try digitsModel()
        let options = try TrainingOptions(epochs: 5, learningRate: 0.1, batch: 100)
        var rng = NumpyRandom(seed: 0)
        let r = try TransferExperiment.run(data: data, blueprint: blueprint, shots: [1, 5], pretrain: options, options: options,
                                           finetuneScale: 0.5, rng: &rng, monitor: .silent())
        XCTAssertEqual(r.rows.map(\.shots), [1, 5])
        XCTAssertEqual(r.rows.map(\.examples), [5, 25])
        XCTAssertTrue(r.frozen_unchanged)
        XCTAssertEqual(r.feature_count, 30)
        XCTAssertEqual(r.finetune_lr, 0.05, accuracy: 1e-15)
        XCTAssertGreaterThan(r.pretrain_test_acc ?? 0, 0.8)
        XCTAssertThrowsError(try TransferExperiment.retarget(ModelBlueprint(inputShape: [64], classes: 10, layers: [.fc(units: 10)], initialization: "xavier"), classes: 5))
    }

    func testCrossingsAndLeaders() {
        // features ahead at 1, scratch level at 5 (no strict lead: skipped), scratch ahead at 10.
        let rows = [TransferRow(shots: 1, examples: 5, features_acc: 0.7, finetune_acc: 0.5, scratch_acc: 0.6),
                    TransferRow(shots: 5, examples: 25, features_acc: 0.8, finetune_acc: 0.6, scratch_acc: 0.8),
                    TransferRow(shots: 10, examples: 50, features_acc: 0.85, finetune_acc: 0.9, scratch_acc: 0.9)]
        XCTAssertEqual(TransferExperiment.leader(rows[0]), .features)
        XCTAssertNil(TransferExperiment.leader(rows[1]), "a tie for first")
        XCTAssertNil(TransferExperiment.leader(rows[2]))
        let c = TransferExperiment.crossings(rows)
        XCTAssertEqual(c, [TransferCrossing(first: .features, second: .finetune, from: 5, to: 10, leader_before: .features),
                           TransferCrossing(first: .features, second: .scratch, from: 1, to: 10, leader_before: .features)])
    }

    // MARK: mining

    func testHardestRanksByLossWithTiesInRowOrder() {
        XCTAssertEqual(MiningExperiment.hardest([0.1, 3, 0.5, 3, 2], top: 3), [1, 3, 4])
    }

    /// Each hard row appears 1 + extra times; train's uniform draws then pick the hard set with
    /// probability top (1 + extra) / (N + top extra), checked on 200,000 draws made as train makes them.
    func testOversamplingFrequencies() throws {
        let data = try Self.digits.get()
        let hard = [5, 17, 400]
        let part = try MiningExperiment.oversample(data.train, hard: hard, extra: 4)
        let n = data.train.count
        XCTAssertEqual(part.count, n + 12)
        // Copies of each hard row, found by content.
        for h in hard {
            let row = try data.train.x.row(h).data
            let copies = try (0..<part.count).filter { try part.x.row($0).data == row && part.y[$0] == data.train.y[h] }.count
            XCTAssertEqual(copies, 5, "row \(h)")
        }
        let hardRows = Set([5, 17, 400] + (n..<(n + 12)))
        var rng = NumpyRandom(seed: 1)
        let draws = 200_000
        var hits = 0
        for _ in 0..<draws where hardRows.contains(Int(rng.interval(UInt64(part.count - 1)))) { hits += 1 }
        let p = 15.0 / Double(n + 12)
        let sigma = (p * (1 - p) / Double(draws)).squareRoot()
        XCTAssertEqual(Double(hits) / Double(draws), p, accuracy: 4 * sigma)
    }

    func testMiningComparesTwoRunsFromOneStart() throws {
        let (data, blueprint) = try digitsModel()
        let options = try TrainingOptions(epochs: 3, learningRate: 0.1, batch: 100)
        var rng = NumpyRandom(seed: 0)
        let r = try MiningExperiment.run(data: data, blueprint: blueprint, options: options, top: 10, extra: 4, rng: &rng, monitor: .silent())
        XCTAssertEqual(r.hard.count, 10)
        XCTAssertEqual(r.oversampled_examples, data.train.count + 40)
        XCTAssertEqual(r.draw_probability_after, 5.0 / Double(data.train.count + 40), accuracy: 1e-15)
        let losses = r.hard.map(\.loss_before)
        XCTAssertEqual(losses, losses.sorted(by: >), "hardest first")
        XCTAssertGreaterThan(r.hard_loss_before ?? 0, r.rest_loss_before ?? .infinity, "the hard examples are harder than the rest")
        // Seeing the hard examples five times as often lowers their loss.
        XCTAssertLessThan(r.hard_loss_after ?? .infinity, r.hard_loss_before ?? 0)
        XCTAssertEqual(r.run, .complete(2))
    }

    func testInterruptedRunsReportNothingTheyDidNotDo() throws {
        let (data, blueprint) = try digitsModel()
        let options = try TrainingOptions(epochs: 2, learningRate: 0.1)
        let flag = InterruptFlag()
        flag.raise()
        let e = try EnsembleExperiment.independent(data: data, blueprint: blueprint, n: 3, options: options, seed: 0, monitor: .silent(flag))
        XCTAssertEqual(e.run, RunState(completed: 0, planned: 3, interrupted: true))
        XCTAssertNil(e.ensemble_val_acc)
        var rng = NumpyRandom(seed: 0)
        let s = try SingleRunAverages.run(data: data, blueprint: blueprint, options: options, snapshots: 2, beta: 0.9, rng: &rng, monitor: .silent(flag))
        XCTAssertNil(s.final_val_acc); XCTAssertTrue(s.run.interrupted)
        let m = try MiningExperiment.run(data: data, blueprint: blueprint, options: options, top: 5, extra: 1, rng: &rng, monitor: .silent(flag))
        XCTAssertTrue(m.hard.isEmpty); XCTAssertNil(m.val_acc_after)
        let t = try TransferExperiment.run(data: data, blueprint: blueprint, shots: [1], pretrain: options, options: options,
                                           finetuneScale: 0.5, rng: &rng, monitor: .silent(flag))
        XCTAssertTrue(t.rows.isEmpty); XCTAssertTrue(t.run.interrupted); XCTAssertNil(t.best_at_fewest)
    }
}

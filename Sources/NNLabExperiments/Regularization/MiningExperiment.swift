import NNLabCore

public enum MiningExperiment {
    /// The training part with the rows `hard` repeated so each appears 1 + `extra` times: the
    /// original rows in order, then `extra` copies of the hard rows (in the order given).
    public static func oversample(_ part: Dataset.Part, hard: [Int], extra: Int) throws -> Dataset.Part {
        var idx = Array(part.y.indices)
        for _ in 0..<max(extra, 0) { idx += hard }
        return try Dataset.Part(x: try part.x.rows(at: idx), y: idx.map { part.y[$0] })
    }

    /// The `top` rows with the highest loss, highest first (ties: lower row first).
    public static func hardest(_ losses: [Double], top: Int) -> [Int] {
        Array(losses.indices.sorted { losses[$0] != losses[$1] ? losses[$0] > losses[$1] : $0 < $1 }.prefix(top))
    }

    /// Runs the baseline and the mined run (see `MiningReport`), both from one draw of the
    /// initial weights from `rng` and the generator state after it. Safe points: every batch.
    /// An interrupted baseline gives no ranking (nothing is reported but the run state); an
    /// interrupted second run keeps the ranking and reports no comparison.
    public static func run(data: Dataset, blueprint: ModelBlueprint, options: TrainingOptions, top: Int, extra: Int,
                           rng: inout NumpyRandom, monitor: Monitor) throws -> MiningReport {
        let n = data.train.count, c = data.classes
        let start = try TrainedModel.build(blueprint, rng: &rng)
        let rngStart = rng
        var report = MiningReport(options: options, top: top, extra: extra, training_examples: n,
                                  oversampled_examples: n + top * extra,
                                  draw_probability_before: 1 / Double(n),
                                  draw_probability_after: Double(1 + extra) / Double(n + top * extra),
                                  hard: [], hard_wrong_before: 0,
                                  val_examples: data.val.count, run: RunState(completed: 0, planned: 2, interrupted: false))
        var base = start
        var r1 = rngStart
        let b = try Trainer.train(&base, data: data, options: options, rng: &r1, monitor: monitor.part("baseline  "))
        guard !b.run.interrupted else { report.run.interrupted = true; return report }
        report.run.completed = 1
        let pBefore = try base.probabilities(data.train.x)
        let lossBefore = Probabilities.losses(pBefore, classes: c, data.train.y)
        let predBefore = Probabilities.predictions(pBefore, classes: c)
        let hard = hardest(lossBefore, top: top)
        let hardSet = Set(hard)
        func mean(_ v: [Double], _ rows: [Int]) -> Double? { rows.isEmpty ? nil : rows.reduce(0) { $0 + v[$1] } / Double(rows.count) }
        let rest = data.train.y.indices.filter { !hardSet.contains($0) }
        report.hard = hard.map { HardExample(index: $0, label: data.train.y[$0], predicted_before: predBefore[$0], loss_before: lossBefore[$0]) }
        report.hard_wrong_before = hard.filter { predBefore[$0] != data.train.y[$0] }.count
        report.hard_loss_before = mean(lossBefore, hard)
        report.rest_loss_before = mean(lossBefore, rest)
        report.val_acc_before = try base.accuracy(data.val.x, data.val.y).accuracy

        var mined = start
        var r2 = rngStart
        let mData = try data.withTrain(try oversample(data.train, hard: hard, extra: extra), name: "\(data.name) (hard x\(1 + extra))")
        let m = try Trainer.train(&mined, data: mData, options: options, rng: &r2, monitor: monitor.part("mined  "))
        rng = r2
        guard !m.run.interrupted else { report.run.interrupted = true; return report }
        report.run.completed = 2
        let pAfter = try mined.probabilities(data.train.x)
        let lossAfter = Probabilities.losses(pAfter, classes: c, data.train.y)
        let predAfter = Probabilities.predictions(pAfter, classes: c)
        for k in report.hard.indices {
            let i = report.hard[k].index
            report.hard[k].loss_after = lossAfter[i]; report.hard[k].predicted_after = predAfter[i]
        }
        report.hard_wrong_after = hard.filter { predAfter[$0] != data.train.y[$0] }.count
        report.hard_loss_after = mean(lossAfter, hard)
        report.rest_loss_after = mean(lossAfter, rest)
        let after = try mined.accuracy(data.val.x, data.val.y).accuracy
        report.val_acc_after = after
        report.val_change = report.val_acc_before.map { after - $0 }
        return report
    }
}

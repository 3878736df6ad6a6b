import NNLabCore

public enum SingleRunAverages {
    /// One run from a model drawn from `rng`, the loop of `Trainer` written out so every
    /// iteration's parameters reach the running average: each iteration draws its batch as
    /// np.random.choice(N, batch) from `rng`, a train-mode forward (dropout masks from `rng`),
    /// the loss with the L2 penalty 0.5 reg sum(W^2), the backward, one step of the update rule at
    /// the schedule's rate for the epoch. Unlike `train` it keeps the final parameters (no
    /// best-epoch restore), since the point is what the run's last parameters give.
    ///
    /// Safe points: every batch. An interrupted run reports the epochs it completed: the final,
    /// checkpoint and Polyak figures are those of the last completed epoch (the snapshots taken
    /// so far), or none when no epoch completed.
    public static func run(data: Dataset, blueprint: ModelBlueprint, options: TrainingOptions, snapshots k: Int,
                           beta: Double, rng: inout NumpyRandom, monitor: Monitor) throws -> SingleRunAveragesReport {
        var model = try TrainedModel.build(blueprint, rng: &rng)
        model.network.regularization = options.reg > 0 ? try Regularization(.l2, strength: options.reg) : nil
        let train = data.train, n = train.count, d = data.featureCount
        guard n > 0 else { throw NumericsError.invalidShape("the training part of \(data.name) is empty") }
        let perEpoch = options.iterationsPerEpoch(trainingExamples: n), bs = options.batchSize(trainingExamples: n)
        var rule = options.update.makeRule(learningRate: options.schedule.rate(epoch: 0), mu: options.mu)
        var average = model.network.parameters.map { $0.value.data }
        var batchX = [Double](repeating: 0, count: bs * d), batchY = [Int](repeating: 0, count: bs)
        let batchShape = blueprint.inputShape.count == 1 ? [bs, d] : [bs] + blueprint.inputShape
        var records: [AveragingEpochRecord] = []
        var snapVal: [[Double]] = [], snapTest: [[Double]] = [], snapEpochs: [Int] = []
        var last: (final: TrainedModel, polyak: TrainedModel)? = nil
        var interrupted = false, iterations = 0
        epochLoop: for epoch in 1...options.epochs {
            rule.learningRate = options.schedule.rate(epoch: epoch - 1)
            var cost = Double.nan
            for b in 0..<perEpoch {
                if monitor.shouldStop { interrupted = true; break epochLoop }
                for k in 0..<bs {
                    let i = options.sampleBatches ? Int(rng.interval(UInt64(n - 1))) : k
                    batchY[k] = train.y[i]
                    for j in 0..<d { batchX[k * d + j] = train.x.data[i * d + j] }
                }
                let e = try model.network.lossAndGradients(try Tensor(shape: batchShape, data: batchX), batchY, rng: &rng)
                try model.network.update(using: &rule)
                cost = e.loss
                iterations += 1
                for (p, param) in model.network.parameters.enumerated() {
                    let v = param.value.data
                    for q in v.indices { average[p][q] = beta * average[p][q] + (1 - beta) * v[q] }
                }
                monitor.progress(b + 1, of: perEpoch, "epoch \(epoch) / \(options.epochs)  loss \(CFormat.f(e.loss))")
            }
            var polyak = model
            var ck = model.network.checkpoint()
            for (p, param) in ck.enumerated() { try ck.setValue(try Tensor(shape: param.value.shape, data: average[p]), for: param.name) }
            try polyak.network.restore(ck)
            let pv = try model.probabilities(data.val.x)
            let snapshot = epoch > options.epochs - k
            if snapshot {
                snapVal.append(pv); snapTest.append(try model.probabilities(data.test.x)); snapEpochs.append(epoch)
            }
            let record = AveragingEpochRecord(epoch: epoch, epochs: options.epochs, cost: cost,
                                              val_acc: Probabilities.accuracy(pv, classes: data.classes, data.val.y),
                                              polyak_val_acc: try polyak.accuracy(data.val.x, data.val.y).accuracy, snapshot: snapshot)
            records.append(record)
            monitor.emit(record)
            last = (model, polyak)
        }
        var report = SingleRunAveragesReport(options: options, snapshots_requested: k, snapshot_epochs: snapEpochs, beta: beta,
                                             iterations: iterations, epochs: records,
                                             val_examples: data.val.count, test_examples: data.test.count,
                                             run: RunState(completed: records.count, planned: options.epochs, interrupted: interrupted))
        guard var (final, polyak) = last else { return report }
        let c = data.classes
        report.final_val_acc = try final.accuracy(data.val.x, data.val.y).accuracy
        report.final_test_acc = try final.accuracy(data.test.x, data.test.y).accuracy
        report.polyak_val_acc = try polyak.accuracy(data.val.x, data.val.y).accuracy
        report.polyak_test_acc = try polyak.accuracy(data.test.x, data.test.y).accuracy
        if !snapVal.isEmpty {
            report.checkpoint_val_acc = Probabilities.accuracy(Probabilities.average(snapVal), classes: c, data.val.y)
            report.checkpoint_test_acc = Probabilities.accuracy(Probabilities.average(snapTest), classes: c, data.test.y)
        }
        if let f = report.final_val_acc, let ft = report.final_test_acc {
            report.checkpoint_gain = report.checkpoint_val_acc.map { $0 - f }
            report.checkpoint_test_gain = report.checkpoint_test_acc.map { $0 - ft }
            report.polyak_gain = report.polyak_val_acc.map { $0 - f }
            report.polyak_test_gain = report.polyak_test_acc.map { $0 - ft }
        }
        return report
    }
}

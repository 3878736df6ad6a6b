import Foundation
import NNLabCore

/// The training loop of the course's Solver, on the session's data, model and generator.
///
/// For each of `epochs * iterationsPerEpoch` iterations (iterationsPerEpoch = max(N / batch, 1)):
/// draw the batch as `np.random.choice(N, batch)` (with replacement: `batch` calls of
/// randint(0, N), bit-identical to numpy's legacy generator), forward in train mode (dropout
/// masks drawn from the same generator, after the indices), loss = softmax loss + 0.5 reg
/// sum(W^2), backward, one step of the rule on every parameter. At the end of each epoch: train
/// accuracy on the first min(1000, N) training examples (the Solver subsamples 1000; here the same
/// rows every epoch, so epochs compare and no numbers are drawn), validation accuracy on the whole
/// validation part, the best-so-far parameters kept (strictly better val accuracy), the learning
/// rate set from the schedule for the next epoch. At the end the best epoch's model is restored.
///
/// Options beyond the Solver: `penalty` (L1 instead of L2), `augment` (each batch example
/// transformed on the fly, drawn after the indices), `clip` (the global gradient norm
/// sqrt(sum g^2) is recorded every iteration before clipping; see `GradientClip`), `patience`
/// (early stopping: after an epoch whose number exceeds the best epoch's by `patience`, the run
/// stops; the best epoch's model is restored as always).
///
/// Safe points: after every batch. Ctrl-C stops there; the epoch in progress is not reported
/// (its accuracies were never measured), the best completed epoch's model is kept, and the
/// report says interrupted. The 3x rule (when on) stops after the batch whose cost exceeded
/// 3 x the first batch's cost or was nan/inf.
public enum Trainer {
    public static func train(_ model: inout TrainedModel, data: Dataset, options: TrainingOptions,
                             rng: inout NumpyRandom, monitor: Monitor) throws -> TrainReport {
        var train = data.train
        if let k = options.examples, k < train.count {
            train = try Dataset.Part(x: try train.x.rows(0..<k), y: Array(train.y[0..<k]))
        }
        let n = train.count
        guard n > 0 else { throw NumericsError.invalidShape("the training part of \(data.name) is empty") }
        guard data.featureCount == model.blueprint.inputShape.reduce(1, *), data.classes == model.blueprint.classes else {
            throw NumericsError.shapeMismatch(operation: "the model (built for \(Tensor.describe(model.blueprint.inputShape)) inputs and \(model.blueprint.classes) classes) against \(data.name)",
                                              lhs: model.blueprint.inputShape, rhs: data.inputShape)
        }
        model.network.regularization = options.reg > 0 ? try Regularization(options.penalty, strength: options.reg) : nil
        let weightsBefore = WeightSummary(model.network)
        if let scale = options.pixelScale, scale.mean.count != data.featureCount || scale.std.count != data.featureCount {
            throw NumericsError.invalidShape("the pixel scale has \(scale.mean.count) features, the data \(data.featureCount)")
        }
        let perEpoch = options.iterationsPerEpoch(trainingExamples: n)
        let total = options.epochs * perEpoch
        let d = data.featureCount
        let subsample = min(1000, n)
        let trainCheck = subsample == n ? train.x : try train.x.rows(0..<subsample)
        let trainCheckY = Array(train.y[0..<subsample])

        var rule = ClippedUpdate(options.update.makeRule(learningRate: options.schedule.rate(epoch: 0), mu: options.mu), clip: options.clip)
        var penalties: [Double] = [], norms: [Double] = [], clipped = 0, augmented = 0, stoppedAt: Int? = nil
        var lastEval: Sequential.Evaluation? = nil
        var trainLosses: [Double] = [], valLosses: [Double] = []
        var epochs: [EpochRecord] = [], losses: [Double] = [], trainAcc: [Double] = [], valAcc: [Double] = []
        losses.reserveCapacity(total)
        var best: (acc: Double, epoch: Int, network: Sequential)? = nil
        var stop = TrainReport.Stop.finished
        var explodedAt: Int? = nil
        let bs = options.batchSize(trainingExamples: n)
        var batchX = [Double](repeating: 0, count: bs * d)
        var batchY = [Int](repeating: 0, count: bs)
        let batchShape = model.blueprint.inputShape.count == 1 ? [bs, d] : [bs] + model.blueprint.inputShape
        var busy = 0.0
        let started = DispatchTime.now().uptimeNanoseconds
        var it = 0
        let epochsBefore = model.epochsTrained
        epochLoop: for epoch in 1...options.epochs {
            let lr = options.schedule.rate(epoch: epoch - 1)
            rule.learningRate = lr
            var last = Double.nan
            for b in 0..<perEpoch {
                if monitor.shouldStop { stop = .interrupted; break epochLoop }
                let t0 = DispatchTime.now().uptimeNanoseconds
                // np.random.choice(N, batch): batch draws of randint(0, N).
                train.x.data.withUnsafeBufferPointer { src in
                    batchX.withUnsafeMutableBufferPointer { dst in
                        guard let s = src.baseAddress, let t = dst.baseAddress else { return }
                        for k in 0..<bs {
                            let i = options.sampleBatches ? Int(rng.interval(UInt64(n - 1))) : k
                            batchY[k] = train.y[i]
                            (t + k * d).update(from: s + i * d, count: d)
                        }
                    }
                }
                if !options.augment.isEmpty {
                    // On the fly: each example mapped to pixels, transformed in turn, mapped back.
                    for k in 0..<bs {
                        var row = Array(batchX[(k * d)..<((k + 1) * d)])
                        if let s = options.pixelScale { for j in 0..<d { row[j] = row[j] * s.std[j] + s.mean[j] } }
                        for a in options.augment { row = a.apply(row, shape: model.blueprint.inputShape, rng: &rng) }
                        if let s = options.pixelScale { for j in 0..<d { row[j] = (row[j] - s.mean[j]) / s.std[j] } }
                        for j in 0..<d { batchX[k * d + j] = row[j] }
                    }
                    augmented += bs
                }
                let xb = try Tensor(shape: batchShape, data: batchX)
                let e = try model.network.lossAndGradients(xb, batchY, rng: &rng)
                // The global gradient norm before clipping, and the clip's factor for this step.
                let grads = model.network.gradients
                let norm = GradientClip.globalNorm(grads)
                norms.append(norm)
                if let c = options.clip {
                    let largest = grads.reduce(0.0) { m, g in g.data.reduce(m) { Swift.max($0, Swift.abs($1)) } }
                    if c.changes(norm: norm, largest: largest) { clipped += 1 }
                    rule.scale = c.scale(norm: norm)
                }
                try model.network.update(using: &rule)
                penalties.append(e.penalty)
                lastEval = e
                busy += Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
                it += 1
                last = e.loss
                losses.append(e.loss)
                if options.logIterations { monitor.emit(IterationRecord(iteration: it, iterations: total, loss: e.loss)) }
                monitor.progress(b + 1, of: perEpoch, "epoch \(epoch) / \(options.epochs)  loss \(CFormat.f(e.loss))  \(Int((Double(it * bs) / max(busy, 1e-9)).rounded())) examples/s")
                if options.stopAt3x, let first = losses.first, !(e.loss <= 3 * first) {
                    stop = .exploded; explodedAt = it; break epochLoop
                }
            }
            let (tr, trLoss) = try measure(&model, trainCheck, trainCheckY)
            let (va, vaLoss) = try measure(&model, data.val.x, data.val.y)
            trainLosses.append(trLoss); valLosses.append(vaLoss)
            let record = EpochRecord(epoch: epoch, epochs: options.epochs, cost: last, train_acc: tr, val_acc: va, lr: lr)
            epochs.append(record); trainAcc.append(tr); valAcc.append(va)
            monitor.emit(record)
            if va > (best?.acc ?? -1) { best = (va, epoch, model.network) }
            if let p = options.patience, let b = best, epoch - b.epoch >= p, epoch < options.epochs {
                stop = .patience; stoppedAt = epoch; break epochLoop
            }
        }
        // An exploded run stops in the middle of an epoch: that epoch was evaluated above only when
        // the loop ran to its end, so nothing here reports a partial epoch.
        if let best { model.network = best.network }
        model.epochsTrained += epochs.count
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        var report = TrainReport(
            options: options, training_examples: n, iterations_per_epoch: perEpoch, epochs: epochs,
            loss_history: losses, train_acc_history: trainAcc, val_acc_history: valAcc,
            train_acc_examples: subsample, initial_cost: losses.first, final_cost: losses.last,
            best_val_acc: best?.acc, best_epoch: best?.epoch, stop: stop, exploded_at: explodedAt,
            epochs_before: epochsBefore,
            examples_per_second: busy > 0 ? Double(it * bs) / busy : 0, seconds: seconds,
            run: RunState(completed: epochs.count, planned: options.epochs, interrupted: stop == .interrupted))
        report.penalty_history = penalties
        if !epochs.isEmpty {
            // The last completed epoch's batches (the iterations after it, if any, belong to an unfinished epoch).
            let end = epochs.count * perEpoch, last = losses[(end - perEpoch)..<end]
            report.last_epoch_mean_cost = last.reduce(0, +) / Double(perEpoch)
        }
        report.train_loss_history = trainLosses
        report.val_loss_history = valLosses
        if let b = best, b.epoch - 1 < trainLosses.count { report.loss_gap = valLosses[b.epoch - 1] - trainLosses[b.epoch - 1] }
        report.final_data_loss = lastEval?.dataLoss
        report.final_penalty = lastEval?.penalty
        report.grad_norm_history = norms
        report.clipped_iterations = clipped
        report.weights_before = weightsBefore
        report.weights_after = WeightSummary(model.network)
        if let b = best, let r = epochs.first(where: { $0.epoch == b.epoch }) { report.gap = r.train_acc - r.val_acc }
        let tail = epochs.suffix(5)
        if !tail.isEmpty { report.final_gap = tail.reduce(0) { $0 + $1.train_acc - $1.val_acc } / Double(tail.count) }
        report.stopped_at = stoppedAt
        report.augmented_examples = augmented
        report.dropout_keep = model.blueprint.layers.compactMap { l -> Double? in if case let .dropout(p) = l { return p } else { return nil } }.min()
        report.batch_norm = model.blueprint.layers.contains(.batchNorm)
        model.lastRun = report
        return report
    }

    /// Accuracy and mean data loss (softmax, no penalty) of x (N, D) in test mode, 1000 rows at a time.
    static func measure(_ model: inout TrainedModel, _ x: Tensor, _ y: [Int]) throws -> (accuracy: Double, loss: Double) {
        let n = y.count
        guard n > 0 else { return (.nan, .nan) }
        var correct = 0, lossSum = 0.0, start = 0
        var unused = NumpyRandom(seed: 0)  // test mode draws nothing
        while start < n {
            let end = min(start + 1000, n)
            let chunk = start == 0 && end == n ? x : try x.rows(start..<end)
            let labels = Array(y[start..<end])
            let e = try model.network.loss(try model.batchShaped(chunk), labels, mode: .test, rng: &unused)
            lossSum += e.dataLoss * Double(end - start)
            correct += zip(try e.scores.argmaxRows(), labels).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
            start = end
        }
        return (Double(correct) / Double(n), lossSum / Double(n))
    }
}

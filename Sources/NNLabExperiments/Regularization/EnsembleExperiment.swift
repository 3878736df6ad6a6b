import NNLabCore

public enum EnsembleExperiment {
    public static let lectureGain = 0.02

    /// Trains `n` independent models: member i is built and trained with
    /// `NumpyRandom(seed: seed, stream: i)` (its initial weights and its batches), with `options`,
    /// by `Trainer` (so each keeps its best-validation epoch). Safe points: `Trainer`'s (every
    /// batch); a member stopped part way is left out, and the ensemble covers the members that
    /// finished.
    public static func independent(data: Dataset, blueprint: ModelBlueprint, n: Int, options: TrainingOptions,
                                   seed: UInt32, monitor: Monitor) throws -> EnsembleReport {
        var members: [EnsembleMemberRecord] = []
        var valProbs: [[Double]] = [], testProbs: [[Double]] = []
        var interrupted = false
        for i in 0..<n {
            if monitor.shouldStop { interrupted = true; break }
            var rng = NumpyRandom(seed: seed, stream: UInt32(i))
            var model = try TrainedModel.build(blueprint, rng: &rng)
            let r = try Trainer.train(&model, data: data, options: options, rng: &rng,
                                      monitor: monitor.part("model \(i + 1) / \(n)  "))
            if r.run.interrupted { interrupted = true; break }
            let pv = try model.probabilities(data.val.x), pt = try model.probabilities(data.test.x)
            let record = EnsembleMemberRecord(member: i + 1, members: n,
                                              val_acc: Probabilities.accuracy(pv, classes: data.classes, data.val.y),
                                              test_acc: Probabilities.accuracy(pt, classes: data.classes, data.test.y),
                                              best_epoch: r.best_epoch)
            members.append(record); valProbs.append(pv); testProbs.append(pt)
            monitor.emit(record)
        }
        var report = EnsembleReport(options: options, seed: seed, members: members, lecture_gain: lectureGain,
                                    val_examples: data.val.count, test_examples: data.test.count,
                                    run: RunState(completed: members.count, planned: n, interrupted: interrupted))
        guard !members.isEmpty else { return report }
        let ev = Probabilities.accuracy(Probabilities.average(valProbs), classes: data.classes, data.val.y)
        let et = Probabilities.accuracy(Probabilities.average(testProbs), classes: data.classes, data.test.y)
        let m = Double(members.count)
        let meanV = members.reduce(0) { $0 + $1.val_acc } / m, meanT = members.reduce(0) { $0 + $1.test_acc } / m
        var best = members[0]
        for r in members where r.val_acc > best.val_acc { best = r }
        report.ensemble_val_acc = ev; report.ensemble_test_acc = et
        report.mean_val_acc = meanV; report.mean_test_acc = meanT
        report.best_member = best.member; report.best_val_acc = best.val_acc; report.best_member_test_acc = best.test_acc
        report.gain_over_mean = ev - meanV; report.gain_over_best = ev - best.val_acc
        report.test_gain_over_mean = et - meanT; report.test_gain_over_best = et - best.test_acc
        return report
    }
}

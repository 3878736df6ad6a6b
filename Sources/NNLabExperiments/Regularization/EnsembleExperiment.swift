import NNLabCore

/// One member of an ensemble, streamed when it finishes: its validation and test accuracy alone.
public struct EnsembleMemberRecord: StreamRecordCodable {
    public static let recordType = "member"
    /// 1-based; member i was drawn and trained from numpy's `RandomState([seed, i - 1])`.
    public var member: Int
    public var members: Int
    public var val_acc: Double
    public var test_acc: Double
    /// The epoch whose weights `train`'s rule kept (best validation accuracy).
    public var best_epoch: Int?
}

/// What `ensemble n=` measured: n models of the session's blueprint, each drawn and trained with
/// its own generator, and the ensemble that averages their predicted probabilities,
/// p(x) = (1/n) sum_i softmax(f_i(x)), predicting argmax_c p_c(x).
///
/// Accuracies are fractions in [0, 1] on the data's validation part (which each member's
/// best-epoch rule also looked at) and on its test part (which nothing looked at). Gains are
/// differences of fractions (0.02 = the lecture's "2% extra").
public struct EnsembleReport: Codable, Sendable {
    public var options: TrainingOptions
    public var seed: UInt32
    public var members: [EnsembleMemberRecord]
    public var ensemble_val_acc: Double?
    public var ensemble_test_acc: Double?
    public var mean_val_acc: Double?
    public var mean_test_acc: Double?
    /// The member with the best validation accuracy (1-based; the first of equals) and its accuracies.
    public var best_member: Int?
    public var best_val_acc: Double?
    public var best_member_test_acc: Double?
    /// ensemble - mean and ensemble - best, on validation and on test.
    public var gain_over_mean: Double?
    public var gain_over_best: Double?
    public var test_gain_over_mean: Double?
    public var test_gain_over_best: Double?
    /// The lecture's figure: about 0.02 over a single model.
    public var lecture_gain: Double
    public var val_examples: Int
    public var test_examples: Int
    public var run: RunState
}

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

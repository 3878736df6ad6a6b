import NNLabCore

/// `train baseline=on`: the model's net trained twice from the same starting weights, once as it
/// is (with dropout) and once with its dropout layers removed, so the two train/val gaps compare.
///
/// The twin's parameters are the model's own, copied in order (dropout layers hold none, so the
/// remaining layers line up one for one); it trains first, from a copy of the generator, so both
/// runs start from the same weights and the same first batch indices (after that the masks the
/// dropout run draws shift its stream). Gaps are train minus val accuracy of the epoch each run
/// keeps, and val minus train data loss there.
public struct DropoutComparison: Codable, Sendable {
    public var keep: Double
    public var without_gap: Double?
    public var with_gap: Double?
    public var without_loss_gap: Double?
    public var with_loss_gap: Double?
    public var without_best_val_acc: Double?
    public var with_best_val_acc: Double?
    /// "narrowed", "widened" or "about the same": from the accuracy gaps, within `tolerance`.
    public var verdict: String
    /// Accuracy gaps within this of each other count as the same: 0.005, under two of the 359
    /// validation digits.
    public static let tolerance = 0.005

    /// The comparison of a run without dropout and one with it (keep p); no verdict for an interrupted run.
    public init(without t: TrainReport, with r: TrainReport, keep: Double) {
        self.keep = keep
        without_gap = t.gap; with_gap = r.gap; without_loss_gap = t.loss_gap; with_loss_gap = r.loss_gap
        without_best_val_acc = t.best_val_acc; with_best_val_acc = r.best_val_acc
        verdict = r.stop == .interrupted || t.stop == .interrupted ? "not measured" : Self.verdict(without: t.gap, with: r.gap)
    }

    /// The verdict from the two accuracy gaps (nil when either run finished no epoch).
    public static func verdict(without: Double?, with: Double?) -> String {
        guard let a = without, let b = with, a.isFinite, b.isFinite else { return "not measured" }
        if b < a - tolerance { return "narrowed" }
        if b > a + tolerance { return "widened" }
        return "about the same"
    }

    /// The model's blueprint without its dropout layers, holding the model's current parameters.
    public static func twin(of model: TrainedModel) throws -> TrainedModel {
        var bp = model.blueprint
        bp.layers.removeAll { if case .dropout = $0 { return true } else { return false } }
        var scratch = NumpyRandom(seed: 0)   // weights are replaced below
        var twin = try TrainedModel.build(bp, rng: &scratch)
        let names = twin.network.parameters.map(\.name), values = model.network.parameters.map(\.value)
        guard names.count == values.count else {
            throw NumericsError.invalidShape("the net without dropout has \(names.count) parameters, the model \(values.count)")
        }
        let regularized = twin.network.parameters.map(\.regularized)
        try twin.network.restore(try ParameterSet((0..<names.count).map { Parameter(name: names[$0], value: values[$0], regularized: regularized[$0]) }))
        twin.epochsTrained = model.epochsTrained
        return twin
    }
}

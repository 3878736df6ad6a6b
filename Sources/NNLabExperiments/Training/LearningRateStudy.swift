import NNLabCore

/// One learning-rate demonstration: the lecture's setting (weights std 1e-4, plain SGD, no
/// penalty, batch 100, 10 epochs) at one rate on the session's data and model structure, with
/// the epoch log and the diagnosis its cost history gives.
public struct LearningRateStudy: Codable, Sendable {
    public var lr: Double
    public var epochs: [EpochRecord]
    public var loss_history: [Double]
    public var diagnosis: LearningRateDiagnosis
    public var first_cost: Double?
    public var last_cost: Double?
    public var run: RunState

    public static func run(lr: Double, blueprint: ModelBlueprint, data: Dataset, epochs: Int = 10,
                           rng: inout NumpyRandom, monitor: Monitor) throws -> LearningRateStudy {
        var bp = blueprint
        bp.initialization = "0.0001"
        var model = try TrainedModel.build(bp, rng: &rng)
        let options = try TrainingOptions(epochs: epochs, learningRate: lr, update: .sgd, batch: 100)
        let r = try Trainer.train(&model, data: data, options: options, rng: &rng, monitor: monitor)
        return LearningRateStudy(lr: lr, epochs: r.epochs, loss_history: r.loss_history,
                                 diagnosis: .of(r.loss_history, perEpoch: r.iterations_per_epoch),
                                 first_cost: r.initial_cost, last_cost: r.epochs.last?.cost, run: r.run)
    }
}

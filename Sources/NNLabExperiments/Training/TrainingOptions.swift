import NNLabCore

/// How `train` optimizes: the rule and its learning rate, the schedule, the L2 penalty, the batch,
/// when to stop early, what to log.
public struct TrainingOptions: Codable, Sendable, Equatable {
    public var epochs: Int
    public var learningRate: Double
    /// L2 strength: the loss gains 0.5 * reg * sum(W^2) over the weights (not biases).
    public var reg: Double
    public var update: UpdateKind
    public var batch: Int
    public var mu: Double
    public var schedule: LearningRateSchedule
    /// The 3x rule: stop as soon as a batch's cost exceeds 3 times the first batch's (or is not a
    /// number).
    public var stopAt3x: Bool
    /// Stream every iteration's loss as well as the epoch lines.
    public var logIterations: Bool
    /// False: every iteration is the whole training part in order, nothing drawn (the lecture's
    /// `sample_batches = False`, used to overfit 20 examples); `batch` is then ignored.
    public var sampleBatches: Bool = true
    /// Which penalty `reg` is the strength of: L2, 0.5 * reg * sum(W^2), gradient reg * W; or L1,
    /// reg * sum(|W|), gradient reg * sign(W).
    public var penalty: Regularization.Kind = .l2
    /// Transformations applied on the fly, in this order, to every example of every batch (each
    /// with its default amount, drawn from the session's generator after the batch's indices and
    /// before the dropout masks). Empty: none.
    public var augment: [Augmentation] = []
    /// How features map to the pixels the transformations work on, pixel = x * std + mean per
    /// feature (the standardized digits); nil: the features are the pixels.
    public var pixelScale: PixelScale? = nil
    /// Early stopping: stop once validation accuracy has not improved on its best for this many
    /// epochs (the best epoch's model is kept either way). Nil: run every epoch.
    public var patience: Int? = nil
    /// Train on the first `examples` rows of the training part only (nil: all of it), to make
    /// overfitting visible; accuracies and the train check use the same rows.
    public var examples: Int? = nil
    /// Gradient clipping between the backward pass and the update; nil: none.
    public var clip: GradientClip? = nil

    public init(epochs: Int = 10, learningRate: Double = 1e-3, reg: Double = 0, update: UpdateKind = .sgd,
                batch: Int = 100, mu: Double = 0.9, schedule: LearningRateSchedule? = nil,
                stopAt3x: Bool = false, logIterations: Bool = false) throws {
        guard epochs >= 1 else { throw NumericsError.outOfRange("epochs must be 1 or more, got \(epochs)") }
        guard batch >= 1 else { throw NumericsError.outOfRange("the batch must hold 1 or more examples, got \(batch)") }
        self.epochs = epochs; self.learningRate = learningRate; self.reg = reg; self.update = update
        self.batch = batch; self.mu = mu
        self.schedule = try schedule ?? LearningRateSchedule(.constant, base: learningRate)
        self.stopAt3x = stopAt3x; self.logIterations = logIterations
    }

    /// The course Solver's count: max(N / batch, 1) iterations per epoch (integer division).
    public func iterationsPerEpoch(trainingExamples n: Int) -> Int { sampleBatches ? max(n / batch, 1) : 1 }

    /// Examples per iteration.
    public func batchSize(trainingExamples n: Int) -> Int { sampleBatches ? batch : n }
}

import NNLabCore

/// The session's model: its structure, the network with its current numbers, and what training
/// has done to it (for `curves`, `evaluate`, and `train` continuing where it stopped).
public struct TrainedModel: Sendable {
    public var blueprint: ModelBlueprint
    public var network: Sequential
    /// Epochs trained so far over every `train` since the model was built, loaded or reset.
    public var epochsTrained: Int = 0
    /// The last `train`'s report (loss per iteration, accuracies per epoch), nil before any.
    public var lastRun: TrainReport?

    public init(blueprint: ModelBlueprint, network: Sequential) {
        self.blueprint = blueprint; self.network = network
    }

    /// A fresh model drawn from `rng`.
    public static func build(_ blueprint: ModelBlueprint, rng: inout NumpyRandom) throws -> TrainedModel {
        TrainedModel(blueprint: blueprint, network: try blueprint.build(rng: &rng))
    }

    /// x (N, D) as the network's first layer takes it: (N, C, H, W) for images, unchanged for points.
    public func batchShaped(_ x: Tensor) throws -> Tensor {
        guard let n = x.shape.first else { return x }
        return blueprint.inputShape.count == 1 ? x : try x.reshaped([n] + blueprint.inputShape)
    }

    /// The fraction of rows of x (N, D) whose predicted class is y's, and the predictions, in
    /// chunks of 1000 rows (test mode: no dropout, batch norm's running averages).
    public mutating func accuracy(_ x: Tensor, _ y: [Int]) throws -> (accuracy: Double, predictions: [Int]) {
        let n = y.count
        guard n > 0 else { return (.nan, []) }
        var predictions: [Int] = []
        predictions.reserveCapacity(n)
        var start = 0
        while start < n {
            let end = min(start + 1000, n)
            let chunk = start == 0 && end == n ? x : try x.rows(start..<end)
            predictions += try network.predict(try batchShaped(chunk))
            start = end
        }
        let correct = zip(predictions, y).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
        return (Double(correct) / Double(n), predictions)
    }
}

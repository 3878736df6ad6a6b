extension Sequential {
    /// One batch-norm layer's running averages: what test mode normalizes with, learned during
    /// training but not a parameter (no gradient, never updated by a rule), so `checkpoint()`
    /// leaves them out and a model file stores them beside the parameters.
    ///
    /// `layer` is the layer's name in the model (`batchnorm2`); `mean` and `variance` hold one
    /// number per feature (channel) of that layer.
    public struct RunningAverages: Sendable, Equatable {
        public var layer: String
        public var mean: [Double]
        public var variance: [Double]
        public init(layer: String, mean: [Double], variance: [Double]) {
            self.layer = layer; self.mean = mean; self.variance = variance
        }
    }

    /// Every batch-norm layer's running averages, in layer order (empty without batch norm).
    public var runningAverages: [RunningAverages] {
        zip(names, layers).compactMap { name, layer in
            (layer as? BatchNormLayer).map { RunningAverages(layer: name, mean: $0.runningMean, variance: $0.runningVariance) }
        }
    }

    /// Puts back the running averages `runningAverages` gave: one entry per batch-norm layer of
    /// this model, in layer order, with the same names and sizes. Refused as a whole (the model
    /// unchanged) when any entry does not fit.
    public mutating func setRunningAverages(_ averages: [RunningAverages]) throws {
        let targets = layers.indices.filter { layers[$0] is BatchNormLayer }
        guard targets.map({ names[$0] }) == averages.map(\.layer) else {
            throw NumericsError.invalidShape("running averages for \(averages.map(\.layer).joined(separator: ", ")) but the model's batch-norm layers are \(targets.map { names[$0] }.joined(separator: ", "))")
        }
        var updated = layers
        for (i, a) in zip(targets, averages) {
            guard var bn = updated[i] as? BatchNormLayer else { continue }
            try bn.setRunningAverages(mean: a.mean, variance: a.variance)
            updated[i] = bn
        }
        layers = updated
    }
}

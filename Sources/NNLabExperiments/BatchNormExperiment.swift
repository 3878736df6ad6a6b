import NNLabCore

/// Batch normalization on features of very different scales: what it does to each feature, the
/// identity it can learn, how the running averages used at test time converge, and its gradients.
public enum BatchNormExperiment {
    public struct Feature: Codable, Sendable, Equatable {
        public var feature: Int
        public var mean_before: Double, var_before: Double
        public var mean_after: Double, var_after: Double
    }
    public struct Running: Codable, Sendable, Equatable {
        public var batches: Int
        /// Largest |running mean - population mean| over the features, relative to each feature's std.
        public var mean_error: Double
        /// Largest |running var / population var - 1|.
        public var var_error: Double
    }
    public struct Report: Codable, Sendable, Equatable {
        public var n: Int, batch: Int, momentum: Double
        public var features: [Feature]
        /// With gamma = sqrt(var + eps) and beta = mean, the largest |y - x|.
        public var identity_max_error: Double
        public var running: [Running]
        /// Largest |test-mode output - train-mode output| on a fresh batch after all the batches.
        public var test_vs_train_max_diff: Double
        /// Relative error of the backward pass; nil when Ctrl-C stopped the check.
        public var gradcheck_error: Double?
        /// Mini-batches of the running averages done of those asked for, and whether Ctrl-C cut
        /// the experiment short (the running rows then end at the last batch done).
        public var run: RunState
    }

    /// Feature j is randn * scales[j] + means[j].
    public static let scales = [1.0, 10, 100, 0.01]
    public static let means = [5.0, -20, 300, 0.5]

    static func draw(_ n: Int, _ rng: inout NumpyRandom) throws -> Tensor {
        var x = try Tensor.randn([n, scales.count], using: &rng)
        for i in 0..<n { for j in 0..<scales.count { x[i, j] = x[i, j] * scales[j] + means[j] } }
        return x
    }

    public static func run(rng: inout NumpyRandom, n: Int = 200, batch: Int = 32, batches: Int = 100,
                           momentum: Double = BatchNorm.defaultMomentum, interrupt: InterruptFlag? = nil) throws -> Report {
        let d = scales.count
        let x = try draw(n, &rng)
        // Training mode normalizes with the batch's own statistics (no draws: the generator is
        // only passed along).
        var layer = try BatchNormLayer(features: d)
        let y = try layer.forward(x, mode: .train, rng: &rng)
        guard let batchMean = layer.batchMean, let batchVariance = layer.batchVariance else {
            throw NumericsError.invalidShape("batch norm kept no batch statistics")
        }
        let mb = try x.mean(axis: 0).data, vb = try x.std(axis: 0).data.map { $0 * $0 }
        let ma = try y.mean(axis: 0).data, va = try y.std(axis: 0).data.map { $0 * $0 }
        let features = (0..<d).map { Feature(feature: $0, mean_before: mb[$0], var_before: vb[$0], mean_after: ma[$0], var_after: va[$0]) }
        // The identity: gamma = sqrt(var + eps), beta = mean.
        var identityLayer = layer
        try identityLayer.parameters.setValue(try Tensor(shape: [d], data: batchVariance.map { ($0 + layer.eps).squareRoot() }), for: "gamma")
        try identityLayer.parameters.setValue(try Tensor(shape: [d], data: batchMean), for: "beta")
        let back = try identityLayer.forward(x, mode: .train, rng: &rng)
        let identity = zip(back.data, x.data).map { abs($0 - $1) }.max() ?? 0
        // Running averages over mini-batches from the same distribution.
        var averaging = try BatchNormLayer(features: d, momentum: momentum)
        var running: [Running] = []
        let marks: Set<Int> = [1, 2, 5, 10, 20, 50, 100, 200, 500].filter { $0 <= batches }.reduce(into: []) { $0.insert($1) }
        // The running averages' worst errors, in stds of each feature's true distribution.
        func row(_ b: Int) -> Running {
            let runMean = averaging.runningMean, runVar = averaging.runningVariance
            let me = (0..<d).map { abs(runMean[$0] - means[$0]) / scales[$0] }.max() ?? 0
            let ve = (0..<d).map { abs(runVar[$0] / (scales[$0] * scales[$0]) - 1) }.max() ?? 0
            return Running(batches: b, mean_error: me, var_error: ve)
        }
        var done = 0
        for b in 1...batches {
            // Stop at a batch boundary; the running-average rows then end at the batches done.
            if interrupt?.isRaised == true {
                if done > 0, running.last?.batches != done { running.append(row(done)) }
                break
            }
            defer { done = b }
            let xb = try draw(batch, &rng)
            _ = try averaging.forward(xb, mode: .train, rng: &rng)
            if marks.contains(b) || b == batches { running.append(row(b)) }
        }
        let fresh = try draw(batch, &rng)
        var trainCopy = averaging  // a training forward would move the running averages
        let train = try trainCopy.forward(fresh, mode: .train, rng: &rng)
        let test = try averaging.forward(fresh, mode: .test, rng: &rng)
        let diff = zip(train.data, test.data).map { abs($0 - $1) }.max() ?? 0
        let g = try GradientCheck.run(["batchnorm"], rng: &rng, interrupt: interrupt)
        return Report(n: n, batch: batch, momentum: momentum, features: features, identity_max_error: identity, running: running,
                      test_vs_train_max_diff: diff, gradcheck_error: g.run.interrupted ? nil : g.worst,
                      run: RunState(completed: done, planned: batches, interrupted: done < batches || g.run.interrupted))
    }
}

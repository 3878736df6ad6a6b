import NNLabCore

extension InitExperiment {
    public struct Symmetry: Codable, Sendable, Equatable {
        public var hidden_units: Int, steps: Int
        public var distinct_from_zero: Int, distinct_from_equal: Int, distinct_from_random: Int
    }

    /// The symmetry problem: train a small net (4 inputs, 6 hidden units of `act`, 3 classes,
    /// softmax loss) for a few SGD steps from all-zero, all-equal and small random weights, and
    /// count the hidden units that end up different (distinct columns of W1, with b1).
    ///
    /// With equal weights every hidden unit computes the same value and receives the same
    /// gradient, so one SGD step keeps them equal: the count stays 1 whatever the data.
    static func symmetry(rng: inout NumpyRandom, act: Activation) throws -> Symmetry {
        let n = 20, dIn = 4, hidden = 6, classes = 3, steps = 50
        let x = try Tensor.randn([n, dIn], using: &rng)
        let y = (0..<n).map { _ in rng.randint(0, classes) ?? 0 }
        func train(_ w1: Tensor, _ w2: Tensor) throws -> Int {
            var model = try Sequential([try Linear(weight: w1, bias: try Tensor(shape: [hidden])), ActivationLayer(act),
                                        try Linear(weight: w2, bias: try Tensor(shape: [classes]))], loss: .softmax)
            var sgd = SGD(learningRate: 0.5)
            for _ in 0..<steps {
                _ = try model.lossAndGradients(x, y, rng: &rng)  // draws nothing: no dropout
                try model.update(using: &sgd)
            }
            let p = model.parameters
            guard let trainedW = p["layer1.w"]?.value, let trainedB = p["layer1.b"]?.value else {
                throw NumericsError.invalidShape("the symmetry model lost its first layer")
            }
            var distinct: [[Double]] = []
            for j in 0..<hidden {
                let col = (0..<dIn).map { trainedW[$0, j] } + [trainedB[flat: j]]
                if !distinct.contains(where: { zip($0, col).allSatisfy { abs($0 - $1) < 1e-12 } }) { distinct.append(col) }
            }
            return distinct.count
        }
        let zero = try train(try Tensor(shape: [dIn, hidden]), try Tensor(shape: [hidden, classes]))
        let equal = try train(try Tensor(shape: [dIn, hidden], repeating: 0.1), try Tensor(shape: [hidden, classes], repeating: 0.1))
        let random = try train(try Tensor.randn([dIn, hidden], using: &rng) * 0.01, try Tensor.randn([hidden, classes], using: &rng) * 0.01)
        return Symmetry(hidden_units: hidden, steps: steps, distinct_from_zero: zero, distinct_from_equal: equal, distinct_from_random: random)
    }
}

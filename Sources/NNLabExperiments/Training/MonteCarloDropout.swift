import Foundation
import NNLabCore

/// Test time with dropout, two ways (the lecture's "approximate the integral over masks"):
///
/// - single pass: one test-mode forward. With inverted dropout the training forward divided the
///   kept units by p, so E[mask / p * h] = h and the test pass uses h unscaled.
/// - Monte Carlo: T forwards with fresh masks (dropout layers in train mode, every other layer,
///   batch norm included, in test mode), the softmax probabilities averaged over the T passes,
///   prediction argmax of the average.
///
/// Shapes: x (N, D) in chunks as the model takes them; probabilities (N, C). `agreement` is the
/// fraction of the N examples whose two predictions are the same class; `mean_abs_prob_diff` the
/// mean over examples and classes of |p_single - p_mc|. Masks come from the generator passed in,
/// pass after pass, layer by layer, so a seed reproduces them.
public enum MonteCarloDropout {
    public struct Report: Codable, Sendable {
        public var split: String
        public var examples: Int
        public var passes: Int
        public var keep: Double
        public var single_accuracy: Double
        public var mc_accuracy: Double
        public var agreement: Double
        public var mean_abs_prob_diff: Double
        /// MC accuracy after 1, 2, 5, 10, 20, 50, ... passes and after the last completed pass.
        public var mc_accuracy_by_passes: [PassesAccuracy]
        public var run: RunState
    }

    public struct PassesAccuracy: Codable, Sendable { public var passes: Int; public var accuracy: Double }

    /// The softmax of each row of scores (N, C), max-shifted.
    static func softmax(_ s: Tensor) -> [Double] {
        let n = s.shape[0], c = s.shape[1]
        var out = s.data
        for i in 0..<n {
            let row = (i * c)..<((i + 1) * c)
            let m = out[row].max() ?? 0
            var z = 0.0
            for k in row { out[k] = Foundation.exp(out[k] - m); z += out[k] }
            for k in row { out[k] /= z }
        }
        return out
    }

    /// The network's layers applied with dropout in train mode (masks drawn) and the rest in test mode.
    static func maskedScores(_ layers: [any Layer], _ x: Tensor, rng: inout NumpyRandom) throws -> Tensor {
        var h = x
        var ls = layers
        for i in ls.indices { h = try ls[i].forward(h, mode: ls[i] is DropoutLayer ? .train : .test, rng: &rng) }
        return h
    }

    public static func run(_ model: TrainedModel, x: Tensor, y: [Int], split: String, passes: Int,
                           rng: inout NumpyRandom, monitor: Monitor) throws -> Report {
        let keeps = model.network.layers.compactMap { ($0 as? DropoutLayer)?.keep }
        guard let keep = keeps.min() else {
            throw NumericsError.outOfRange("the model has no dropout, so every masked pass is the single pass")
        }
        let n = y.count
        guard n > 0, passes >= 1 else { throw NumericsError.invalidShape("nothing to evaluate") }
        var m = model
        let shaped = try m.batchShaped(x)
        let single = try m.network.scores(shaped)
        let c = single.shape[1]
        let p1 = softmax(single)
        let singlePred = try single.argmaxRows()
        var sum = [Double](repeating: 0, count: n * c)
        var byPasses: [PassesAccuracy] = []
        let marks: Set<Int> = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
        func predictions(_ s: [Double]) -> [Int] {
            (0..<n).map { i in
                var best = 0
                for k in 1..<c where s[i * c + k] > s[i * c + best] { best = k }
                return best
            }
        }
        func accuracy(_ p: [Int]) -> Double { Double(zip(p, y).filter { $0 == $1 }.count) / Double(n) }
        var done = 0
        for t in 1...passes {
            if monitor.shouldStop { break }
            let s = try maskedScores(m.network.layers, shaped, rng: &rng)
            let p = softmax(s)
            for k in sum.indices { sum[k] += p[k] }
            done = t
            if marks.contains(t) || t == passes { byPasses.append(PassesAccuracy(passes: t, accuracy: accuracy(predictions(sum)))) }
            monitor.progress(t, of: passes, "masked pass")
        }
        guard done > 0 else { throw NumericsError.interrupted }
        let mean = sum.map { $0 / Double(done) }
        if byPasses.last?.passes != done { byPasses.append(PassesAccuracy(passes: done, accuracy: accuracy(predictions(mean)))) }
        let mcPred = predictions(mean)
        let agree = Double(zip(mcPred, singlePred).filter { $0 == $1 }.count) / Double(n)
        let diff = zip(mean, p1).reduce(0) { $0 + Swift.abs($1.0 - $1.1) } / Double(n * c)
        return Report(split: split, examples: n, passes: done, keep: keep, single_accuracy: accuracy(singlePred),
                      mc_accuracy: accuracy(mcPred), agreement: agree, mean_abs_prob_diff: diff,
                      mc_accuracy_by_passes: byPasses, run: RunState(completed: done, planned: passes, interrupted: done < passes))
    }
}

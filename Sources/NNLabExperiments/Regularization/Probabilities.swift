import Foundation
import NNLabCore

/// Class probabilities as flat row-major arrays: N examples x C classes, row i at [i*C, (i+1)*C).
/// What the ensembles average and hard-sample mining ranks by.
public enum Probabilities {
    /// Row-wise softmax of scores (N, C): p_ij = exp(s_ij - max_j s_ij) / sum_k exp(s_ik - max_k s_ik)
    /// (the max is subtracted so exp never overflows; it cancels in the ratio).
    public static func softmaxRows(_ scores: Tensor) -> [Double] {
        guard scores.shape.count == 2 else { return [] }
        let n = scores.shape[0], c = scores.shape[1]
        var p = [Double](repeating: 0, count: n * c)
        for i in 0..<n {
            var m = -Double.infinity
            for j in 0..<c { m = max(m, scores.data[i * c + j]) }
            var s = 0.0
            for j in 0..<c { let e = Foundation.exp(scores.data[i * c + j] - m); p[i * c + j] = e; s += e }
            for j in 0..<c { p[i * c + j] /= s }
        }
        return p
    }

    /// The element-wise mean of several members' probabilities (each N x C): p = (1/M) sum_m p_m.
    /// Empty when there are no members or their sizes differ.
    public static func average(_ members: [[Double]]) -> [Double] {
        guard let first = members.first, members.allSatisfy({ $0.count == first.count }) else { return [] }
        var mean = [Double](repeating: 0, count: first.count)
        for m in members { for k in m.indices { mean[k] += m[k] } }
        let scale = 1 / Double(members.count)
        return mean.map { $0 * scale }
    }

    /// argmax_j p_ij per row (the first of equal maxima, as numpy's argmax).
    public static func predictions(_ p: [Double], classes c: Int) -> [Int] {
        guard c > 0 else { return [] }
        return (0..<(p.count / c)).map { i in
            var best = 0
            for j in 1..<c where p[i * c + j] > p[i * c + best] { best = j }
            return best
        }
    }

    /// The fraction of rows whose argmax is the label (nan for no rows).
    public static func accuracy(_ p: [Double], classes c: Int, _ y: [Int]) -> Double {
        let pred = predictions(p, classes: c)
        guard !y.isEmpty, pred.count == y.count else { return .nan }
        return Double(zip(pred, y).filter { $0 == $1 }.count) / Double(y.count)
    }

    /// Each row's cross-entropy -ln p_(i, y_i), with p floored at 1e-300 so a certain mistake gives
    /// about 690.8 rather than inf.
    public static func losses(_ p: [Double], classes c: Int, _ y: [Int]) -> [Double] {
        y.enumerated().map { i, label in -Foundation.log(Swift.max(p[i * c + label], 1e-300)) }
    }
}

extension TrainedModel {
    /// Test-mode softmax probabilities of x (N, D), N x C flat, in chunks of 1000 rows.
    public mutating func probabilities(_ x: Tensor) throws -> [Double] {
        guard let n = x.shape.first, n > 0 else { return [] }
        var out: [Double] = []
        out.reserveCapacity(n * blueprint.classes)
        var start = 0
        while start < n {
            let end = min(start + 1000, n)
            let chunk = start == 0 && end == n ? x : try x.rows(start..<end)
            out += Probabilities.softmaxRows(try network.scores(try batchShaped(chunk)))
            start = end
        }
        return out
    }
}

extension Monitor {
    /// A monitor for one part of a longer run: the same interrupt flag, progress labels prefixed
    /// with `prefix`, and no records (the caller emits its own line per part).
    public func part(_ prefix: String) -> Monitor {
        let parent = self
        return Monitor(interrupt: interrupt, progress: { d, t, l in parent.progress(d, of: t, prefix + l) }, record: nil)
    }
}

/// The work a training run costs, in multiply-adds: the model's forward cost per example times
/// (3 per example drawn, for forward + backward, plus one per example the accuracy checks see)
/// per epoch, times epochs. The same estimate `train` refuses runs by.
public enum TrainingWork {
    public static func multiplyAdds(_ blueprint: ModelBlueprint, examples n: Int, checked: Int, options: TrainingOptions) -> Double {
        let drawn = Double(options.iterationsPerEpoch(trainingExamples: n) * options.batchSize(trainingExamples: n))
        return blueprint.multiplyAdds * (3 * drawn + Double(checked)) * Double(options.epochs)
    }
}

extension Dataset {
    /// The same data with a different training part (val and test unchanged).
    public func withTrain(_ part: Part, name: String) throws -> Dataset {
        try Dataset(name: name, inputShape: inputShape, classes: classes, classNames: classNames,
                    train: part, val: val, test: test, notes: notes)
    }
}

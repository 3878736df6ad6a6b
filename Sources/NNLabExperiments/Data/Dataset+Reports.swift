import NNLabCore

extension Dataset {
    /// What is loaded: `data` alone and after loading.
    public struct Summary: Codable, Sendable {
        public var name: String
        public var input_shape: [Int]
        public var features: Int
        public var classes: Int
        public var class_names: [String]
        public var train: Int, val: Int, test: Int
        public var notes: [String]
    }

    public var summary: Summary {
        Summary(name: name, input_shape: inputShape, features: featureCount, classes: classes, class_names: classNames,
                train: train.count, val: val.count, test: test.count, notes: notes)
    }

    /// One split's statistics: class counts, and the mean and (population, ddof 0) standard
    /// deviation of the features, over every feature of every example and per channel (each
    /// colour plane of an image, each coordinate of a point).
    public struct SplitStatistics: Codable, Sendable {
        public var split: Split
        public var count: Int
        public var class_counts: [Int]
        public var mean: Double
        public var std: Double
        public var min: Double
        public var max: Double
        public var channel_mean: [Double]
        public var channel_std: [Double]
    }

    /// How many features each channel has: an image plane (H*W) or 1 for a point's coordinate.
    public var channelLayout: (channels: Int, perChannel: Int) {
        inputShape.count == 3 ? (inputShape[0], inputShape[1] * inputShape[2]) : (featureCount, 1)
    }

    public func statistics(_ split: Split) -> SplitStatistics {
        let p = part(split)
        var counts = [Int](repeating: 0, count: classes)
        for y in p.y where (0..<classes).contains(y) { counts[y] += 1 }
        let (nc, per) = channelLayout
        var sums = [Double](repeating: 0, count: nc)
        var lo = Double.infinity, hi = -Double.infinity
        p.x.data.withUnsafeBufferPointer { x in
            let d = featureCount
            for i in 0..<p.count {
                for c in 0..<nc {
                    var s = 0.0
                    for j in 0..<per { let v = x[i * d + c * per + j]; s += v; lo = Swift.min(lo, v); hi = Swift.max(hi, v) }
                    sums[c] += s
                }
            }
        }
        let perChannelCount = Double(p.count * per)
        let means = sums.map { perChannelCount > 0 ? $0 / perChannelCount : .nan }
        var sq = [Double](repeating: 0, count: nc)
        p.x.data.withUnsafeBufferPointer { x in
            let d = featureCount
            for i in 0..<p.count {
                for c in 0..<nc {
                    var s = 0.0
                    for j in 0..<per { let v = x[i * d + c * per + j] - means[c]; s += v * v }
                    sq[c] += s
                }
            }
        }
        let total = Double(p.count * featureCount)
        let mean = total > 0 ? sums.reduce(0, +) / total : .nan
        // Pooled variance from the per-channel sums: sum (x - m)^2 = sum_c [sq_c + n_c (m_c - m)^2].
        var pooled = 0.0
        for c in 0..<nc { pooled += sq[c] + perChannelCount * (means[c] - mean) * (means[c] - mean) }
        return SplitStatistics(split: split, count: p.count, class_counts: counts, mean: mean,
                               std: total > 0 ? (pooled / total).squareRoot() : .nan,
                               min: p.count > 0 ? lo : .nan, max: p.count > 0 ? hi : .nan,
                               channel_mean: means,
                               channel_std: zip(sq, means).map { s, _ in perChannelCount > 0 ? (s / perChannelCount).squareRoot() : .nan })
    }

    /// One example: its features and label.
    public struct Example: Codable, Sendable {
        public var name: String
        public var split: Split
        public var index: Int
        public var label: Int
        public var class_name: String
        public var input_shape: [Int]
        public var features: [Double]
    }

    /// Example `index` of a split; the error says which indices exist.
    public func example(_ index: Int, split: Split) throws -> Example {
        let p = part(split)
        guard (0..<p.count).contains(index) else {
            throw NumericsError.outOfRange(p.count == 0
                ? "the \(split.rawValue) split of \(name) is empty"
                : "example \(index) is not in the \(split.rawValue) split, which holds 0 to \(p.count - 1)")
        }
        let d = featureCount
        let f = Array(p.x.data[(index * d)..<((index + 1) * d)])
        let y = p.y[index]
        return Example(name: name, split: split, index: index, label: y,
                       class_name: y < classNames.count ? classNames[y] : String(y), input_shape: inputShape, features: f)
    }
}

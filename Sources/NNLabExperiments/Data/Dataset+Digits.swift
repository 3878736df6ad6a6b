import NNLabCore

extension Dataset {
    /// How the digits' features are scaled.
    public enum DigitsScaling: String, CaseIterable, Sendable, Codable {
        /// x' = (x - mean_j) / std_j per pixel j, mean and (population) std from the training part
        /// only, a pixel constant in training keeping std 1: training features have mean 0 and std 1
        /// (the scale `train`'s learning rates are calibrated on).
        case standard
        /// x' = x / 16: each pixel in [0, 1] (what pictures and augmentations work on).
        case unit
    }

    /// The shipped 8x8 digits as a data set: 1797 images, input shape [1, 8, 8], 10 classes.
    ///
    /// - Split: fixed and independent of the session's seed: the rows of numpy's
    ///   `np.random.RandomState(0).permutation(1797)`, first 60% train (1078), next 20% validation
    ///   (359), last 360 test (`Digits.split(seed: 0)`).
    /// - Scaling: `scaling` (default `.standard`, per-pixel standardization with the training
    ///   part's statistics; `.unit` is pixel / 16).
    public static func digits(scaling: DigitsScaling = .standard) throws -> Dataset {
        let d = try Digits.bundled()
        let rows = d.split(seed: digitsSplitSeed)
        var scaled = d.images
        let scaleNote: String
        switch scaling {
        case .unit:
            scaled.withUnsafeMutableBufferPointer { p in for i in p.indices { p[i] /= 16 } }
            scaleNote = "features: pixel / 16, so each is in [0, 1] (the file's pixels are counts 0...16)"
        case .standard:
            var mean = [Double](repeating: 0, count: 64), std = [Double](repeating: 0, count: 64)
            for i in rows.train { for j in 0..<64 { mean[j] += d.images.data[i * 64 + j] } }
            for j in 0..<64 { mean[j] /= Double(rows.train.count) }
            for i in rows.train { for j in 0..<64 { let v = d.images.data[i * 64 + j] - mean[j]; std[j] += v * v } }
            for j in 0..<64 { std[j] = (std[j] / Double(rows.train.count)).squareRoot(); if std[j] == 0 { std[j] = 1 } }
            scaled.withUnsafeMutableBufferPointer { p in
                for i in 0..<(p.count / 64) { for j in 0..<64 { p[i * 64 + j] = (p[i * 64 + j] - mean[j]) / std[j] } }
            }
            scaleNote = "features: each pixel standardized with the training part's mean and std (x - mean) / std, so training features have mean 0 and std 1; data digits scale=unit gives pixel / 16 instead"
        }
        return try Dataset(
            name: "digits", inputShape: [1, 8, 8], classes: 10,
            train: try Part(rows: rows.train, of: scaled, labels: d.labels),
            val: try Part(rows: rows.val, of: scaled, labels: d.labels),
            test: try Part(rows: rows.test, of: scaled, labels: d.labels),
            notes: [
                "UCI optical recognition of handwritten digits (Alpaydin and Kaynak 1998, CC BY 4.0): 1797 images of 8x8 pixels",
                "split 60/20/20 by numpy's permutation after np.random.seed(\(digitsSplitSeed)), the same whatever the session's seed: \(rows.train.count) train, \(rows.val.count) val, \(rows.test.count) test",
                scaleNote,
            ])
    }

    /// The seed of the digits' fixed split (not the session's).
    public static let digitsSplitSeed: UInt32 = 0
}

extension Dataset.Part {
    /// The given rows of `x` (N, D) with their labels, in the order listed.
    public init(rows: [Int], of x: Tensor, labels: [Int]) throws {
        let d = x.shape.count == 2 ? x.shape[1] : 0
        let n = x.shape.first ?? 0
        guard rows.allSatisfy({ (0..<n).contains($0) && $0 < labels.count }) else {
            throw NumericsError.outOfRange("a row index is outside the \(n) examples")
        }
        var out = [Double](repeating: 0, count: rows.count * d)
        var y: [Int] = []
        y.reserveCapacity(rows.count)
        x.data.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for (k, r) in rows.enumerated() {
                    for j in 0..<d { dst[k * d + j] = src[r * d + j] }
                }
            }
        }
        for r in rows { y.append(labels[r]) }
        try self.init(x: try Tensor(shape: [rows.count, d], data: out), y: y)
    }
}

import Foundation
import NNLabCore

/// Data preprocessing, step by step: zero-centre, normalize, decorrelate (PCA) and whiten a
/// correlated 2-D cloud; then the digits: the mean image, statistics from the training split only,
/// and how well a mean estimated from M samples matches the full one.
public enum PreprocessExperiment {
    public struct Step: Codable, Sendable, Equatable {
        public var step: String
        public var mean: [Double]
        /// Covariance [[var x, cov], [cov, var y]] with 1/N, as np.cov(X.T, bias=True).
        public var covariance: [[Double]]
        public var points: [[Double]]
    }
    public struct Sample: Codable, Sendable, Equatable {
        public var m: Int
        /// RMS over the 64 pixels of (mean of M random training images - mean of all of them).
        public var rms_error: Double
    }
    public struct Report: Codable, Sendable, Equatable {
        public var n: Int
        public var steps: [Step]
        /// Principal axes: eigenvalues of the covariance, largest first.
        public var eigenvalues: [Double]
        public var digits_train: Int, digits_val: Int, digits_test: Int
        /// The 8x8 mean training image, row-major.
        public var mean_image: [Double]
        /// One number: the mean over every pixel (the per-channel mean, for a one-channel image).
        public var channel_mean: Double
        /// Mean of validation pixels after subtracting the *training* mean image (not exactly 0).
        public var val_mean_after_train_mean: Double
        public var samples: [Sample]
    }

    static func covariance(_ x: Tensor) throws -> [[Double]] {
        let n = Double(x.shape[0]), mu = try x.mean(axis: 0).data
        var c = [[0.0, 0.0], [0.0, 0.0]]
        for i in 0..<x.shape[0] {
            let a = x[i, 0] - mu[0], b = x[i, 1] - mu[1]
            c[0][0] += a * a; c[0][1] += a * b; c[1][1] += b * b
        }
        c[0][0] /= n; c[0][1] /= n; c[1][1] /= n; c[1][0] = c[0][1]
        return c
    }

    /// Eigen-decomposition of a symmetric 2x2 matrix: eigenvalues (largest first) and unit
    /// eigenvectors as columns.
    static func eigen(_ c: [[Double]]) -> ([Double], [[Double]]) {
        let a = c[0][0], b = c[0][1], d = c[1][1]
        let t = (a + d) / 2, r = (((a - d) / 2) * ((a - d) / 2) + b * b).squareRoot()
        let l1 = t + r, l2 = t - r
        var v1 = abs(b) > 1e-300 ? [l1 - d, b] : (a >= d ? [1, 0] : [0, 1])
        let norm = (v1[0] * v1[0] + v1[1] * v1[1]).squareRoot()
        v1 = [v1[0] / norm, v1[1] / norm]
        let v2 = [-v1[1], v1[0]]
        return ([l1, l2], [[v1[0], v2[0]], [v1[1], v2[1]]])
    }

    public static func run(rng: inout NumpyRandom, n: Int = 500, digits: Digits) throws -> Report {
        // A correlated cloud: z ~ N(0, I), x = z A + (3, -1).
        let z = try Tensor.randn([n, 2], using: &rng)
        let raw = try z.matmul(try Tensor(rows: [[2.0, 0.9], [0.0, 0.5]])).addingRow(try Tensor(shape: [2], data: [3, -1]))
        var steps: [Step] = []
        func add(_ name: String, _ x: Tensor) throws {
            steps.append(Step(step: name, mean: try x.mean(axis: 0).data, covariance: try covariance(x),
                              points: (0..<min(x.shape[0], 500)).map { [x[$0, 0], x[$0, 1]] }))
        }
        try add("original", raw)
        let centred = try raw.addingRow(try raw.mean(axis: 0).map { -$0 })
        try add("zero-centred", centred)
        let std = try centred.std(axis: 0)
        let normalized = try centred.zip(try Tensor(shape: centred.shape, data: (0..<n).flatMap { _ in std.data }), "normalize", /)
        try add("normalized", normalized)
        let (values, vectors) = eigen(try covariance(centred))
        let decorrelated = try centred.matmul(try Tensor(rows: vectors))
        try add("decorrelated (PCA)", decorrelated)
        let whitened = try decorrelated.zip(try Tensor(shape: decorrelated.shape, data: (0..<n).flatMap { _ in values.map { ($0 + 1e-5).squareRoot() } }), "whiten", /)
        try add("whitened", whitened)

        // Digits: statistics from the training split only.
        let (train, val, test) = digits.split()
        let xtr = try digits.images.rows(at: train), xva = try digits.images.rows(at: val)
        let meanImage = try xtr.mean(axis: 0)
        let valCentred = try xva.addingRow(meanImage.map { -$0 })
        var samples: [Sample] = []
        for m in [1, 10, 100, 1000] where m <= train.count {
            var pick = rng.permutation(train.count)
            pick = Array(pick.prefix(m))
            let est = try xtr.rows(at: pick).mean(axis: 0)
            let rms = (zip(est.data, meanImage.data).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / 64).squareRoot()
            samples.append(Sample(m: m, rms_error: rms))
        }
        return Report(n: n, steps: steps, eigenvalues: values, digits_train: train.count, digits_val: val.count, digits_test: test.count,
                      mean_image: meanImage.data, channel_mean: xtr.mean(), val_mean_after_train_mean: valCentred.mean(), samples: samples)
    }
}

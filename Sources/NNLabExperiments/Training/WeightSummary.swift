import NNLabCore

/// The distribution of a model's weights (the regularized parameters: fc and conv weights, not
/// biases or batch norm's gamma and beta), for comparing what L2 and L1 penalties do to them.
///
/// - `near_zero`: how many weights have |w| < `threshold` (L1's gradient reg * sign(w) pushes each
///   weight toward 0 by a constant step, so many end there; L2's reg * w shrinks in proportion and
///   leaves few exactly small).
/// - `histogram`: counts in `bins` equal bins over [-`limit`, `limit`], limit = max |w|.
public struct WeightSummary: Codable, Sendable, Equatable {
    /// The default threshold below which a weight counts as zero: 1e-3, about a hundredth of the
    /// typical size of a trained digits weight (0.05 ... 0.1).
    public static let defaultThreshold = 1e-3

    public var count: Int
    public var threshold: Double
    public var near_zero: Int
    public var mean_abs: Double
    public var max_abs: Double
    public var limit: Double
    public var histogram: [Int]

    /// The fraction of weights below the threshold.
    public var near_zero_fraction: Double { count > 0 ? Double(near_zero) / Double(count) : 0 }

    public init(_ network: Sequential, threshold: Double = defaultThreshold, bins: Int = 41) {
        var values: [Double] = []
        for p in network.parameters where p.regularized { values += p.value.data }
        count = values.count
        self.threshold = threshold
        near_zero = values.reduce(0) { $0 + (Swift.abs($1) < threshold ? 1 : 0) }
        let finite = values.filter(\.isFinite)
        mean_abs = finite.isEmpty ? 0 : finite.reduce(0) { $0 + Swift.abs($1) } / Double(finite.count)
        max_abs = finite.map { Swift.abs($0) }.max() ?? 0
        limit = max_abs
        var h = [Int](repeating: 0, count: max(bins, 1))
        if limit > 0 {
            for v in finite {
                let k = Int(((v + limit) / (2 * limit) * Double(h.count)).rounded(.down))
                h[min(h.count - 1, max(0, k))] += 1
            }
        } else {
            h[h.count / 2] = finite.count
        }
        histogram = h
    }
}

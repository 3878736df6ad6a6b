import Foundation
import NNLabCore

/// A hyperparameter's range for `search`, sampled in log space (the lecture: "typically sample in
/// log-space"): a random trial takes 10^u with u uniform on [log10(low), log10(high)); a grid takes
/// points evenly spaced in log10 from low to high inclusive.
public struct SearchRange: Sendable, Codable, Equatable {
    public var name: String
    public var low: Double
    public var high: Double

    public init(_ name: String, _ low: Double, _ high: Double) throws {
        guard low.isFinite, high.isFinite, low > 0, high > 0 else {
            throw NumericsError.outOfRange("\(name)=\(low)..\(high): both ends must be positive numbers (a log-space range), e.g. \(name)=1e-6..1e-3")
        }
        guard low < high else {
            throw NumericsError.outOfRange("\(name)=\(low)..\(high): the low end must be below the high end, e.g. \(name)=1e-6..1e-3")
        }
        self.name = name; self.low = low; self.high = high
    }

    public var logLow: Double { log10(low) }
    public var logHigh: Double { log10(high) }
    /// How many powers of ten the range spans.
    public var decades: Double { logHigh - logLow }

    /// numpy: `10 ** rng.uniform(log10(low), log10(high))`, one `random_sample` draw.
    public func sample(_ rng: inout NumpyRandom) -> Double {
        let u = rng.rand()
        return pow(10, logLow + (logHigh - logLow) * u)
    }

    /// `count` points evenly spaced in log10 from low to high inclusive (one point: the geometric middle).
    public func grid(_ count: Int) -> [Double] {
        guard count > 1 else { return [pow(10, (logLow + logHigh) / 2)] }
        return (0..<count).map { pow(10, logLow + (logHigh - logLow) * Double($0) / Double(count - 1)) }
    }

    /// The narrower range `search refine` moves to: from the smallest to the largest value among
    /// the best trials, widened by a quarter of a decade on each side and kept inside this range.
    public func narrowed(around values: [Double]) -> SearchRange {
        guard let lo = values.min(), let hi = values.max() else { return self }
        let a = max(logLow, log10(lo) - 0.25), b = min(logHigh, log10(hi) + 0.25)
        guard b > a else { return self }
        return (try? SearchRange(name, pow(10, a), pow(10, b))) ?? self
    }
}

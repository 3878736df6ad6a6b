import Foundation
import NNLabCore

/// A learning-rate schedule over epochs: every epoch's rate, and when it first halves, measured by
/// scanning the rates and given by the closed form beside it.
///
/// Closed forms of the half-life (the first epoch t with rate(t) <= lr0 / 2):
/// - step:        every * ceil(ln(1/2) / ln(k))   (k < 1; never for k = 1; k is the schedule's `decay`)
/// - exponential: ceil(ln 2 / k)                      (e^(-k t) <= 1/2)
/// - inverse:     ceil(1 / k)                         (1 + k t >= 2)
/// - constant:    never.
public enum ScheduleExperiment {
    /// The most epochs a table may list.
    public static let maxEpochs = 100_000

    public struct Report: Codable, Sendable {
        public var schedule: LearningRateSchedule
        public var formula: String
        public var epochs: Int
        /// rate(epoch: t) for t = 0 ..< epochs.
        public var rates: [Double]
        public var final_rate: Double
        /// The first epoch whose rate is at most half of lr0, found by scanning `rates`; nil if none.
        public var half_epoch: Int?
        /// The same epoch from the closed form (see the type's comment); nil when it never halves.
        public var half_epoch_formula: Int?
        /// The closed form's real-valued crossing (ln 2 / k, 1 / k, or the number of decays times every).
        public var half_time: Double?
    }

    public static func formula(_ s: LearningRateSchedule) -> String {
        switch s.kind {
        case .constant: return "lr = lr0"
        case .step: return "lr = lr0 * k^floor(t / every)"
        case .exponential: return "lr = lr0 * e^(-k t)"
        case .inverse: return "lr = lr0 / (1 + k t)"
        }
    }

    public static func run(_ s: LearningRateSchedule, epochs: Int) throws -> Report {
        guard (1...maxEpochs).contains(epochs) else {
            throw DescentExperiment.Failure(description: "epochs must be from 1 to \(maxEpochs), got \(epochs); e.g. epochs=30")
        }
        let rates = (0..<epochs).map { s.rate(epoch: $0) }
        let half = rates.firstIndex { $0 <= s.base / 2 }
        var time: Double?
        var closed: Int?
        switch s.kind {
        case .constant: break
        case .step:
            if s.decay < 1 {
                let decays = (log(0.5) / log(s.decay)).rounded(.up)
                time = decays * Double(s.every)
            }
        case .exponential:
            if s.decay > 0 { time = log(2) / s.decay }
        case .inverse:
            if s.decay > 0 { time = 1 / s.decay }
        }
        // The first whole epoch at or after the crossing (a crossing beyond 1e15 epochs is left as a number).
        if let t = time, t.isFinite, t < 1e15 { closed = Int(t.rounded(.up)) }
        return Report(schedule: s, formula: formula(s), epochs: epochs, rates: rates, final_rate: rates[rates.count - 1],
                      half_epoch: half, half_epoch_formula: closed, half_time: time)
    }
}

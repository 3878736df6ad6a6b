import Foundation
import NNLabCore

/// A generated question: its numbers (`given`, by name, so a test can derive the answer on its
/// own), the sentence asked, the answer the library computed, the tolerance an answer is checked
/// with, and the working shown after a wrong answer.
public struct QuizQuestion: Codable, Sendable, Equatable {
    public var number: Int
    public var kind: QuizKind
    public var given: [String: Double]
    /// For the gate question: the expression and the variable asked about.
    public var expression: String?
    public var variable: String?
    public var text: String
    /// The library's answer.
    public var answer: Double
    /// The answer as it is shown: a whole number, a fraction (`3/2`) or four significant figures.
    public var answer_text: String
    /// Whether the answer is a whole number (checked exactly).
    public var whole: Bool
    /// An answer x is right when |x - answer| <= tolerance (0 for whole numbers: exactly).
    public var tolerance: Double
    /// The tolerance in words, as the question states it.
    public var tolerance_text: String
    public var working: String

    /// Whether `x` counts as right: within `tolerance` (exactly equal for whole numbers, where
    /// 32.0 is 32), with a floor of 1e-9 relative for rounding in the arithmetic.
    public func accepts(_ x: Double) -> Bool {
        guard x.isFinite else { return false }
        return abs(x - answer) <= tolerance + 1e-9 * max(1, abs(answer))
    }
}

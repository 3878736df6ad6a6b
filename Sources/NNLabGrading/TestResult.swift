import Foundation
import NNLabExercises

/// The result of one grader: Gradescope's test entry plus the exercise it belongs to.
public struct TestResult: Codable, Sendable, Equatable {
    public var name: String
    public var exercise: String
    public var score: Double
    public var maxScore: Double
    public var output: String
    public var visibility: Visibility

    public init(name: String, exercise: String, score: Double, maxScore: Double, output: String, visibility: Visibility) {
        self.name = name; self.exercise = exercise; self.score = score; self.maxScore = maxScore; self.output = output; self.visibility = visibility
    }
}

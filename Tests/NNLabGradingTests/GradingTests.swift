import XCTest
import NNLabExercises
@testable import NNLabGrading
import NNLabExerciseReference

final class GradingTests: XCTestCase {
    func testReferencesGetFullMarks() {
        let r = Grading.run(Grading.allGraders, .student, expected: CoreExpectedValues())
        for t in r where t.score != t.maxScore { XCTFail("\(t.name): \(t.output)") }
    }
}

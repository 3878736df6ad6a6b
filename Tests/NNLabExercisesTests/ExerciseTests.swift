import XCTest
import NNLabExercises

final class ExerciseTests: XCTestCase {
    func testLectureConvNumbers() throws {
        XCTAssertEqual(try convOutputSize(input: 7, filter: 3, stride: 1, padding: 0), 5)
    }
}

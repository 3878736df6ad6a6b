import XCTest
@testable import NNLabCore

/// The lecture's convolution arithmetic, number by number (CNN lecture: "A closer look at
/// spatial dimensions" and the conv layer summary).
final class ConvGeometryTests: XCTestCase {
    func testSevenBySevenInputThreeByThreeFilter() throws {
        XCTAssertEqual(try ConvGeometry.step(input: 7, filter: 3, stride: 1, padding: 0).output, 5)
        XCTAssertEqual(try ConvGeometry.step(input: 7, filter: 3, stride: 2, padding: 0).output, 3)
        let s3 = try ConvGeometry.step(input: 7, filter: 3, stride: 3, padding: 0)
        XCTAssertNil(s3.output, "stride 3 does not fit")
        XCTAssertEqual(s3.exact, 4.0 / 3.0 + 1, accuracy: 1e-15)  // printed 2.33 in the lecture
        XCTAssertEqual(try ConvGeometry.step(input: 7, filter: 3, stride: 1, padding: 1).output, 7, "pad 1 keeps 7x7")
    }

    func testSamePaddingIsHalfOfFMinusOne() throws {
        XCTAssertEqual(try ConvGeometry.samePadding(filter: 3).padding, 1)
        XCTAssertEqual(try ConvGeometry.samePadding(filter: 5).padding, 2)
        XCTAssertEqual(try ConvGeometry.samePadding(filter: 7).padding, 3)
        XCTAssertNil(try ConvGeometry.samePadding(filter: 4).padding, "even filters have none")
        // At stride 2, a 7-wide input and F = 3: P = ((7 - 1)*2 - 7 + 3)/2 = 4 gives (7 - 3 + 8)/2 + 1 = 7.
        let p = try XCTUnwrap(try ConvGeometry.samePadding(filter: 3, stride: 2, input: 7).padding)
        XCTAssertEqual(p, 4)
        XCTAssertEqual(try ConvGeometry.step(input: 7, filter: 3, stride: 2, padding: p).output, 7)
    }

    func testLectureExamples() throws {
        XCTAssertEqual(try ConvGeometry.step(input: 32, filter: 5, stride: 1, padding: 2).output, 32)
        XCTAssertEqual(try ConvGeometry.step(input: 227, filter: 11, stride: 4, padding: 0).output, 55)  // AlexNet CONV1
        XCTAssertEqual(try ConvGeometry.step(input: 55, filter: 3, stride: 2, padding: 0).output, 27)    // AlexNet POOL1
        XCTAssertEqual(try ConvGeometry.step(input: 32, filter: 5, stride: 1, padding: 0).output, 28)    // 32 -> 28
    }

    func testSuggestionsAllFitAndOverflowIsAnError() throws {
        let pads = ConvGeometry.fittingPaddings(input: 7, filter: 3, stride: 3)
        XCTAssertEqual(pads, [1], "(7 - 3 + 2)/3 + 1 = 3; pad 0 and 2 do not fit")
        let strides = ConvGeometry.fittingStrides(input: 7, filter: 3, padding: 0)
        XCTAssertEqual(strides, [1, 2, 4], "the divisors of 7 - 3 = 4")
        XCTAssertThrowsError(try ConvGeometry.step(input: Int.max - 1, filter: 1, stride: 1, padding: Int.max / 2))
        XCTAssertThrowsError(try Checked.product([1 << 40, 1 << 40], "x"))
    }
}

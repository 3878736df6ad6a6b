import Foundation
import XCTest
@testable import NNLabCore

/// Every tanh kernel against numpy's `np.tanh` (Fixtures/tanh_reference.json, written by
/// Fixtures/make_tanh_fixture.py), each to its stated ulp tolerance.
final class VectorMathTests: XCTestCase {
    struct Reference: Decodable { let x: [String]; let tanh: [String] }

    static func doubles(_ hex: [String]) throws -> [Double] {
        try hex.map { Double(bitPattern: try XCTUnwrap(UInt64($0, radix: 16), "bit pattern \($0)")) }
    }

    /// Distance in units in the last place, on the ordered integer line of doubles (so -0 and +0 are 0 apart).
    static func ulps(_ a: Double, _ b: Double) -> UInt64 {
        func ordered(_ v: Double) -> Int64 {
            let i = Int64(bitPattern: v.bitPattern)
            return i < 0 ? Int64.min &- i : i
        }
        return ordered(a) &- ordered(b) == Int64.min ? UInt64.max : UInt64(abs(ordered(a) &- ordered(b)))
    }

    func testEveryKernelWithinItsUlpToleranceOfNumpy() throws {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "tanh_reference", withExtension: "json", subdirectory: "Fixtures"))
        let ref = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
        let x = try Self.doubles(ref.x), want = try Self.doubles(ref.tanh)
        XCTAssertEqual(x.count, want.count)
        for kernel in VectorMath.TanhKernel.allCases where kernel.rawValue <= VectorMath.bestTanh.rawValue {
            var y = x
            y.withUnsafeMutableBufferPointer { VectorMath.tanh($0, kernel: kernel) }
            let worst = zip(y, want).map { Self.ulps($0, $1) }.max() ?? 0
            XCTAssertLessThanOrEqual(worst, UInt64(kernel.ulpTolerance), "\(kernel): \(worst) ulp from np.tanh")
        }
        var naive = x
        naive.withUnsafeMutableBufferPointer { VectorMath.tanhNaive($0) }
        XCTAssertLessThanOrEqual(zip(naive, want).map { Self.ulps($0, $1) }.max() ?? 0, 3, "libm's scalar tanh")
    }

    /// A value does not depend on where it sits: every tail length (padded last vector) and every
    /// offset gives the same bits as the whole buffer.
    func testValuesDoNotDependOnBufferBoundaries() {
        let x = (0..<37).map { Double($0) * 0.173 - 3.1 }
        var whole = x
        whole.withUnsafeMutableBufferPointer { VectorMath.tanh($0) }
        for start in 0..<9 {
            for end in stride(from: x.count, to: start, by: -5) {
                var part = Array(x[start..<end])
                part.withUnsafeMutableBufferPointer { VectorMath.tanh($0) }
                XCTAssertEqual(part, Array(whole[start..<end]), "\(start)..<\(end)")
            }
        }
        var empty: [Double] = []
        empty.withUnsafeMutableBufferPointer { VectorMath.tanh($0) }
        XCTAssertEqual(empty, [])
    }
}

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

    /// Pairwise mean and std against numpy's np.mean / np.std of the same numbers
    /// (Fixtures/numpy_reference.json): equal bits, on the lecture's 1000 x 500 draws and the
    /// small reductions matrix.
    func testMeanAndStdAreNumpysBitForBit() throws {
        let ref = try NumpyRandomTests.reference()
        for d in ref.draws {
            var r = NumpyRandom(seed: d.seed)
            let x = try Tensor.randn([1000, 500], using: &r)
            x.data.withUnsafeBufferPointer { b in
                let m = VectorMath.mean(b)
                XCTAssertEqual(m, d.randn_1000x500.mean, "seed \(d.seed) mean")
                XCTAssertEqual(VectorMath.std(b, mean: m), d.randn_1000x500.std, "seed \(d.seed) std")
            }
        }
        let a = ref.reductions.A.flatMap { $0 }
        a.withUnsafeBufferPointer { b in
            XCTAssertEqual(VectorMath.pairwiseSum(b), ref.reductions.sum)
            let m = VectorMath.mean(b)
            XCTAssertEqual(m, ref.reductions.mean)
            XCTAssertEqual(VectorMath.std(b, mean: m), ref.reductions.std)
        }
    }

    /// Counts, histogram and live columns against plain loops over a small hand-made matrix.
    func testCountsHistogramAndAliveColumns() {
        let h: [Double] = [0, 0.995, -0.999, 0.5, 0, -0.2, 1, 0.3, 0, 0, -1, 0.96]   // 4 rows x 3 columns
        h.withUnsafeBufferPointer { b in
            let c = VectorMath.counts(b, flat: .tanh, below: 0.1)
            XCTAssertEqual(c.saturated, 4)   // 0.995, -0.999, 1, -1
            XCTAssertEqual(c.zeros, 4)
            XCTAssertEqual(c.flat, 5)        // 1 - h^2 < 0.1 for |h| > 0.9487: the four above and 0.96
            XCTAssertEqual(c.min, -1); XCTAssertEqual(c.max, 1)
            let (bins, outside) = VectorMath.histogram(b, lo: 0, hi: 1, bins: 4)
            // [0, 0.25): 0, 0, 0, 0; [0.25, 0.5): 0.3; [0.5, 0.75): 0.5; [0.75, 1]: 0.995, 1, 0.96
            XCTAssertEqual(bins, [4, 1, 1, 3]); XCTAssertEqual(outside, 3)
            XCTAssertEqual(VectorMath.aliveColumns(b, rows: 4, cols: 3), [true, true, true])
            XCTAssertEqual(VectorMath.aliveColumns(b, rows: 3, cols: 4), [false, true, true, true])   // column 0: 0, 0, 0
        }
    }
}

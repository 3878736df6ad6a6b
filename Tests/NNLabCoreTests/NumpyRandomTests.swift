import Foundation
import XCTest
@testable import NNLabCore

/// The generator against numbers numpy itself drew (Fixtures/numpy_reference.json, written by
/// Fixtures/make_numpy_fixtures.py). Comparisons are exact: the same bits, not "close".
final class NumpyRandomTests: XCTestCase {
    struct Reference: Decodable {
        struct Draws: Decodable {
            struct Big: Decodable { let first: [Double]; let last: [Double]; let mean: Double; let std: Double }
            let seed: UInt32
            let rand: [Double], randn: [Double], mixed: [Double]
            let randint_0_10: [Int], randint_m5_1000000: [Int], randint_0_2pow40: [Int]
            let permutation_10: [Int], permutation_1000: [Int]
            let randn_1000x500: Big
        }
        struct Reductions: Decodable {
            let A: [[Double]]
            let sum: Double, mean: Double, std: Double
            let sum0: [Double], sum1: [Double], mean0: [Double], std0: [Double], std1: [Double]
            let argmax1: [Int]
        }
        let draws: [Draws]
        let reductions: Reductions
    }

    static func reference() throws -> Reference {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "numpy_reference", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }

    func testRandMatchesNumpyBitForBit() throws {
        for d in try Self.reference().draws {
            var r = NumpyRandom(seed: d.seed)
            XCTAssertEqual((0..<d.rand.count).map { _ in r.rand() }, d.rand, "seed \(d.seed)")
        }
    }

    func testRandnMatchesNumpyIncludingTheCachedSecondValue() throws {
        for d in try Self.reference().draws {
            var r = NumpyRandom(seed: d.seed)
            XCTAssertEqual((0..<d.randn.count).map { _ in r.randn() }, d.randn, "seed \(d.seed)")
            var m = NumpyRandom(seed: d.seed)
            XCTAssertEqual([m.randn(), m.rand(), m.randn(), m.randn(), m.rand()], d.mixed, "seed \(d.seed)")
        }
    }

    func testRandintMatchesNumpy() throws {
        for d in try Self.reference().draws {
            var r = NumpyRandom(seed: d.seed)
            XCTAssertEqual((0..<25).map { _ in r.randint(0, 10)! }, d.randint_0_10)
            r = NumpyRandom(seed: d.seed)
            XCTAssertEqual((0..<25).map { _ in r.randint(-5, 1_000_000)! }, d.randint_m5_1000000)
            r = NumpyRandom(seed: d.seed)
            XCTAssertEqual((0..<10).map { _ in r.randint(0, 1 << 40)! }, d.randint_0_2pow40, "64-bit path, seed \(d.seed)")
        }
        var r = NumpyRandom(seed: 0)
        XCTAssertNil(r.randint(3, 3), "an empty range is nil, not a trap")
    }

    func testPermutationMatchesNumpy() throws {
        for d in try Self.reference().draws {
            var r = NumpyRandom(seed: d.seed)
            XCTAssertEqual(r.permutation(10), d.permutation_10)
            r = NumpyRandom(seed: d.seed)
            XCTAssertEqual(r.permutation(1000), d.permutation_1000)
        }
    }

    func testLectureSizedGaussianMatrix() throws {
        for d in try Self.reference().draws {
            var r = NumpyRandom(seed: d.seed)
            let x = try Tensor.randn([1000, 500], using: &r)
            XCTAssertEqual(Array(x.data.prefix(5)), d.randn_1000x500.first)
            XCTAssertEqual(Array(x.data.suffix(5)), d.randn_1000x500.last)
            // Summation order differs from numpy's pairwise sum, so agree to rounding, not bits.
            XCTAssertEqual(x.mean(), d.randn_1000x500.mean, accuracy: 1e-13)
            XCTAssertEqual(x.std(), d.randn_1000x500.std, accuracy: 1e-12)
        }
    }

    /// The bulk fill behind `Tensor.randn` against numpy's draws: odd and even lengths, starting
    /// on a cached second value, and leaving one cached for the next call.
    func testBulkGaussianFillMatchesNumpyAcrossTheCache() throws {
        for d in try Self.reference().draws {
            let want = d.randn
            XCTAssertGreaterThanOrEqual(want.count, 9)
            for split in 1..<want.count {
                var r = NumpyRandom(seed: d.seed)
                let head = try Tensor.randn([split], using: &r)
                let tail = try Tensor.randn([want.count - split], using: &r)
                XCTAssertEqual(head.data + tail.data, want, "seed \(d.seed), split \(split)")
                var s = NumpyRandom(seed: d.seed)
                _ = try Tensor.randn([split], using: &s)
                XCTAssertEqual(s.randn(), want[split], "the scalar call after a bulk fill of \(split), seed \(d.seed)")
            }
            var m = NumpyRandom(seed: d.seed)
            let scaled = try Tensor.randn([5], scale: 0.5, using: &m)
            XCTAssertEqual(scaled.data, want.prefix(5).map { $0 * 0.5 }, "scale applied to numpy's values")
            // Mixed with rand: numpy's mixed sequence is randn, rand, randn, randn, rand.
            var x = NumpyRandom(seed: d.seed)
            let first = try Tensor.randn([1], using: &x).data[0]
            let u = x.rand()
            let pair = try Tensor.randn([2], using: &x).data
            XCTAssertEqual([first, u] + pair + [x.rand()], d.mixed, "seed \(d.seed)")
        }
    }

    /// The bulk fill (C, a block of the state at a time) against `randn()` one call at a time
    /// (pinned to numpy above): every start in the state (words used before it, odd or even),
    /// lengths around a block's 156 candidate pairs and across several twists, the cached second
    /// value both ways, and the state afterwards.
    func testBulkFillEqualsOneAtATimeAtEveryOffsetAndLength() throws {
        for skip in [0, 1, 2, 3, 5, 311, 620, 621, 622, 623, 624, 625] {
            for n in [1, 2, 3, 7, 155, 156, 157, 311, 312, 313, 1001, 4000] {
                var bulk = NumpyRandom(seed: 7)
                for _ in 0..<skip { _ = bulk.nextUInt32() }
                var one = bulk
                var out = [Double](repeating: .nan, count: n)
                out.withUnsafeMutableBufferPointer { bulk.fillGaussian($0, scale: 0.25) }
                let want = (0..<n).map { _ in one.randn() * 0.25 }
                XCTAssertEqual(out, want, "skip \(skip), n \(n)")
                XCTAssertEqual(bulk.randn(), one.randn(), "the value after, skip \(skip), n \(n)")
                XCTAssertEqual(bulk.nextUInt32(), one.nextUInt32(), "the state after, skip \(skip), n \(n)")
            }
        }
    }

    func testValueSemanticsReplayTheSequence() {
        var a = NumpyRandom(seed: 3)
        _ = a.randn()
        var b = a  // copies the state, including the cached Gaussian
        XCTAssertEqual(a.randn(), b.randn())
        XCTAssertEqual(a.rand(), b.rand())
    }
}

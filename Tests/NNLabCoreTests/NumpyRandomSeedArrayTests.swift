import Foundation
import XCTest
@testable import NNLabCore

/// Per-trial streams against numbers numpy drew after `np.random.RandomState([seed, i])`
/// (Fixtures/seed_array_reference.json, written by Fixtures/make_seed_array_fixtures.py).
/// Comparisons are exact: the same bits, not "close".
final class NumpyRandomSeedArrayTests: XCTestCase {
    struct Reference: Decodable {
        struct Case: Decodable {
            let key: [UInt32]
            let rand: [Double], randn: [Double]
            let randint_0_10: [Int]
            let uint32: [UInt32]
            let state_words: [UInt32]
        }
        let cases: [Case]
    }

    static func reference() throws -> Reference {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "seed_array_reference", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }

    func testSeedArraysDrawWhatNumpyDraws() throws {
        let cases = try Self.reference().cases
        XCTAssertEqual(cases.count, 8)
        for c in cases {
            XCTAssertEqual(Array(NumpyRandom.initByArray(c.key).prefix(8)), c.state_words, "state after init_by_array(\(c.key))")
            var r = try NumpyRandom(seedArray: c.key)
            XCTAssertEqual((0..<c.rand.count).map { _ in r.rand() }, c.rand, "rand after RandomState(\(c.key))")
            r = try NumpyRandom(seedArray: c.key)
            XCTAssertEqual((0..<c.randn.count).map { _ in r.randn() }, c.randn, "randn (odd count: the cache) after RandomState(\(c.key))")
            r = try NumpyRandom(seedArray: c.key)
            XCTAssertEqual((0..<c.randint_0_10.count).map { _ in r.randint(0, 10) ?? -1 }, c.randint_0_10)
            r = try NumpyRandom(seedArray: c.key)
            XCTAssertEqual((0..<c.uint32.count).map { _ in r.nextUInt32() }, c.uint32)
            XCTAssertEqual(r.seed, c.key[0])
        }
    }

    func testStreamIsTheTwoNumberSeedArray() throws {
        for (seed, i) in [(0, 1), (42, 7), (4_294_967_295, 123_456_789)] as [(UInt32, UInt32)] {
            var a = NumpyRandom(seed: seed, stream: i), b = try NumpyRandom(seedArray: [seed, i])
            XCTAssertEqual((0..<700).map { _ in a.nextUInt32() }, (0..<700).map { _ in b.nextUInt32() })
        }
        // Different trials are different streams, and none is the plain seed's.
        var plain = NumpyRandom(seed: 0), s0 = NumpyRandom(seed: 0, stream: 0), s1 = NumpyRandom(seed: 0, stream: 1)
        let p = plain.rand(), a = s0.rand(), b = s1.rand()
        XCTAssertNotEqual(p, a)
        XCTAssertNotEqual(a, b)
    }

    func testEmptySeedArrayIsRefused() {
        XCTAssertThrowsError(try NumpyRandom(seedArray: [])) { e in
            XCTAssertTrue("\(e)".contains("at least one number"), "\(e)")
        }
    }
}

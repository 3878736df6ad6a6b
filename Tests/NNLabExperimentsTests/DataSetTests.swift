import Foundation
import XCTest
import NNLabCore
@testable import NNLabExperiments

/// The shipped digits and the generated point sets against numpy
/// (Fixtures/data_reference.json, made by Fixtures/make_data_fixtures.py).
final class DataSetTests: XCTestCase {
    struct Reference: Decodable {
        struct Set: Decodable {
            var name: String, seed: UInt32, n: Int, classes: Int, noise: Double
            var x: [Double], y: [Int], permutation: [Int]
        }
        struct Digits: Decodable {
            var train_rows: [Int], val_rows: [Int], test_rows: [Int]
            var train_mean: Double, train_std: Double, train_class_counts: [Int]
        }
        var sets: [Set]
        var digits: Digits
    }

    func reference() throws -> Reference {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "data_reference", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Reference.self, from: try Data(contentsOf: url))
    }

    /// Every point set drawn bit for bit as numpy draws it after np.random.seed(s), and split by
    /// the permutation numpy draws next.
    func testPointSetsAreNumpysDraws() throws {
        for r in try reference().sets {
            let set = try XCTUnwrap(PointSet(rawValue: r.name))
            var rng = NumpyRandom(seed: r.seed)
            let (x, y) = try set.draw(perClass: r.n, classes: r.classes, noise: r.noise, rng: &rng)
            XCTAssertEqual(y, r.y, r.name)
            XCTAssertEqual(x.data.count, r.x.count)
            let differing = zip(x.data, r.x).filter { $0 != $1 }.count
            XCTAssertEqual(differing, 0, "\(r.name) seed \(r.seed): \(differing) coordinates differ from numpy's")
            XCTAssertEqual(rng.permutation(r.n * r.classes), r.permutation, r.name)
            // The data set's train part is the first 60% of that permutation's rows.
            var again = NumpyRandom(seed: r.seed)
            let d = try set.dataset(perClass: r.n, classes: r.classes, noise: r.noise, rng: &again, seed: r.seed)
            let total = r.n * r.classes
            XCTAssertEqual(d.train.count, total * 6 / 10)
            XCTAssertEqual(d.val.count, total * 2 / 10)
            XCTAssertEqual(d.train.count + d.val.count + d.test.count, total)
            let first = r.permutation[0]
            XCTAssertEqual(Array(d.train.x.data[0..<2]), Array(r.x[(2 * first)..<(2 * first + 2)]))
            XCTAssertEqual(d.train.y[0], r.y[first])
            let lastTest = r.permutation[total - 1]
            XCTAssertEqual(d.test.y.last, r.y[lastTest])
        }
    }

    func testLinspaceIsNumpys() {
        // np.linspace(0, 4, 5) = 0, 1, 2, 3, 4; np.linspace(4, 8, 3) = 4, 6, 8; the last is exactly b.
        XCTAssertEqual(PointSet.linspace(0, 4, 5), [0, 1, 2, 3, 4])
        XCTAssertEqual(PointSet.linspace(4, 8, 3), [4, 6, 8])
        XCTAssertEqual(PointSet.linspace(0, 1, 1), [0])
        XCTAssertEqual(PointSet.linspace(0, 0.3, 4).last, 0.3)
    }

    func testPointSetBoundsAreRefused() {
        var rng = NumpyRandom(seed: 0)
        XCTAssertThrowsError(try PointSet.spiral.draw(perClass: 4, classes: 3, noise: 0.2, rng: &rng))
        XCTAssertThrowsError(try PointSet.spiral.draw(perClass: 10_001, classes: 3, noise: 0.2, rng: &rng))
        XCTAssertThrowsError(try PointSet.spiral.draw(perClass: 10, classes: 11, noise: 0.2, rng: &rng))
        XCTAssertThrowsError(try PointSet.xor.draw(perClass: 10, classes: 3, noise: 0.2, rng: &rng)) {
            XCTAssertTrue("\($0)".contains("classes=2 only"), "\($0)")
        }
        XCTAssertThrowsError(try PointSet.blobs.draw(perClass: 10, classes: 3, noise: -1, rng: &rng))
    }

    /// The digits' split is numpy's permutation after seed 0, whatever generator state is around,
    /// and the features are pixel/16 (train mean and std from numpy).
    func testDigitsSplitAndScaling() throws {
        let r = try reference().digits
        let d = try Dataset.digits(scaling: .unit)
        XCTAssertEqual(d.inputShape, [1, 8, 8])
        XCTAssertEqual([d.train.count, d.val.count, d.test.count], [1078, 359, 360])
        let raw = try Digits.bundled()
        // Row k of the train part is file row train_rows[k], divided by 16.
        for k in [0, 1, 500, 1077] {
            let row = r.train_rows[k]
            XCTAssertEqual(Array(d.train.x.data[(k * 64)..<((k + 1) * 64)]), Array(raw.images.data[(row * 64)..<((row + 1) * 64)]).map { $0 / 16 })
            XCTAssertEqual(d.train.y[k], raw.labels[row])
        }
        XCTAssertEqual(d.val.y, r.val_rows.map { raw.labels[$0] })
        XCTAssertEqual(d.test.y, r.test_rows.map { raw.labels[$0] })
        let s = d.statistics(.train)
        XCTAssertEqual(s.mean, r.train_mean, accuracy: 1e-12)
        XCTAssertEqual(s.std, r.train_std, accuracy: 1e-12)
        XCTAssertEqual(s.class_counts, r.train_class_counts)
        XCTAssertEqual(s.min, 0)
        XCTAssertEqual(s.max, 1)
    }

    /// The byte parser reads what the old string parser read, and names the line of each problem.
    func testDigitsParserOverBytes() throws {
        let row = (0..<64).map { String($0 % 17) }.joined(separator: ",") + ",7"
        let d = try Digits.parse(" \r\n" + row + "\r\n\n" + row.replacingOccurrences(of: ",", with: " , ") + "\n", source: "t.csv")
        XCTAssertEqual(d.labels, [7, 7])
        XCTAssertEqual(Array(d.images.data[0..<18]), (0..<18).map { Double($0 % 17) })
        XCTAssertEqual(d.images.data[64..<128], d.images.data[0..<64])
        func message(_ text: String) -> String {
            do { _ = try Digits.parse(text, source: "t.csv"); return "" } catch { return "\(error)" }
        }
        XCTAssertEqual(message("1,2,3\n"), "t.csv:1: expected 65 comma-separated numbers (64 pixels and a label), got 3")
        XCTAssertEqual(message("\n" + String(repeating: "0,", count: 64) + "11\n"), "t.csv:2: label 11 is not a digit 0...9")
        XCTAssertEqual(message(String(repeating: "0,", count: 3) + "17," + String(repeating: "0,", count: 60) + "1"), "t.csv:1: pixel 4 is 17, outside 0...16")
        XCTAssertEqual(message(String(repeating: "0,", count: 5) + "x," + String(repeating: "0,", count: 58) + "1"), "t.csv:1: field 6 is not a whole number: 'x'")
        XCTAssertEqual(message(String(repeating: "0,", count: 5) + "," + String(repeating: "0,", count: 58) + "1"), "t.csv:1: field 6 is not a whole number: ''")
        XCTAssertEqual(message(String(repeating: "0,", count: 5) + "-1," + String(repeating: "0,", count: 58) + "1"), "t.csv:1: field 6 is not a whole number: '-1'")
        XCTAssertEqual(message("\n\n"), "t.csv: no images")
    }

    /// Statistics by hand: a 2-example, 2-channel set.
    func testStatisticsByHand() throws {
        // Example 0: channel 0 = (0, 1), channel 1 = (2, 3); example 1: channel 0 = (1, 1), channel 1 = (3, 3).
        let x = try Tensor(shape: [2, 4], data: [0, 1, 2, 3, 1, 1, 3, 3])
        let p = try Dataset.Part(x: x, y: [0, 1])
        let d = try Dataset(name: "t", inputShape: [2, 1, 2], classes: 3, train: p, val: p, test: p)
        let s = d.statistics(.train)
        // channel 0: 0, 1, 1, 1 -> mean 0.75, var 0.1875; channel 1: 2, 3, 3, 3 -> mean 2.75, var 0.1875
        // all eight: mean 1.75, var = mean of squares (0+1+4+9+1+1+9+9)/8 = 4.25 minus 1.75^2 = 3.0625 -> 1.1875
        XCTAssertEqual(s.channel_mean, [0.75, 2.75])
        XCTAssertEqual(s.channel_std[0], 0.1875.squareRoot(), accuracy: 1e-15)
        XCTAssertEqual(s.mean, 1.75)
        XCTAssertEqual(s.std, 1.1875.squareRoot(), accuracy: 1e-15)
        XCTAssertEqual(s.class_counts, [1, 1, 0])
        XCTAssertThrowsError(try d.example(2, split: .train))
    }
}

extension DataSetTests {
    /// The default scaling: each training feature has mean 0 and std 1 (a constant pixel stays 0),
    /// and validation uses the training statistics, not its own.
    func testStandardizedDigitsUseTheTrainingStatistics() throws {
        let s = try Dataset.digits(), u = try Dataset.digits(scaling: .unit)
        XCTAssertEqual(s.train.y, u.train.y)
        var constant = 0
        for j in 0..<64 {
            let col = (0..<1078).map { s.train.x[$0, j] }
            let m = col.reduce(0, +) / 1078
            let v = col.map { ($0 - m) * ($0 - m) }.reduce(0, +) / 1078
            XCTAssertEqual(m, 0, accuracy: 1e-12)
            if v == 0 { constant += 1 } else { XCTAssertEqual(v, 1, accuracy: 1e-9) }
            // Validation: (x - mean_train) / std_train from the unit-scaled values (x/16 scales both alike).
            let raw = (0..<1078).map { u.train.x[$0, j] }
            let rm = raw.reduce(0, +) / 1078
            let rs = (raw.map { ($0 - rm) * ($0 - rm) }.reduce(0, +) / 1078).squareRoot()
            if rs > 0 { XCTAssertEqual(s.val.x[5, j], (u.val.x[5, j] - rm) / rs, accuracy: 1e-9) }
        }
        XCTAssertGreaterThan(constant, 0, "the digits have pixels that are always 0 in training")
    }
}

import Foundation
import XCTest
import NNLabCore
import NNLabExperiments
@testable import NNLabCommands

/// `data` and `augment` through the interpreter: what they load, what they refuse (and that a
/// refusal leaves the session as it was), and that every screen fits the width.
final class DataCommandTests: XCTestCase {
    /// Runs the statements in order on one interpreter; returns it and the last outcome.
    func run(_ lines: [String]) -> (Interpreter, Interpreter.Outcome?) {
        var i = Interpreter()
        var last: Interpreter.Outcome?
        for l in lines { last = i.execute(statement: l) }
        return (i, last)
    }

    func text(_ lines: [String], width: Int, wide: Bool = false) -> String {
        let (_, o) = run(lines)
        guard case let .success(_, out)? = o else { XCTFail("\(lines) failed: \(String(describing: o))"); return "" }
        return out.renderText(TextStyle(color: false, width: width, wide: wide))
    }

    func failure(_ lines: [String]) -> String {
        let (_, o) = run(lines)
        guard case let .failure(e)? = o else { XCTFail("\(lines) should fail"); return "" }
        return e.description
    }

    /// A tiny MNIST of the exact format (12 + 4 images of 28x28) in a temporary folder.
    func tinyMNIST() throws -> String {
        let folder = NSTemporaryDirectory() + "nnlab-datacmd-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        func be32(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 255), UInt8(v >> 16 & 255), UInt8(v >> 8 & 255), UInt8(v & 255)] }
        func images(_ n: Int) -> [UInt8] { be32(2051) + be32(n) + be32(28) + be32(28) + (0..<(n * 784)).map { UInt8(($0 * 13) % 256) } }
        func labels(_ n: Int) -> [UInt8] { be32(2049) + be32(n) + (0..<n).map { UInt8($0 % 10) } }
        for (name, bytes) in [("train-images-idx3-ubyte", images(12)), ("train-labels-idx1-ubyte", labels(12)),
                              ("t10k-images-idx3-ubyte", images(4)), ("t10k-labels-idx1-ubyte", labels(4))] {
            try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + name))
        }
        return folder
    }

    func testDigitsSplitIgnoresTheSeedAndIsStated() throws {
        let a = run(["seed 0", "data digits"]).0.session.data
        let b = run(["seed 12345", "descend sgd steps=3", "data digits"]).0.session.data
        XCTAssertEqual(a?.train.y, b?.train.y)
        XCTAssertEqual(a?.test.x, b?.test.x)
        let r = try result("data digits")
        XCTAssertEqual(r["train"], .number(1078))
        XCTAssertEqual(r["val"], .number(359))
        XCTAssertEqual(r["test"], .number(360))
        XCTAssertEqual(r["input_shape"], .array([.number(1), .number(8), .number(8)]))
        // help data states the split and the scaling.
        let help = text(["help data"], width: 80).replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "  ", with: " ")
        XCTAssertTrue(help.contains("np.random.seed(0)"), help)
        XCTAssertTrue(help.contains("pixel/16"), help)
        XCTAssertTrue(help.contains("standardized"), help)
    }

    func testGeneratedSetsFollowTheSessionsGenerator() throws {
        let a = run(["seed 3", "data spiral n=20"]).0
        let b = run(["seed 3", "data spiral n=20"]).0
        let c = run(["seed 4", "data spiral n=20"]).0
        XCTAssertEqual(a.session.data?.train.x, b.session.data?.train.x)
        XCTAssertNotEqual(a.session.data?.train.x, c.session.data?.train.x)
        // The generator moved by what the set drew: 60 normals (30 polar pairs, each at least two
        // uniform pairs' worth) and a permutation, so the next draw differs from a fresh seed 3.
        var fresh = NumpyRandom(seed: 3)
        var after = a.session.rng
        XCTAssertNotEqual(after.nextUInt32(), fresh.nextUInt32())
        XCTAssertEqual(a.session.data?.classes, 3)
        XCTAssertEqual(run(["data blobs classes=5 n=10"]).0.session.data?.train.count, 30)
        XCTAssertEqual(run(["data circles"]).0.session.data?.classes, 2)
        XCTAssertEqual(run(["data xor n=50 noise=0"]).0.session.data?.train.x.data.allSatisfy { abs($0) == 1 }, true)
    }

    func testRefusalsLeaveTheSessionAsItWas() throws {
        var i = Interpreter()
        _ = i.execute(statement: "data digits")
        let rng = i.session.rng
        for bad in ["data mnist /nonexistent", "data cifar10 /nonexistent", "data mnist", "data xor classes=3",
                    "data spiral n=4", "data spiral n=10001", "data spiral classes=11", "data spiral noise=-1",
                    "data digits n=5", "data show 5000", "data show x", "data show -1", "data show split=both",
                    "data stats split=val", "data mnist /tmp limit=0", "data spiral /tmp", "data pictures",
                    "augment spin", "augment flip label=42", "augment crop amount=0.9", "augment flip i=5000",
                    "augment flip i=1 label=2", "data n=5"] {
            guard case let .failure(e) = i.execute(statement: bad) else { XCTFail("`\(bad)` should fail"); continue }
            XCTAssertFalse(e.description.contains("\n"), bad)
            XCTAssertFalse(e.message.contains("internal"), "\(bad): \(e)")
            XCTAssertEqual(i.session.data?.name, "digits", "\(bad) must leave digits loaded")
            XCTAssertEqual(i.session.data?.train.count, 1078)
            XCTAssertEqual(i.session.rng.nextUInt32Peek(), rng.nextUInt32Peek(), "\(bad) must not move the generator")
        }
        XCTAssertEqual(failure(["data digits", "data mnist /nonexistent"]), "data: /nonexistent: no such folder; digits stays loaded")
        XCTAssertTrue(failure(["data show"]).contains("no data set is loaded"))
        XCTAssertTrue(failure(["data stats"]).contains("e.g. data digits"))
        XCTAssertTrue(failure(["data xor classes=3"]).contains("xor has 2 classes only"))
        XCTAssertTrue(failure(["data digits", "data show 1078"]).contains("0 to 1077"))
    }

    func testMNISTFromAFolderThroughTheCommand() throws {
        let folder = try tinyMNIST()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (i, o) = run(["data mnist \(folder)"])
        guard case .success? = o else { return XCTFail("\(String(describing: o))") }
        XCTAssertEqual(i.session.data?.inputShape, [1, 28, 28])
        XCTAssertEqual(i.session.data?.val.count, 2)
        // 28x28 at 80 columns: two characters a pixel (56); at 50 columns: one (28).
        let at80 = text(["data mnist \(folder)", "data show 0"], width: 80).split(separator: "\n")
        XCTAssertEqual(at80.count, 1 + 28 + 1)
        let at50 = text(["data mnist \(folder)", "data show 0"], width: 50).split(separator: "\n")
        XCTAssertLessThanOrEqual(at50.map(\.count).max() ?? 0, 50)
        XCTAssertTrue(failure(["data mnist \(folder)/train-images-idx3-ubyte"]).contains("is not a folder"))
    }

    func testShowDrawsTheImageWithItsShades() throws {
        // Training image 0 of the digits is a 2 (row 0 of its 8x8: pixel/16 in shades).
        let t = text(["data digits scale=unit", "data show 0"], width: 80)
        let lines = t.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertTrue(lines[0].hasSuffix("label 2"), String(lines[0]))
        let d = try Dataset.digits(scaling: .unit)
        let row0 = (0..<8).map { d.train.x[0, $0] }
        let shades = Array(" .:-=+*#%@")
        var expected = "  " + String(row0.flatMap { v -> [Character] in let c = shades[min(9, Int(v * 10 - 1e-9))]; return [c, c] })
        while expected.last == " " { expected.removeLast() }
        XCTAssertEqual(String(lines[1]), expected)
        let pts = text(["data spiral", "data show 3 split=val"], width: 80)
        XCTAssertTrue(pts.contains("o 0   x 1   * 2"), pts)
    }

    func testStatsCountsEveryExampleOnce() throws {
        let r = try result("data digits; data stats")
        guard case let .array(splits)? = r["splits"] else { return XCTFail("no splits") }
        var total = 0
        for case let .object(s) in splits {
            guard case let .array(counts)? = s["class_counts"], case let .number(n)? = s["count"] else { return XCTFail() }
            let sum = counts.reduce(0) { if case let .number(x) = $1 { return $0 + Int(x) }; return $0 }
            XCTAssertEqual(sum, Int(n))
            total += sum
        }
        XCTAssertEqual(total, 1797)
    }

    func testAugmentSaysWhatTheNumbersShow() throws {
        let flip = try result("augment flip label=2")
        XCTAssertEqual(flip["label"], .number(2))
        XCTAssertNotEqual(flip["nearest_after"], .number(2))
        let t = text(["augment flip label=2"], width: 80)
        XCTAssertTrue(t.contains("no longer reads as a 2"), t)
        XCTAssertTrue(t.contains("turns most of 2,"), t)
        let kept = text(["augment noise amount=0"], width: 80)
        XCTAssertTrue(kept.contains("still a"), kept)
        XCTAssertFalse(kept.contains("turns most"), kept)
        // On a loaded point set augment falls back to the digits, and says so by its data field.
        XCTAssertEqual(try result("data spiral; augment shift")["data"], .string("digits"))
    }

    /// No line wider than the screen, at 80 and 140 columns, with and without --wide.
    func testEveryScreenFitsTheWidth() throws {
        let folder = try tinyMNIST()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let screens: [[String]] = [
            ["data"], ["data digits"], ["data digits", "data show 7"], ["data digits", "data stats"],
            ["data spiral n=300 classes=10"], ["data spiral n=300 classes=10", "data show 0"], ["data spiral", "data stats"],
            ["data blobs", "data show 1 split=test"], ["data mnist \(folder)"], ["data mnist \(folder)", "data show 1"],
            ["data mnist \(folder)", "data stats"],
        ] + Augmentation.allCases.map { ["augment \($0.rawValue) label=3"] } + [["data mnist \(folder)", "augment rotate"]]
        for s in screens {
            for w in [80, 140] {
                for wide in [false, true] {
                    let t = text(s, width: w, wide: wide)
                    for line in t.split(separator: "\n") {
                        XCTAssertLessThanOrEqual(line.count, w, "\(s) at \(w): '\(line)'")
                    }
                }
            }
        }
    }
}

extension NumpyRandom {
    /// The next 32-bit output without moving this copy (a value type: the caller's stays put).
    func nextUInt32Peek() -> UInt32 { var c = self; return c.nextUInt32() }
}

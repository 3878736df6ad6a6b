import Foundation
import XCTest
import NNLabCore
import NNLabExperiments
@testable import NNLabCommands

/// `model save` / `model load` with batch norm: the running averages test mode normalizes with
/// are learned in training but are not parameters, so the file must carry them for a loaded model
/// to predict as the saved one did.
final class ModelFileTests: XCTestCase {
    let t = TrainHarness()

    func temporaryFolder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nnlab-modelfile-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Softmax probabilities of every validation example, computed here from the test-mode scores
    /// (p = exp(s - max s) / sum exp(s - max s)), not by the code under test.
    func probabilities(_ model: TrainedModel, _ x: Tensor) throws -> [Double] {
        var m = model
        let s = try m.network.scores(try m.batchShaped(x))
        let c = s.shape[1]
        var p: [Double] = []
        for r in 0..<s.shape[0] {
            let row = Array(s.data[(r * c)..<(r * c + c)])
            let top = row.max() ?? 0
            let e = row.map { Foundation.exp($0 - top) }
            let z = e.reduce(0, +)
            p += e.map { $0 / z }
        }
        return p
    }

    func number(_ v: JSONValue?) -> Double { if case let .number(x)? = v { return x }; return .nan }

    func checkRoundTrip(_ build: String, _ trainLine: String) throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("bn.model").path
        var i = try t.interpreter()
        _ = try t.run(&i, "seed 0")
        _ = try t.run(&i, build)
        _ = try t.run(&i, trainLine)
        let saved = try XCTUnwrap(i.session.model)
        let val = try XCTUnwrap(i.session.data).val
        // Training moved the averages away from their start (mean 0, variance 1): a file without
        // them would not predict as this model does.
        let averages = saved.network.runningAverages
        XCTAssertFalse(averages.isEmpty)
        for a in averages {
            XCTAssertTrue(a.mean.contains { abs($0) > 1e-3 } || a.variance.contains { abs($0 - 1) > 1e-3 }, a.layer)
        }
        let (e1, _) = try t.run(&i, "evaluate val")
        let p1 = try probabilities(saved, val.x)
        _ = try t.run(&i, "model save \(path)")
        _ = try t.run(&i, "model 64-5-10")
        let (loaded, _) = try t.run(&i, "model load \(path)")
        XCTAssertEqual(loaded["action"], .string("loaded"))
        let back = try XCTUnwrap(i.session.model)
        XCTAssertEqual(back.network.runningAverages, averages, "every running mean and variance, exactly")
        let (e2, _) = try t.run(&i, "evaluate val")
        XCTAssertEqual(number(e2["accuracy"]), number(e1["accuracy"]))
        XCTAssertEqual(e2["confusion"], e1["confusion"])
        let p2 = try probabilities(back, val.x)
        XCTAssertEqual(p2.count, val.count * 10)
        XCTAssertEqual(p2.map(\.bitPattern), p1.map(\.bitPattern), "identical probabilities, bit for bit")

        // The same parameters with the starting averages predict differently: the check above
        // would have failed had the file dropped them.
        var fresh = NumpyRandom(seed: 0)
        var stale = try TrainedModel.build(saved.blueprint, rng: &fresh)
        try stale.network.restore(saved.network.checkpoint())
        XCTAssertNotEqual(try probabilities(stale, val.x).map(\.bitPattern), p1.map(\.bitPattern))
    }

    func testFullyConnectedBatchNormRoundTrips() throws {
        try checkRoundTrip("model 64-30-10 act=relu bn=on", "train epochs=2 lr=0.1 update=momentum")
    }

    /// Spatial batch norm (per channel of a conv volume) round-trips the same way.
    func testConvnetBatchNormRoundTrips() throws {
        try checkRoundTrip("model conv act=relu bn=on filters=2", "train epochs=1 lr=0.1 update=momentum")
    }

    /// A damaged `running` entry is one clear line and leaves the session's model; a version 1
    /// file (no `running`, written before batch norm could be saved) still loads.
    func testDamagedRunningAveragesAreRefusedAndVersionOneStillLoads() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("bn.model").path, bad = dir.appendingPathComponent("bad.model").path
        var i = try t.interpreter()
        _ = try t.run(&i, "model 64-12-10 bn=on")
        _ = try t.run(&i, "train epochs=1 lr=0.1")
        _ = try t.run(&i, "model save \(path)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(json["version"] as? Int, 2)
        let running = try XCTUnwrap(json["running"] as? [[String: String]])
        XCTAssertEqual(running.count, 1)
        // 12 features: 12 doubles of 16 hex digits each.
        XCTAssertEqual(running.first?["mean"]?.count, 12 * 16)
        let mean = try XCTUnwrap(running.first?["mean"])
        let before = i.session.model?.network.runningAverages
        let variants: [(String, String)] = [
            (text.replacingOccurrences(of: mean, with: String(mean.dropLast(16))), "running mean of"),
            (text.replacingOccurrences(of: mean, with: "zz" + mean.dropFirst(2)), "not 16 hex digits"),
            (text.replacingOccurrences(of: "\"running\":[", with: "\"running\":[{\"layer\":\"extra\",\"mean\":\"\",\"variance\":\"\"},"), "do not match"),
        ]
        for (variant, part) in variants {
            try Data(variant.utf8).write(to: URL(fileURLWithPath: bad))
            let e = try XCTUnwrap(t.error(&i, "model load \(bad)"), part)
            XCTAssertTrue(e.contains(part), "\(part): \(e)")
            XCTAssertFalse(e.contains("\n"), e)
        }
        XCTAssertEqual(i.session.model?.network.runningAverages, before)

        _ = try t.run(&i, "model 64-12-10")
        _ = try t.run(&i, "model save \(path)")
        let plain = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(plain.contains("\"running\":[]"), "a model without batch norm has no running averages")
        let v1 = plain.replacingOccurrences(of: ",\"running\":[]", with: "").replacingOccurrences(of: "\"version\":2", with: "\"version\":1")
        try Data(v1.utf8).write(to: URL(fileURLWithPath: bad))
        let (r, _) = try t.run(&i, "model load \(bad)")
        XCTAssertEqual(r["action"], .string("loaded"))
    }
}

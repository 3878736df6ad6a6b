import Foundation
import NNLabCore

/// The model file `model save` writes and `model load` reads: UTF-8 JSON, versioned, holding the
/// structure, every parameter and batch norm's running averages exactly.
///
///     {"format": "nnlab-model", "version": 2,
///      "blueprint": {"inputShape": [1, 8, 8], "classes": 10, "initialization": "xavier",
///                    "layers": [{"fc": {"units": 100}}, "batchNorm", {"activation": {"_0": "relu"}}, ...]},
///      "epochs_trained": 10,
///      "parameters": [{"name": "fc1.w", "shape": [64, 100], "bits": "3fb99999999999a0..."}, ...],
///      "running": [{"layer": "batchnorm2", "mean": "...", "variance": "..."}, ...]}
///
/// `bits` (and `mean`, `variance`) hold each double's IEEE 754 bit pattern as 16 lower-case hex
/// digits, in row-major order, with nothing between them: a value read back is the same double,
/// bit for bit (decimal text would round). `running` has one entry per batch-norm layer, D numbers
/// each for a layer over D features (or channels): the averages test mode normalizes with, which
/// are not parameters, so a model loaded without them would predict differently.
/// Version 1 (before batch norm could be saved) had no `running`; it is still read.
public enum ModelFile {
    public static let format = "nnlab-model"
    public static let version = 2
    /// Versions `decode` reads.
    public static let readable = [1, 2]

    struct Stored: Codable {
        struct Entry: Codable { var name: String; var shape: [Int]; var bits: String }
        var format: String
        var version: Int
        var blueprint: ModelBlueprint
        var epochs_trained: Int
        var parameters: [Entry]
        struct Running: Codable { var layer: String; var mean: String; var variance: String }
        var running: [Running]?
    }

    public struct FormatError: Error, CustomStringConvertible {
        public var description: String
    }

    public static func encode(_ model: TrainedModel) throws -> Data {
        let entries = model.network.parameters.map { p in Stored.Entry(name: p.name, shape: p.value.shape, bits: hex(p.value.data)) }
        let running = model.network.runningAverages.map { Stored.Running(layer: $0.layer, mean: hex($0.mean), variance: hex($0.variance)) }
        let stored = Stored(format: format, version: version, blueprint: model.blueprint, epochs_trained: model.epochsTrained,
                            parameters: entries, running: running)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(stored)
    }

    /// 16 hex digits per double: its bit pattern.
    static func hex(_ values: [Double]) -> String {
        var text = ""
        text.reserveCapacity(values.count * 16)
        for x in values {
            let s = String(x.bitPattern, radix: 16)
            text += String(repeating: "0", count: 16 - s.count) + s
        }
        return text
    }

    /// The `count` doubles of 16 hex digits each in `text`, or the line saying what is wrong with it.
    static func doubles(_ text: String, count: Int, what: String) throws -> [Double] {
        let bytes = Array(text.utf8)
        guard bytes.count == count * 16 else {
            throw FormatError(description: "\(what) needs \(count) numbers (\(count * 16) hex digits), the file has \(bytes.count) digits")
        }
        var values = [Double](repeating: 0, count: count)
        for k in 0..<count {
            var bits: UInt64 = 0
            for c in bytes[(k * 16)..<(k * 16 + 16)] {
                let v: UInt8
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): v = c - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): v = c - UInt8(ascii: "a") + 10
                default: throw FormatError(description: "\(what): number \(k + 1) is not 16 hex digits")
                }
                bits = bits << 4 | UInt64(v)
            }
            values[k] = Double(bitPattern: bits)
        }
        return values
    }

    /// The model a file holds, rebuilt from its blueprint and filled with its parameters. Every
    /// problem (not JSON, another format or version, a parameter missing, misnamed, of the wrong
    /// shape or with bits that are not 16 hex digits per number, running averages missing or of the
    /// wrong size) is one `FormatError` line.
    static func versionError(_ v: Int) -> FormatError {
        FormatError(description: "model file version \(v); this nnlab reads versions \(readable.map(String.init).joined(separator: " and "))")
    }

    public static func decode(_ data: Data) throws -> TrainedModel {
        let stored: Stored
        do {
            stored = try JSONDecoder().decode(Stored.self, from: data)
        } catch {
            if let head = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
                if let f = head["format"] as? String, f != format { throw FormatError(description: "not an nnlab model file: its format is '\(f)'") }
                if let v = head["version"] as? Int, !readable.contains(v) { throw versionError(v) }
                throw FormatError(description: "the model file is damaged: its fields are not those of an nnlab model (version \(version))")
            }
            throw FormatError(description: "not an nnlab model file (not complete JSON: truncated, or another kind of file)")
        }
        guard stored.format == format else { throw FormatError(description: "not an nnlab model file: its format is '\(stored.format)'") }
        guard readable.contains(stored.version) else { throw versionError(stored.version) }
        var unused = NumpyRandom(seed: 0)  // weights drawn here are all replaced below
        let network: Sequential
        do { network = try stored.blueprint.build(rng: &unused) } catch {
            throw FormatError(description: "the model file's structure does not build: \(error)")
        }
        var params = network.parameters
        guard params.names == stored.parameters.map(\.name) else {
            throw FormatError(description: "the model file's parameters (\(stored.parameters.map(\.name).joined(separator: ", "))) do not match its structure's (\(params.names.joined(separator: ", ")))")
        }
        for e in stored.parameters {
            guard let p = params[e.name], p.value.shape == e.shape else {
                throw FormatError(description: "parameter \(e.name) has shape \(Tensor.describe(e.shape)) in the file but the structure needs \(Tensor.describe(params[e.name]?.value.shape ?? []))")
            }
            let values = try doubles(e.bits, count: p.value.count, what: "parameter \(e.name)")
            try params.setValue(try Tensor(shape: e.shape, data: values), for: e.name)
        }
        var model = TrainedModel(blueprint: stored.blueprint, network: network)
        try model.network.restore(params)
        let layers = network.runningAverages
        let running = stored.running ?? []
        guard running.map(\.layer) == layers.map(\.layer) else {
            let have = running.isEmpty ? "none" : running.map(\.layer).joined(separator: ", ")
            throw FormatError(description: "the model file's batch-norm running averages (\(have)) do not match its structure's batch-norm layers (\(layers.map(\.layer).joined(separator: ", ")))")
        }
        var averages: [Sequential.RunningAverages] = []
        for (r, l) in zip(running, layers) {
            averages.append(.init(layer: r.layer, mean: try doubles(r.mean, count: l.mean.count, what: "running mean of \(r.layer)"),
                                  variance: try doubles(r.variance, count: l.variance.count, what: "running variance of \(r.layer)")))
        }
        do { try model.network.setRunningAverages(averages) } catch {
            throw FormatError(description: "the model file's running averages do not fit: \(error)")
        }
        model.epochsTrained = max(stored.epochs_trained, 0)
        return model
    }
}

import Foundation
import NNLabCore

/// The model file `model save` writes and `model load` reads: UTF-8 JSON, versioned, holding the
/// structure and every parameter exactly.
///
///     {"format": "nnlab-model", "version": 1,
///      "blueprint": {"inputShape": [1, 8, 8], "classes": 10, "initialization": "xavier",
///                    "layers": [{"fc": {"units": 100}}, {"activation": {"_0": "relu"}}, ...]},
///      "epochs_trained": 10,
///      "parameters": [{"name": "fc1.w", "shape": [64, 100], "bits": "3fb99999999999a0..."}, ...]}
///
/// `bits` is each double's IEEE 754 bit pattern as 16 lower-case hex digits, in row-major order,
/// with nothing between them: a value read back is the same double, bit for bit (decimal text
/// would round). Batch norm's running averages are not parameters and have no place in version 1,
/// so a model with batch norm is refused by `encode` rather than saved without them.
public enum ModelFile {
    public static let format = "nnlab-model"
    public static let version = 1

    struct Stored: Codable {
        struct Entry: Codable { var name: String; var shape: [Int]; var bits: String }
        var format: String
        var version: Int
        var blueprint: ModelBlueprint
        var epochs_trained: Int
        var parameters: [Entry]
    }

    public struct FormatError: Error, CustomStringConvertible {
        public var description: String
    }

    public static func encode(_ model: TrainedModel) throws -> Data {
        if model.blueprint.layers.contains(.batchNorm) {
            throw FormatError(description: "a model with batch norm cannot be saved yet: version \(version) of the model file has no place for its running averages, and a model loaded without them would predict differently")
        }
        var entries: [Stored.Entry] = []
        for p in model.network.parameters {
            var hex = ""
            hex.reserveCapacity(p.value.count * 16)
            for x in p.value.data {
                let s = String(x.bitPattern, radix: 16)
                hex += String(repeating: "0", count: 16 - s.count) + s
            }
            entries.append(.init(name: p.name, shape: p.value.shape, bits: hex))
        }
        let stored = Stored(format: format, version: version, blueprint: model.blueprint, epochs_trained: model.epochsTrained, parameters: entries)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(stored)
    }

    /// The model a file holds, rebuilt from its blueprint and filled with its parameters. Every
    /// problem (not JSON, another format or version, a parameter missing, misnamed, of the wrong
    /// shape or with bits that are not 16 hex digits per number) is one `FormatError` line.
    public static func decode(_ data: Data) throws -> TrainedModel {
        let stored: Stored
        do {
            stored = try JSONDecoder().decode(Stored.self, from: data)
        } catch {
            if let head = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
                if let f = head["format"] as? String, f != format { throw FormatError(description: "not an nnlab model file: its format is '\(f)'") }
                if let v = head["version"] as? Int, v != version { throw FormatError(description: "model file version \(v); this nnlab reads version \(version)") }
                throw FormatError(description: "the model file is damaged: its fields are not those of an nnlab model (version \(version))")
            }
            throw FormatError(description: "not an nnlab model file (not complete JSON: truncated, or another kind of file)")
        }
        guard stored.format == format else { throw FormatError(description: "not an nnlab model file: its format is '\(stored.format)'") }
        guard stored.version == version else { throw FormatError(description: "model file version \(stored.version); this nnlab reads version \(version)") }
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
            let bytes = Array(e.bits.utf8)
            guard bytes.count == p.value.count * 16 else {
                throw FormatError(description: "parameter \(e.name) needs \(p.value.count) numbers (\(p.value.count * 16) hex digits), the file has \(bytes.count) digits")
            }
            var values = [Double](repeating: 0, count: p.value.count)
            for k in 0..<values.count {
                var bits: UInt64 = 0
                for c in bytes[(k * 16)..<(k * 16 + 16)] {
                    let v: UInt8
                    switch c {
                    case UInt8(ascii: "0")...UInt8(ascii: "9"): v = c - UInt8(ascii: "0")
                    case UInt8(ascii: "a")...UInt8(ascii: "f"): v = c - UInt8(ascii: "a") + 10
                    default: throw FormatError(description: "parameter \(e.name): number \(k + 1) is not 16 hex digits")
                    }
                    bits = bits << 4 | UInt64(v)
                }
                values[k] = Double(bitPattern: bits)
            }
            try params.setValue(try Tensor(shape: e.shape, data: values), for: e.name)
        }
        var model = TrainedModel(blueprint: stored.blueprint, network: network)
        try model.network.restore(params)
        model.epochsTrained = max(stored.epochs_trained, 0)
        return model
    }
}

import Foundation

/// A JSON value: what `--json` prints and what lab `expect` lines navigate. Results are encoded
/// into this type by `JSONValueEncoder`, so the fields a check uses are exactly the fields the
/// JSON shows, and they are the result type's own.
public enum JSONValue: Equatable, Sendable, Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else if let s = try? c.decode(String.self) {
            // Non-finite numbers travel as strings (JSON has no inf/nan).
            switch s {
            case "inf": self = .number(.infinity)
            case "-inf": self = .number(-.infinity)
            case "nan": self = .number(.nan)
            default: self = .string(s)
            }
        }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    /// Encodes any result into a JSON value: its own coding keys, a nil optional as null.
    public static func encode(_ value: some Encodable) throws -> JSONValue {
        try JSONValueEncoder.encode(value)
    }

    /// Compact JSON with object keys sorted, except that `first` keys lead in the order given.
    public func serialized(first: [String] = []) -> String {
        var out = ""
        write(&out, first: first)
        return out
    }

    private func write(_ out: inout String, first: [String]) {
        switch self {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .number(d): out += JSONValue.format(d)
        case let .string(s): JSONValue.quote(s, into: &out)
        case let .array(a):
            out += "["
            for (i, v) in a.enumerated() {
                if i > 0 { out += "," }
                v.write(&out, first: [])
            }
            out += "]"
        case let .object(o):
            out += "{"
            let keys = first.filter { o[$0] != nil } + o.keys.filter { !first.contains($0) }.sorted()
            for (i, k) in keys.enumerated() {
                guard let v = o[k] else { continue }
                if i > 0 { out += "," }
                JSONValue.quote(k, into: &out)
                out += ":"
                v.write(&out, first: [])
            }
            out += "}"
        }
    }

    /// Integers without a fraction, others in the shortest form that reads back exactly;
    /// non-finite values as the strings "inf", "-inf", "nan".
    static func format(_ d: Double) -> String {
        d.isFinite ? Format.number(d) : "\"\(Format.number(d))\""
    }

    static func quote(_ s: String, into out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        out += "\""
    }

    /// How a value reads in a check's message: `32`, `0.0012`, `"32x32x10"`, `true`.
    public var display: String {
        switch self {
        case let .string(s): return "\"\(s)\""
        case let .number(d) where d.isNaN: return "nan"
        case let .number(d) where d.isInfinite: return d > 0 ? "inf" : "-inf"
        default: return serialized()
        }
    }

    /// Follows a path like `out`, `sizes[2]`, `layers[9].std` or `layers[-1].std` (from the end).
    public func lookup(_ path: String) throws -> JSONValue {
        var current = self
        var walked = ""
        for step in try FieldPath.parse(path) {
            switch step {
            case let .key(k):
                guard case let .object(o) = current else {
                    throw FieldPath.Failure("'\(walked)' is not an object, so it has no field '\(k)'")
                }
                guard let v = o[k] else {
                    let here = walked.isEmpty ? "the result" : "'\(walked)'"
                    var msg = "\(here) has no field '\(k)'"
                    if let s = Suggest.closest(k, in: Array(o.keys)) { msg += " (did you mean \(s)?)" }
                    msg += "; fields: " + o.keys.sorted().joined(separator: ", ")
                    throw FieldPath.Failure(msg)
                }
                current = v
                walked += walked.isEmpty ? k : ".\(k)"
            case let .index(i):
                guard case let .array(a) = current else {
                    throw FieldPath.Failure("'\(walked)' is not a list, so it cannot be indexed")
                }
                let j = i < 0 ? a.count + i : i
                guard j >= 0, j < a.count else {
                    throw FieldPath.Failure("'\(walked)' has \(a.count) entries, so [\(i)] is out of range")
                }
                current = a[j]
                walked += "[\(i)]"
            }
        }
        return current
    }
}

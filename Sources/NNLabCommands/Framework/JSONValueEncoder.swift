import Foundation

/// Encodes a result straight into a `JSONValue`: the schema of a result is its own coding keys.
///
/// Unlike `JSONEncoder`, an optional property that is nil is written as `null` (through
/// `encodeIfPresent`), so a result says "this field exists and has no value" (`conv`'s `out` when
/// no output size exists) without the interpreter adding fields it does not have. Non-finite
/// numbers stay numbers here; `JSONValue.serialized` writes them as "inf", "-inf", "nan".
public enum JSONValueEncoder {
    public static func encode(_ value: some Encodable) throws -> JSONValue {
        let root = Node()
        try value.encode(to: TreeEncoder(node: root, codingPath: []))
        return root.value
    }

    /// One value of the tree being built; containers share it by reference.
    final class Node {
        var scalar: JSONValue?
        var object: [String: Node]?
        var array: [Node]?

        init(_ scalar: JSONValue? = nil) { self.scalar = scalar }

        var value: JSONValue {
            if let o = object { return .object(o.mapValues(\.value)) }
            if let a = array { return .array(a.map(\.value)) }
            return scalar ?? .null
        }
    }

    struct TreeEncoder: Encoder {
        let node: Node
        var codingPath: [CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            if node.object == nil { node.object = [:] }
            return KeyedEncodingContainer(Keyed<Key>(node: node, codingPath: codingPath))
        }
        func unkeyedContainer() -> UnkeyedEncodingContainer {
            if node.array == nil { node.array = [] }
            return Unkeyed(node: node, codingPath: codingPath)
        }
        func singleValueContainer() -> SingleValueEncodingContainer { Single(node: node, codingPath: codingPath) }
    }

    static func encodeChild(_ value: some Encodable, into node: Node, path: [CodingKey]) throws {
        switch value {
        case let v as Double: node.scalar = .number(v)
        case let v as String: node.scalar = .string(v)
        case let v as Bool: node.scalar = .bool(v)
        default: try value.encode(to: TreeEncoder(node: node, codingPath: path))
        }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: Node
        var codingPath: [CodingKey]

        func set(_ v: JSONValue, _ key: Key) { node.object?[key.stringValue] = Node(v) }
        mutating func encodeNil(forKey key: Key) throws { set(.null, key) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            let child = Node()
            node.object?[key.stringValue] = child
            try JSONValueEncoder.encodeChild(value, into: child, path: codingPath + [key])
        }
        mutating func encode(_ value: Bool, forKey key: Key) throws { set(.bool(value), key) }
        mutating func encode(_ value: String, forKey key: Key) throws { set(.string(value), key) }
        mutating func encode(_ value: Double, forKey key: Key) throws { set(.number(value), key) }
        mutating func encode(_ value: Float, forKey key: Key) throws { set(.number(Double(value)), key) }
        mutating func encode(_ value: Int, forKey key: Key) throws { set(.number(Double(value)), key) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { set(.number(Double(value)), key) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { set(.number(Double(value)), key) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { set(.number(Double(value)), key) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { set(.number(Double(value)), key) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { set(.number(Double(value)), key) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { set(.number(Double(value)), key) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { set(.number(Double(value)), key) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { set(.number(Double(value)), key) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { set(.number(Double(value)), key) }

        // A nil optional is a field with no value: null, not a missing key.
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { set(.null, key) }
        }
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { set(value.map(JSONValue.bool) ?? .null, key) }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { set(value.map(JSONValue.string) ?? .null, key) }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { set(value.map(JSONValue.number) ?? .null, key) }
        mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { set(value.map { .number(Double($0)) } ?? .null, key) }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { set(value.map { .number(Double($0)) } ?? .null, key) }
        mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { set(value.map { .number(Double($0)) } ?? .null, key) }
        mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { set(value.map { .number(Double($0)) } ?? .null, key) }
        mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { set(value.map { .number(Double($0)) } ?? .null, key) }
        mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { set(value.map { .number(Double($0)) } ?? .null, key) }
        mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { set(value.map { .number(Double($0)) } ?? .null, key) }
        mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { set(value.map { .number(Double($0)) } ?? .null, key) }
        mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { set(value.map { .number(Double($0)) } ?? .null, key) }
        mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { set(value.map { .number(Double($0)) } ?? .null, key) }
        mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { set(value.map { .number(Double($0)) } ?? .null, key) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let child = Node()
            node.object?[key.stringValue] = child
            return TreeEncoder(node: child, codingPath: codingPath + [key]).container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
            let child = Node()
            node.object?[key.stringValue] = child
            return TreeEncoder(node: child, codingPath: codingPath + [key]).unkeyedContainer()
        }
        mutating func superEncoder() -> Encoder { TreeEncoder(node: node, codingPath: codingPath) }
        mutating func superEncoder(forKey key: Key) -> Encoder {
            let child = Node()
            node.object?[key.stringValue] = child
            return TreeEncoder(node: child, codingPath: codingPath + [key])
        }
    }

    struct Index: CodingKey {
        var stringValue: String { String(intValue ?? 0) }
        var intValue: Int?
        init(_ i: Int) { intValue = i }
        init?(stringValue: String) { return nil }
        init?(intValue: Int) { self.intValue = intValue }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let node: Node
        var codingPath: [CodingKey]
        var count: Int { node.array?.count ?? 0 }

        func append() -> Node {
            let child = Node()
            node.array?.append(child)
            return child
        }
        mutating func encodeNil() throws { append().scalar = .null }
        mutating func encode<T: Encodable>(_ value: T) throws {
            let path = codingPath + [Index(count)]
            try JSONValueEncoder.encodeChild(value, into: append(), path: path)
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let path = codingPath + [Index(count)]
            return TreeEncoder(node: append(), codingPath: path).container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
            let path = codingPath + [Index(count)]
            return TreeEncoder(node: append(), codingPath: path).unkeyedContainer()
        }
        mutating func superEncoder() -> Encoder {
            let path = codingPath + [Index(count)]
            return TreeEncoder(node: append(), codingPath: path)
        }
    }

    struct Single: SingleValueEncodingContainer {
        let node: Node
        var codingPath: [CodingKey]

        mutating func encodeNil() throws { node.scalar = .null }
        mutating func encode<T: Encodable>(_ value: T) throws { try JSONValueEncoder.encodeChild(value, into: node, path: codingPath) }
        mutating func encode(_ value: Bool) throws { node.scalar = .bool(value) }
        mutating func encode(_ value: String) throws { node.scalar = .string(value) }
        mutating func encode(_ value: Double) throws { node.scalar = .number(value) }
        mutating func encode(_ value: Float) throws { node.scalar = .number(Double(value)) }
        mutating func encode(_ value: Int) throws { node.scalar = .number(Double(value)) }
        mutating func encode(_ value: Int8) throws { node.scalar = .number(Double(value)) }
        mutating func encode(_ value: Int16) throws { node.scalar = .number(Double(value)) }
        mutating func encode(_ value: Int32) throws { node.scalar = .number(Double(value)) }
        mutating func encode(_ value: Int64) throws { node.scalar = .number(Double(value)) }
        mutating func encode(_ value: UInt) throws { node.scalar = .number(Double(value)) }
        mutating func encode(_ value: UInt8) throws { node.scalar = .number(Double(value)) }
        mutating func encode(_ value: UInt16) throws { node.scalar = .number(Double(value)) }
        mutating func encode(_ value: UInt32) throws { node.scalar = .number(Double(value)) }
        mutating func encode(_ value: UInt64) throws { node.scalar = .number(Double(value)) }
    }
}

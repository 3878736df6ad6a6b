import NNLabCore

/// A typed argument key: the declaration a command lists in its spec and reads its value with, so
/// a misspelt name is a compile error rather than a run-time "internal" one, and the value comes
/// back as the type the declaration promised.
///
///     static let layers = Arg<Int>.integer("layers", 1...100, default: 10, help: "hidden layers")
///     ... arguments: [layers.spec, ...]
///     let n = try args.value(layers)          // Int
///
/// The factories tie the value type to the `ValueKind` the parser checks, so the conversion in
/// `Arguments.value(_:)` cannot fail for a value the parser accepted.
public struct Arg<Value: ArgumentValue>: Sendable {
    public let spec: ArgumentSpec
    public var name: String { spec.name }
    init(_ spec: ArgumentSpec) { self.spec = spec }

    /// The same key, accepted only with these forms of the command (see `ArgumentSpec.only`).
    public func only(_ modes: [String]) -> Arg { Arg(spec.only(modes)) }
    public func only<C: Choice>(_ modes: C...) -> Arg { Arg(spec.only(modes.map(\.rawValue))) }
    /// The same key, refused with these forms of the command (see `ArgumentSpec.except`).
    public func except(_ modes: [String]) -> Arg { Arg(spec.except(modes)) }
}

extension Arg where Value == Int {
    public static func integer(_ name: String, _ range: ClosedRange<Int>, default d: Int? = nil, positional: Bool = false,
                               help: String) -> Arg {
        let dv = d.map(String.init)
        return Arg(positional ? .positional(name, .integer(range), default: dv, optional: d == nil, help: help)
                              : .keyword(name, .integer(range), default: dv, help: help))
    }
    /// A required positional whole number.
    public static func required(_ name: String, _ range: ClosedRange<Int>, help: String) -> Arg {
        Arg(.positional(name, .integer(range), help: help))
    }
}

extension Arg where Value == Double {
    public static func real(_ name: String, _ range: ClosedRange<Double>, exclusiveLower: Bool = false, default d: Double? = nil,
                            positional: Bool = false, help: String) -> Arg {
        let dv = d.map { Format.number($0) }
        let kind = ValueKind.real(range, exclusiveLower: exclusiveLower)
        return Arg(positional ? .positional(name, kind, default: dv, optional: d == nil, help: help)
                              : .keyword(name, kind, default: dv, help: help))
    }
}

extension Arg where Value == String {
    /// Free text, checked by the command (a path, an expression).
    public static func text(_ name: String, positional: Bool = false, required: Bool = false, help: String) -> Arg {
        Arg(positional ? .positional(name, .text, optional: !required, help: help) : .keyword(name, .text, help: help))
    }
}

extension Arg where Value == Bool {
    /// An on/off switch, typed `--name` or `name=on`; off unless given.
    public static func flag(_ name: String, help: String) -> Arg { Arg(.flag(name, help: help)) }
}

extension Arg where Value == Volume {
    public static func volume(_ name: String, maxExtent: Int, help: String) -> Arg {
        Arg(.positional(name, .volume(maxExtent: maxExtent), help: help))
    }
}

extension Arg where Value == VolumeOrWord {
    public static func volume(_ name: String, maxExtent: Int, words: [String], help: String) -> Arg {
        Arg(.positional(name, .volume(maxExtent: maxExtent, words: words), help: help))
    }
}

extension Arg where Value == IntOrWord {
    public static func integerOrWord(_ name: String, _ range: ClosedRange<Int>, words: [String], default d: String? = nil,
                                     positional: Bool = false, help: String) -> Arg {
        let kind = ValueKind.integerOrChoice(range, words)
        return Arg(positional ? .positional(name, kind, default: d, optional: d == nil, help: help)
                              : .keyword(name, kind, default: d, help: help))
    }
}

extension Arg where Value: Choice {
    /// One of an enum's cases, by its raw value: parsing, help ("one of: ..."), completion and the
    /// "did you mean" of errors all come from `allCases`.
    public static func choice(_ name: String, _ type: Value.Type, default d: Value? = nil, positional: Bool = false,
                              help: String) -> Arg {
        let kind = ValueKind.choice(Value.names)
        return Arg(positional ? .positional(name, kind, default: d?.rawValue, optional: d == nil, help: help)
                              : .keyword(name, kind, default: d?.rawValue, help: help))
    }
}

extension Arg where Value: ChoiceList {
    /// Every remaining positional word, each one of an enum's cases.
    public static func choices(_ name: String, _ type: Value.Item.Type, minimum: Int = 1, help: String) -> Arg {
        Arg(.variadic(name, .choice(Value.Item.names), minimum: minimum, help: help))
    }
}

extension Arg where Value == [String] {
    /// Every remaining positional word as typed.
    public static func words(_ name: String, minimum: Int = 0, help: String) -> Arg {
        Arg(.variadic(name, .text, minimum: minimum, help: help))
    }
    /// Every remaining positional word, each one of `choices` (a list kept outside the commands,
    /// such as the layers `gradcheck` knows).
    public static func words(_ name: String, choices: [String], minimum: Int = 0, help: String) -> Arg {
        Arg(.variadic(name, .choice(choices), minimum: minimum, help: help))
    }
}

extension Arg {
    /// A key for an argument declared by hand (a default written as it should read in help,
    /// `h=1e-5`), read back as `Value`; the declaration's kind must produce a `Value`.
    public static func declared(_ spec: ArgumentSpec) -> Arg { Arg(spec) }
}

extension Arguments {
    /// The argument's value, or nil when it was neither given nor has a default.
    public subscript<V>(_ a: Arg<V>) -> V? {
        values[a.name].flatMap(V.from)
    }

    /// The value of an argument that has a default or is required (so it is always there).
    public func value<V>(_ a: Arg<V>) throws -> V {
        guard let v = self[a] else {
            throw CommandError("internal: argument \(a.name) has no value and no default", command: spec.name)
        }
        return v
    }

    /// Whether the user typed the argument (as opposed to its default).
    public func wasGiven<V>(_ a: Arg<V>) -> Bool { wasGiven(a.name) }
}

import NNLabCore

/// One argument: positional (given by place, or by name as `name=value`) or keyword-only.
public struct ArgumentSpec: Sendable {
    public enum Form: Sendable { case positional, keyword }
    public var name: String
    public var form: Form
    public var kind: ValueKind
    /// The default as it would be typed; nil means required (positional) or absent (keyword).
    public var defaultValue: String?
    public var isOptional: Bool
    public var help: String
    /// A positional that takes every remaining positional word (`arch alexnet vgg16 resnet50`).
    public var isVariadic = false
    /// The forms of the command this argument belongs to, named by the first positional's value
    /// (`act dead-relu` takes `lr=`, `act sigmoid` does not); nil: every form. Typing it with
    /// another form is refused, so an argument is never accepted and silently ignored.
    public var appliesTo: Applicability?

    public var isRequired: Bool { form == .positional && defaultValue == nil && !isOptional }

    public static func positional(_ name: String, _ kind: ValueKind, default d: String? = nil,
                                  optional: Bool = false, help: String) -> ArgumentSpec {
        ArgumentSpec(name: name, form: .positional, kind: kind, defaultValue: d, isOptional: optional, help: help)
    }

    public static func keyword(_ name: String, _ kind: ValueKind, default d: String? = nil, help: String) -> ArgumentSpec {
        ArgumentSpec(name: name, form: .keyword, kind: kind, defaultValue: d, isOptional: d == nil, help: help)
    }

    /// Every remaining positional word, each checked as `kind`; at least `minimum` of them.
    public static func variadic(_ name: String, _ kind: ValueKind, minimum: Int = 1, help: String) -> ArgumentSpec {
        var a = ArgumentSpec(name: name, form: .positional, kind: kind, defaultValue: nil, isOptional: minimum == 0, help: help)
        a.isVariadic = true
        return a
    }

    /// The same argument, accepted only when the first positional is one of `modes`.
    public func only(_ modes: [String]) -> ArgumentSpec {
        var a = self; a.appliesTo = Applicability(modes: modes, excluded: false); return a
    }
    /// The same argument, refused when the first positional is one of `modes`.
    public func except(_ modes: [String]) -> ArgumentSpec {
        var a = self; a.appliesTo = Applicability(modes: modes, excluded: true); return a
    }

    /// Whether the argument belongs to the command form `mode` (the first positional's value as
    /// typed, nil when it was left out and has no default).
    public func applies(to mode: String?) -> Bool {
        guard let r = appliesTo else { return true }
        guard let m = mode?.lowercased() else { return r.excluded }
        return r.modes.contains { $0.lowercased() == m } != r.excluded
    }

    /// An on/off switch, written `name=on` in help and examples (the parser also takes `--name`).
    public static func flag(_ name: String, help: String) -> ArgumentSpec {
        ArgumentSpec(name: name, form: .keyword, kind: .choice(["on", "off"]), defaultValue: "off", isOptional: false, help: help)
    }
}

import NNLabCore

/// Everything about a command that is not its computation: name, syntax, help, the fields of its
/// result, examples, and how its arguments complete. One value feeds parsing, `help CMD`, Tab
/// completion and error messages, so they cannot drift apart.
public struct CommandSpec: Sendable {
    public var name: String
    public var aliases: [String] = []
    public var topic: Topic
    /// One line, shown in `help`.
    public var summary: String
    /// A few sentences for `help CMD`: what the experiment shows and the formula it applies.
    public var discussion: String = ""
    public var arguments: [ArgumentSpec] = []
    /// The fields of the JSON result, which lab `expect` lines check.
    public var fields: [FieldDoc] = []
    /// Worked examples, most from the lectures; the first one is quoted in error messages (so it must not fail).
    public var examples: [Example] = []
    /// Completion beyond the declared arguments: given the words before the cursor (without the
    /// command name) and the partial word, the candidates, or nil to fall back to the declaration.
    public var complete: (@Sendable (_ previous: [String], _ partial: String) -> [String]?)? = nil
    /// Accept `name=value` words beyond the declared arguments (`graph ... x=-2 y=5`); they are in
    /// `Arguments.extraKeywords`.
    public var acceptsAnyKeyword = false

    public init(name: String, aliases: [String] = [], topic: Topic, summary: String, discussion: String = "",
                arguments: [ArgumentSpec] = [], fields: [FieldDoc] = [], examples: [Example] = [],
                complete: (@Sendable (_ previous: [String], _ partial: String) -> [String]?)? = nil,
                acceptsAnyKeyword: Bool = false) {
        self.name = name; self.aliases = aliases; self.topic = topic; self.summary = summary
        self.discussion = discussion; self.arguments = arguments; self.fields = fields
        self.examples = examples; self.complete = complete; self.acceptsAnyKeyword = acceptsAnyKeyword
    }

    /// `conv INPUT F [S] [P] [K] [repeat=N]`
    public var synopsis: String {
        var parts = [name]
        for a in arguments {
            switch a.form {
            case .positional:
                let n = a.isVariadic ? a.name + "..." : a.name
                parts.append(a.isRequired ? n : "[\(n)]")
            case .keyword where a.kind.choices == ["on", "off"] && a.defaultValue == "off":
                parts.append("[\(a.name)=on]")  // one spelling for switches everywhere: bn=on, grad=on
            case .keyword:
                parts.append("[\(a.name)=\(a.kind.placeholder)]")
            }
        }
        return parts.joined(separator: " ")
    }

    public var positionals: [ArgumentSpec] { arguments.filter { $0.form == .positional } }

    public func argument(named n: String) -> ArgumentSpec? {
        arguments.first { $0.name.lowercased() == n.lowercased() }
    }
}

/// Lecture topics, in the order `help` lists them.
public enum Topic: String, CaseIterable, Sendable, Codable {
    case session = "Session"
    case convolution = "Convolution layers"
    case architectures = "CNN architectures"
    case backprop = "Backpropagation and activations"
    case setup = "Initialization, preprocessing, batch norm, dropout"
    case optimizers = "Optimizers"
    case training = "Training"
    case data = "Data sets and augmentation"

    public var title: String { rawValue }
}

public struct FieldDoc: Sendable, Codable, Equatable {
    public var name: String
    public var help: String
    public init(_ name: String, _ help: String) { self.name = name; self.help = help }

    /// One doc may describe several fields: "f, s, p".
    public var names: [String] { name.split(separator: ",").map { String($0).trimmingWhitespace() } }
}

public struct Example: Sendable, Codable, Equatable {
    public var line: String
    public var explanation: String
    /// An example of a mistake: it must fail with a message (the tests check that it does).
    public var fails: Bool
    /// A line the example needs run first (`init xavier` before `save init.svg`).
    public var after: String?
    public init(_ line: String, _ explanation: String, fails: Bool = false, after: String? = nil) {
        self.line = line; self.explanation = explanation; self.fails = fails; self.after = after
    }
}

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

/// The forms of a command an argument belongs to: the values of its first positional that take it
/// (`excluded` false) or that do not (`excluded` true).
public struct Applicability: Sendable, Equatable {
    public var modes: [String]
    public var excluded: Bool

    /// "act dead-relu", "every form of init but init variance".
    public func phrase(_ command: String) -> String {
        let list = modes.map { "\(command) \($0)" }
        let joined = list.count <= 2 ? list.joined(separator: " or ") : list.dropLast().joined(separator: ", ") + " or " + (list.last ?? "")
        return excluded ? "every form of \(command) but \(joined)" : joined
    }

    /// What `help CMD` shows beside the argument: "leaky, prelu only", "not with variance".
    public var helpNote: String {
        excluded ? "not with " + modes.joined(separator: ", ") : modes.joined(separator: ", ") + " only"
    }
}

/// What an argument accepts. Each kind parses, describes itself for help and errors, and offers
/// completions.
public enum ValueKind: Sendable {
    case integer(ClosedRange<Int>)
    /// A real number in a range; `exclusiveLower` for ranges like (0, 1].
    case real(ClosedRange<Double>, exclusiveLower: Bool = false)
    case choice([String])
    /// A whole number in a range, or one of a few words (a padding or `same`).
    case integerOrChoice(ClosedRange<Int>, [String])
    /// `N` (square, no depth) or `WxHxD` / `WxH`, each extent in 1...maxExtent, or one of `words`.
    case volume(maxExtent: Int, words: [String] = [])
    case text

    public var placeholder: String {
        switch self {
        case .integer: return "N"
        case .real: return "X"
        case let .choice(c): return c.joined(separator: "|")
        case let .integerOrChoice(_, c): return "N|" + c.joined(separator: "|")
        case .volume: return "WxHxD"
        case .text: return "TEXT"
        }
    }

    /// What is allowed, in words: used by help and by every error message.
    public var allowed: String {
        switch self {
        case let .integer(r): return Self.describe(r)
        case let .real(r, excl):
            let lo = excl ? "(" : "["
            return "a number in \(lo)\(Format.number(r.lowerBound)), \(Format.number(r.upperBound))]"
        case let .choice(c): return "one of: " + c.joined(separator: ", ")
        case let .integerOrChoice(r, c): return Self.describe(r) + ", or " + c.joined(separator: ", ")
        case let .volume(m, w): return "N or WxHxD with whole numbers from 1 to \(m)" + w.map { ", or \($0)" }.joined()
        case .text: return "text"
        }
    }

    public var choices: [String] {
        switch self {
        case let .choice(c), let .integerOrChoice(_, c), let .volume(_, c): return c
        default: return []
        }
    }

    static func describe(_ r: ClosedRange<Int>) -> String {
        r.upperBound == Int.max ? "a whole number from \(r.lowerBound) up" : "a whole number from \(r.lowerBound) to \(r.upperBound)"
    }
}

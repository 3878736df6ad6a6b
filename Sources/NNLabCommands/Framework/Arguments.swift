import NNLabCore

/// The arguments of one command line, parsed against the command's `CommandSpec`.
///
/// Positional arguments fill in order; any argument may also be given by name (`conv 32 5 p=2`);
/// keyword-only arguments must be. Defaults are filled in. Accessors are typed; asking for an
/// argument under the wrong type is a programming error reported as a `CommandError`, not a trap.
public struct Arguments: Sendable {
    public let spec: CommandSpec
    public private(set) var values: [String: ArgValue] = [:]
    /// Names the user typed (as opposed to defaults).
    public private(set) var given: Set<String> = []
    /// Word offsets in the line, for carets.
    public private(set) var offsets: [String: Int] = [:]
    /// Undeclared `name=value` words, in order, when the spec accepts them.
    public private(set) var extraKeywords: [(name: String, value: String)] = []

    /// `--seed 7` for a keyword argument that is not a switch reads as `seed=7` (the option
    /// spelling of a one-shot command line); switches keep `--name` alone.
    static func mergingOptionValues(_ words: [Tokenizer.Word], spec: CommandSpec) -> [Tokenizer.Word] {
        var out: [Tokenizer.Word] = []
        var k = 0
        while k < words.count {
            let w = words[k]
            if w.unquotedPrefix >= 3, w.text.hasPrefix("--"), k + 1 < words.count,
               let a = spec.argument(named: String(w.text.dropFirst(2))), a.form == .keyword, a.kind.choices != ["on", "off"] {
                let v = words[k + 1]
                out.append(Tokenizer.Word(text: a.name + "=" + v.text, offset: w.offset, quoted: v.quoted,
                                          unquotedPrefix: a.name.count + 1 + v.unquotedPrefix))
                k += 2
                continue
            }
            out.append(w)
            k += 1
        }
        return out
    }

    public init(spec: CommandSpec, words: [Tokenizer.Word]) throws {
        self.spec = spec
        var nextPositional = 0
        let positionals = spec.positionals
        var variadic: [ArgValue] = []
        for w in Self.mergingOptionValues(words, spec: spec) {
            if w.unquotedPrefix >= 3, w.text.hasPrefix("--") {
                let key = String(w.text.dropFirst(2))
                if let a = spec.argument(named: key), a.form == .keyword, a.kind.choices != ["on", "off"] {
                    throw CommandError("--\(key) needs a value after it, e.g. --\(key) 7 or \(key)=7", command: spec.name, token: w.offset)
                }
                guard let a = spec.argument(named: key), a.kind.choices == ["on", "off"] else {
                    // Switches are written name=on (help's one spelling), so the message offers that form.
                    let flags = spec.arguments.filter { $0.kind.choices == ["on", "off"] }.map(\.name)
                    var msg = "unknown option '\(w.text)'"
                    if let s = Suggest.closest(key, in: flags) { msg += " (did you mean \(s)=on?)" }
                    msg += flags.isEmpty ? "; \(spec.name) has no on/off switches" : "; \(spec.name)'s switches: " + flags.map { "\($0)=on" }.joined(separator: ", ")
                    throw CommandError(msg, command: spec.name, token: w.offset)
                }
                try set(a, raw: "on", offset: w.offset)
                continue
            }
            if let (key, raw) = w.keyword, Self.isIdentifier(key[...]) {
                guard let a = spec.argument(named: key) else {
                    if spec.acceptsAnyKeyword {
                        if extraKeywords.contains(where: { $0.name == key }) {
                            throw CommandError("\(key) is given twice; give each name once\(Self.exampleSuffix(spec))", command: spec.name, token: w.offset)
                        }
                        extraKeywords.append((key, raw))
                        continue
                    }
                    let names = spec.arguments.map { $0.name }
                    var msg = "unknown argument '\(key)='"
                    if let s = Suggest.closest(key, in: names) { msg += " (did you mean \(s)=?)" }
                    msg += names.isEmpty ? "; \(spec.name) takes no arguments" : "; \(spec.name) takes: " + names.map { "\($0)=" }.joined(separator: ", ")
                    throw CommandError(msg, command: spec.name, token: w.offset)
                }
                try set(a, raw: raw, offset: w.offset)
                continue
            }
            while nextPositional < positionals.count, given.contains(positionals[nextPositional].name) {
                nextPositional += 1
            }
            if nextPositional < positionals.count, positionals[nextPositional].isVariadic {
                let a = positionals[nextPositional]
                do {
                    variadic.append(try Self.parse(w.text, as: a, spec: spec))
                } catch var e as CommandError {
                    e.token = w.offset
                    throw e
                }
                offsets[a.name] = offsets[a.name] ?? w.offset
                continue
            }
            guard nextPositional < positionals.count else {
                let usage = spec.synopsis
                throw CommandError(
                    "too many arguments at '\(w.text)': \(spec.name) takes at most \(positionals.count) by position (usage: \(usage)\(Self.exampleSuffix(spec)))",
                    command: spec.name, token: w.offset)
            }
            try set(positionals[nextPositional], raw: w.text, offset: w.offset)
            nextPositional += 1
        }
        if let v = positionals.first(where: \.isVariadic) {
            // Stored once at the end: storing the growing list after each word copied it, which
            // made a line of n words cost n^2.
            if !variadic.isEmpty { values[v.name] = .list(variadic); given.insert(v.name) } else if v.isOptional { values[v.name] = .list([]) }
        }
        try refuseInapplicable()
        for a in spec.arguments where !given.contains(a.name) {
            if a.isVariadic, a.isOptional { continue }
            if let d = a.defaultValue {
                values[a.name] = try Self.parse(d, as: a, spec: spec)
            } else if a.isRequired {
                throw CommandError("missing \(a.name), \(a.help.lowercasedFirst) (usage: \(spec.synopsis)\(Self.exampleSuffix(spec)))",
                                   command: spec.name)
            }
        }
    }

    /// The first positional's value as typed (or its default): the form of the command, which
    /// decides which arguments apply.
    public var mode: String? {
        guard let first = spec.positionals.first else { return nil }
        if let v = values[first.name] { return Self.word(v) }
        return first.defaultValue
    }

    static func word(_ v: ArgValue) -> String? {
        switch v {
        case let .word(w), let .text(w): return w
        case let .int(i): return String(i)
        case let .real(x): return Format.number(x)
        case let .volume(x): return x.description
        case let .list(items): return items.first.flatMap(word)
        }
    }

    /// An argument typed with a form of the command it does not belong to is an error, not ignored:
    /// `act sigmoid lr=5` says that lr= is only for act dead-relu.
    private func refuseInapplicable() throws {
        let m = mode
        let wrong = spec.arguments.filter { given.contains($0.name) && !$0.applies(to: m) }
            .sorted { (offsets[$0.name] ?? 0) < (offsets[$1.name] ?? 0) }
        guard let a = wrong.first, let rule = a.appliesTo else { return }
        let form = m.map { "\(spec.name) \($0)" } ?? spec.name
        let key = a.form == .keyword ? a.name + "=" : a.name
        let others = spec.arguments.filter { $0.form == .keyword && $0.applies(to: m) }.map { $0.name + "=" }
        let takes = others.isEmpty ? "\(form) takes no named arguments" : "\(form) takes: " + others.joined(separator: ", ")
        let why = rule.excluded ? "" : ", which is for \(rule.phrase(spec.name)) only"
        // An example of the argument where it belongs, else one of this form, else the command's first.
        let good = spec.examples.filter { !$0.fails }
        let example = good.first { e in a.form == .keyword && e.line.split(separator: " ").contains { $0.hasPrefix(key) } }
            ?? good.first { e in m.map { e.line.hasPrefix("\(spec.name) \($0)") } ?? false }
            ?? good.first
        let eg = example.map { "; e.g. \($0.line)" } ?? ""
        throw CommandError("\(form) does not use \(key)\(why); \(takes)\(eg)", command: spec.name, token: offsets[a.name])
    }

    private mutating func set(_ a: ArgumentSpec, raw: String, offset: Int) throws {
        if given.contains(a.name) {
            throw CommandError("\(a.name) is given twice; give each argument once\(Self.exampleSuffix(spec))", command: spec.name, token: offset)
        }
        do {
            values[a.name] = try Self.parse(raw, as: a, spec: spec)
        } catch var e as CommandError {
            e.token = offset
            throw e
        }
        given.insert(a.name)
        offsets[a.name] = offset
    }

    static func isIdentifier(_ s: Substring) -> Bool {
        guard let f = s.first, f.isLetter || f == "_" else { return false }
        return s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }

    static func exampleSuffix(_ spec: CommandSpec) -> String {
        spec.examples.first.map { "; e.g. \($0.line)" } ?? ""
    }

    /// Parses one word as `a`'s kind, with an error that says what was wrong, what is allowed, and
    /// an example.
    static func parse(_ raw: String, as a: ArgumentSpec, spec: CommandSpec) throws -> ArgValue {
        func fail(_ what: String) -> CommandError {
            CommandError("\(a.name) \(what), got '\(raw)'; allowed: \(a.kind.allowed)\(exampleSuffix(spec))", command: spec.name)
        }
        switch a.kind {
        case let .integer(range):
            return .int(try integer(raw, range, fail))
        case let .real(range, exclusive):
            guard let x = NumberParsing.real(raw) else { throw fail("is not a number") }
            guard x.isFinite else { throw fail("must be finite") }
            guard range.contains(x), !(exclusive && x == range.lowerBound) else { throw fail("is out of range") }
            return .real(x)
        case let .choice(options):
            if let m = options.first(where: { $0.lowercased() == raw.lowercased() }) { return .word(m) }
            throw unknownWord(raw, options, a, spec)
        case let .integerOrChoice(range, options):
            if let m = options.first(where: { $0.lowercased() == raw.lowercased() }) { return .word(m) }
            if NumberParsing.looksNumeric(raw) { return .int(try integer(raw, range, fail)) }
            throw unknownWord(raw, options, a, spec)
        case let .volume(maxExtent, words):
            if let m = words.first(where: { $0.lowercased() == raw.lowercased() }) { return .word(m) }
            guard let v = try NumberParsing.volume(raw, maxExtent: maxExtent, fail: fail) else {
                throw fail("is not a size like 32 or 32x32x3")
            }
            return .volume(v)
        case .text:
            return .text(raw)
        }
    }

    static func integer(_ raw: String, _ range: ClosedRange<Int>, _ fail: (String) -> CommandError) throws -> Int {
        switch NumberParsing.integer(raw) {
        case .notANumber: throw fail("is not a number")
        case .notWhole: throw fail("must be a whole number")
        case .tooLarge: throw fail("is too large")
        case let .value(v):
            guard range.contains(v) else {
                if v < range.lowerBound { throw fail(v <= 0 && range.lowerBound > 0 ? "must be positive" : "is too small") }
                throw fail("is too large")
            }
            return v
        }
    }

    static func unknownWord(_ raw: String, _ options: [String], _ a: ArgumentSpec, _ spec: CommandSpec) -> CommandError {
        var msg = "unknown \(a.name) '\(raw)'"
        if let s = Suggest.closest(raw, in: options) { msg += " (did you mean \(s)?)" }
        msg += "; allowed: \(a.kind.allowed)\(exampleSuffix(spec))"
        return CommandError(msg, command: spec.name)
    }

    // MARK: typed access

    public func has(_ name: String) -> Bool { values[name] != nil }
    public func wasGiven(_ name: String) -> Bool { given.contains(name) }

    public func int(_ name: String) throws -> Int {
        guard case let .int(v)? = values[name] else { throw misuse(name, "a whole number") }
        return v
    }
    public func optionalInt(_ name: String) throws -> Int? {
        guard let v = values[name] else { return nil }
        guard case let .int(i) = v else { throw misuse(name, "a whole number") }
        return i
    }
    public func real(_ name: String) throws -> Double {
        switch values[name] {
        case let .real(v)?: return v
        case let .int(v)?: return Double(v)
        default: throw misuse(name, "a number")
        }
    }
    public func word(_ name: String) throws -> String {
        guard case let .word(v)? = values[name] else { throw misuse(name, "a word") }
        return v
    }
    public func text(_ name: String) throws -> String {
        guard case let .text(v)? = values[name] else { throw misuse(name, "text") }
        return v
    }
    public func volume(_ name: String) throws -> Volume {
        guard case let .volume(v)? = values[name] else { throw misuse(name, "a volume") }
        return v
    }
    public func value(_ name: String) -> ArgValue? { values[name] }

    /// A variadic argument's words as typed (choices normalized).
    public func words(_ name: String) -> [String] {
        guard case let .list(items)? = values[name] else { return [] }
        return items.map {
            switch $0 {
            case let .word(w), let .text(w): return w
            case let .int(i): return String(i)
            case let .real(x): return Format.number(x)
            case let .volume(v): return v.description
            case .list: return ""
            }
        }
    }

    public func flag(_ name: String) -> Bool { (try? word(name)) == "on" }

    private func misuse(_ name: String, _ type: String) -> CommandError {
        CommandError("internal: argument \(name) read as \(type)", command: spec.name)
    }
}

extension String {
    func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}

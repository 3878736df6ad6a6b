/// Tab completion as a pure function of the line and the cursor, so it is tested without a terminal.
///
/// - first word: command names;
/// - `help <Tab>`: command names; `set <Tab>`: setting keys, then their values;
/// - a positional argument with fixed choices (`init x<Tab>` -> `xavier`) offers them;
/// - otherwise `key=` for the command's named arguments, and after `key=` that argument's choices.
public enum Completion {
    public struct Result: Equatable {
        /// Where the word being completed starts; candidates replace line[start..<cursor].
        public var start: Int
        public var candidates: [String]
    }

    public static func complete(line: String, cursor: Int, registry: Registry = .standard) -> Result {
        let chars = Array(line)
        let cursor = max(0, min(cursor, chars.count))
        let before = String(chars[..<cursor])
        // The partial word is everything after the last space before the cursor.
        var start = cursor
        while start > 0, !chars[start - 1].isWhitespace { start -= 1 }
        let partial = String(chars[start..<cursor])
        // Only the current statement matters: `seed 0; co<Tab>`.
        let head = String(before.prefix(start))
        let statement = head.split(separator: ";", omittingEmptySubsequences: false).last.map(String.init) ?? head
        let prev = statement.split(whereSeparator: { $0.isWhitespace }).map(String.init)

        guard let first = prev.first else {
            return Result(start: start, candidates: filter(registry.names, partial))
        }
        guard let command = registry.command(named: first) else { return Result(start: start, candidates: []) }
        let spec = command.spec
        let rest = Array(prev.dropFirst())
        if let custom = spec.complete, let c = custom(rest, partial) {
            return Result(start: start, candidates: filter(c, partial))
        }
        // After `key=`: that argument's values.
        if let eq = partial.firstIndex(of: "=") {
            let key = String(partial[..<eq])
            let valuePartial = String(partial[partial.index(after: eq)...])
            guard let a = spec.argument(named: key) else { return Result(start: start, candidates: []) }
            let vstart = start + key.count + 1
            return Result(start: vstart, candidates: filter(a.kind.choices, valuePartial))
        }
        var candidates: [String] = []
        // The next positional argument's choices.
        let positionalCount = rest.filter { !$0.contains("=") && !$0.hasPrefix("--") }.count
        let positionals = spec.positionals
        if positionalCount < positionals.count {
            candidates += positionals[positionalCount].kind.choices
        } else if let v = positionals.last, v.isVariadic {
            candidates += v.kind.choices
        }
        if partial.hasPrefix("-") {
            let flags = spec.arguments.filter { $0.form == .keyword && $0.kind.choices == ["on", "off"] && $0.defaultValue == "off" }
            return Result(start: start, candidates: filter(flags.map { "--" + $0.name }, partial))
        }
        // Named arguments not given yet.
        let givenKeys = Set(rest.compactMap { $0.split(separator: "=").first.map(String.init) }.filter { _ in true })
        // Only those that apply to the form typed so far (`act dead-relu` offers lr=, `act sigmoid` does not).
        let mode = rest.first { !$0.contains("=") && !$0.hasPrefix("--") } ?? positionals.first?.defaultValue
        for a in spec.arguments where a.form == .keyword && !givenKeys.contains(a.name) && a.applies(to: mode) {
            candidates.append(a.name + "=")
        }
        return Result(start: start, candidates: filter(candidates, partial))
    }

    static func filter(_ candidates: [String], _ partial: String) -> [String] {
        let p = partial.lowercased()
        var seen = Set<String>()
        return candidates.filter { $0.lowercased().hasPrefix(p) && seen.insert($0).inserted }
    }

    /// The longest prefix all candidates share (what Tab inserts when there are several).
    public static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first else { return "" }
        for w in words.dropFirst() {
            while !w.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }
}

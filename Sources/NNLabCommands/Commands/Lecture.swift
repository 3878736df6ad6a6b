import NNLabCore

/// One lecture note as shipped in the binary: its file name, its Markdown, its title (the first
/// heading, used as the one-line summary) and its "try it" commands (the `nnlab> ` lines of its
/// code blocks, without the prompt and without a trailing `# comment`).
public struct Lecture: Sendable, Equatable {
    public var number: Int
    public var name: String
    public var markdown: String

    /// Every note, numbered from 1 in course order.
    public static let all: [Lecture] = LectureNotes.all.enumerated().map {
        Lecture(number: $0.offset + 1, name: $0.element.name, markdown: $0.element.markdown)
    }

    public var document: Markdown { Markdown(parsing: markdown) }

    public var title: String {
        for case let .heading(_, inl) in document.blocks { return inl.map(\.plainText).joined() }
        return name
    }

    /// The "try it" blocks: each code block that holds `nnlab> ` lines, as its commands.
    public var tryItBlocks: [[String]] { tryIt.map(\.commands) }

    /// A "try it" block: its commands, and the lab checks (`expect ...` lines) of an HTML comment
    /// right after it, which apply to the result of the block's last command as in a lab.
    public struct TryIt: Sendable, Equatable {
        public var commands: [String]
        public var checks: [String]
    }

    public var tryIt: [TryIt] {
        func collect(_ blocks: [Markdown.Block]) -> [TryIt] {
            var out: [TryIt] = []
            for b in blocks {
                switch b {
                case let .code(s):
                    let cmds = s.split(separator: "\n").compactMap { Lecture.command(inLine: String($0)) }
                    if !cmds.isEmpty { out.append(TryIt(commands: cmds, checks: [])) }
                case let .comment(c):
                    let checks = c.split(separator: "\n").map { String($0).trimmingWhitespace() }
                        .filter { $0.hasPrefix("expect") }
                    if !checks.isEmpty, !out.isEmpty { out[out.count - 1].checks += checks }
                case let .list(_, _, items): out += items.flatMap(collect)
                case let .quote(inner): out += collect(inner)
                case .heading, .paragraph, .table, .rule: break
                }
            }
            return out
        }
        return collect(document.blocks)
    }

    /// `nnlab> conv 7 3 1        # (7 - 3)/1 + 1 = 5` gives `conv 7 3 1`; other lines give nil.
    /// A `#` inside double quotes is kept.
    static func command(inLine line: String) -> String? {
        let t = line.trimmingWhitespace()
        guard t.hasPrefix("nnlab>") else { return nil }
        var out = ""
        var quoted = false
        for ch in t.dropFirst("nnlab>".count) {
            if ch == "\"" { quoted.toggle() }
            if ch == "#" && !quoted { break }
            out.append(ch)
        }
        let cmd = out.trimmingWhitespace()
        return cmd.isEmpty ? nil : cmd
    }

    /// `3`, `backprop` or a unique prefix of a name (`init`); nil when none or several match.
    public static func find(_ key: String) -> Lecture? {
        let k = key.lowercased()
        if let n = Int(k) { return all.first { $0.number == n } }
        if let exact = all.first(where: { $0.name == k }) { return exact }
        let matches = all.filter { $0.name.hasPrefix(k) }
        return matches.count == 1 ? matches[0] : nil
    }
}

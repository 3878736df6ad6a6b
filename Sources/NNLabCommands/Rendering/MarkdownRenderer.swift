/// Renders a `Markdown` tree for a terminal `width` columns wide: headings (underlined in plain
/// text), emphasis (colour only when the style has it), lists with hanging indents, code blocks
/// indented by four, tables with aligned columns (cells wrapped when the table is wider than the
/// screen). Prose is re-wrapped greedily; no line it returns is longer than `width` visible
/// characters (a word longer than a line is cut).
public struct MarkdownRenderer: Sendable {
    public var width: Int
    public var style: TextStyle

    /// The narrowest width the renderer accepts; narrower requests are raised to it.
    public static let minimumWidth = 20

    public init(width: Int, style: TextStyle = .plain) {
        self.width = max(width, MarkdownRenderer.minimumWidth); self.style = style
    }

    public func render(_ doc: Markdown) -> String { lines(doc.blocks, width: width).joined(separator: "\n") }

    /// The blocks as lines, separated by one blank line.
    func lines(_ blocks: [Markdown.Block], width w: Int) -> [String] {
        var out: [String] = []
        for b in blocks {
            if case .comment = b { continue }
            if !out.isEmpty { out.append("") }
            out += lines(b, width: w)
        }
        return out
    }

    private func lines(_ block: Markdown.Block, width w: Int) -> [String] {
        switch block {
        case let .heading(level, inl):
            let text = wrap(inl, width: w, base: .strong)
            guard level <= 2 else { return text }
            let longest = inl.map(\.plainText).joined().count
            return text + [String(repeating: level == 1 ? "=" : "-", count: min(longest, w))]
        case let .paragraph(inl): return wrap(inl, width: w, base: .none)
        case let .code(s):
            // A verbatim line too long for the screen is cut, each cut marked with a `\` at the end
            // of the line it leaves (as a shell continues a line), so no piece passes for a line of its own.
            return s.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line -> [String] in
                guard line.count > w - 4 else { return [style.accent("    " + line)] }
                let pieces = cut(String(line), width: w - 5)
                return pieces.enumerated().map { style.accent("    " + $0.element + ($0.offset < pieces.count - 1 ? "\\" : "")) }
            }
        case let .list(ordered, start, items):
            var out: [String] = []
            let markers = items.indices.map { ordered ? "\(start + $0). " : "- " }
            let pad = markers.map(\.count).max() ?? 2
            for (i, item) in items.enumerated() {
                let body = lines(item, width: w - pad)
                let marker = markers[i].padding(toLength: pad, withPad: " ", startingAt: 0)
                for (j, l) in body.enumerated() {
                    out.append(l.isEmpty ? "" : (j == 0 ? marker : String(repeating: " ", count: pad)) + l)
                }
            }
            return out
        case let .quote(inner): return lines(inner, width: w - 2).map { "| " + $0 }
        case .rule: return [String(repeating: "-", count: w)]
        case let .table(aligns, header, rows): return table(aligns, header, rows, width: w)
        case .comment: return []
        }
    }

    // MARK: words

    enum Emphasis { case none, code, emphasis, strong }

    /// A piece of a word with one emphasis.
    struct Run { var text: String; var emphasis: Emphasis }

    private func runs(_ inl: [Markdown.Inline], _ e: Emphasis) -> [Run] {
        inl.flatMap { i -> [Run] in
            switch i {
            case let .text(s): return [Run(text: s, emphasis: e)]
            case let .code(s): return [Run(text: s, emphasis: .code)]
            case let .emphasis(c): return runs(c, e == .strong ? .strong : .emphasis)
            case let .strong(c): return runs(c, .strong)
            case .softBreak: return [Run(text: " ", emphasis: e)]
            case .lineBreak: return [Run(text: "\n", emphasis: e)]
            }
        }
    }

    private func styled(_ r: Run) -> String {
        switch r.emphasis {
        case .none: return r.text
        case .code, .emphasis: return style.accent(r.text)
        case .strong: return style.bold(r.text)
        }
    }

    /// Splits runs into words (runs between spaces) and hard line breaks (nil).
    private func words(_ rs: [Run]) -> [[Run]?] {
        var out: [[Run]?] = []
        var current: [Run] = []
        func flush() { if !current.isEmpty { out.append(current); current = [] } }
        for r in rs {
            var piece = ""
            for ch in r.text {
                if ch == " " || ch == "\n" {
                    if !piece.isEmpty { current.append(Run(text: piece, emphasis: r.emphasis)); piece = "" }
                    flush()
                    if ch == "\n" { out.append(nil) }
                } else {
                    piece.append(ch)
                }
            }
            if !piece.isEmpty { current.append(Run(text: piece, emphasis: r.emphasis)) }
        }
        flush()
        return out
    }

    /// Greedy wrapping of inline content to `w` columns.
    func wrap(_ inl: [Markdown.Inline], width w: Int, base: Emphasis) -> [String] {
        var out: [String] = []
        var line = "", used = 0
        func emit() { out.append(line); line = ""; used = 0 }
        for word in words(runs(inl, base)) {
            guard let word else { emit(); continue }
            var length = word.reduce(0) { $0 + $1.text.count }
            var pieces = word
            if used > 0 && used + 1 + length > w { emit() }
            if used > 0 { line += " "; used += 1 }
            // A word longer than the line is cut into line-sized pieces.
            while length > w - used {
                var room = w - used
                var head: [Run] = []
                var rest: [Run] = []
                for p in pieces {
                    if room <= 0 { rest.append(p); continue }
                    if p.text.count <= room { head.append(p); room -= p.text.count } else {
                        head.append(Run(text: String(p.text.prefix(room)), emphasis: p.emphasis))
                        rest.append(Run(text: String(p.text.dropFirst(room)), emphasis: p.emphasis))
                        room = 0
                    }
                }
                line += head.map(styled).joined(); emit()
                pieces = rest; length = rest.reduce(0) { $0 + $1.text.count }
            }
            line += pieces.map(styled).joined(); used += length
        }
        if used > 0 || out.isEmpty { out.append(line) }
        return out
    }

    /// Cuts a verbatim line into pieces of at most `w` characters (at least 1).
    private func cut(_ s: String, width w: Int) -> [String] {
        let w = max(w, 1)
        guard s.count > w else { return [s] }
        var out: [String] = [], rest = Substring(s)
        while rest.count > w { out.append(String(rest.prefix(w))); rest = rest.dropFirst(w) }
        out.append(String(rest))
        return out
    }

    // MARK: tables

    /// Column widths: each column's longest cell, the widest columns narrowed one character at a
    /// time until the table (columns plus two spaces between them) fits `w`.
    static func columnWidths(_ natural: [Int], fitting w: Int) -> [Int] {
        var widths = natural
        let gaps = 2 * max(widths.count - 1, 0)
        while widths.reduce(0, +) + gaps > w, let i = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[i] > 3 {
            widths[i] -= 1
        }
        return widths
    }

    private func table(_ aligns: [Markdown.Alignment], _ header: [[Markdown.Inline]], _ rows: [[[Markdown.Inline]]],
                       width w: Int) -> [String] {
        let all = [header] + rows
        let n = all.map(\.count).max() ?? 0
        guard n > 0 else { return [] }
        let natural = (0..<n).map { c in
            all.map { c < $0.count ? $0[c].map(\.plainText).joined().count : 0 }.max() ?? 0
        }
        let widths = MarkdownRenderer.columnWidths(natural.map { max($0, 1) }, fitting: w)
        func format(_ row: [[Markdown.Inline]], header: Bool) -> [String] {
            let cells = (0..<n).map { c -> [String] in
                let inl = c < row.count ? row[c] : []
                return wrap(inl, width: widths[c], base: header ? .strong : .none)
            }
            let height = cells.map(\.count).max() ?? 1
            return (0..<height).map { k in
                var parts: [String] = []
                for c in 0..<n {
                    let text = k < cells[c].count ? cells[c][k] : ""
                    let visible = k < cells[c].count ? visibleWidth(of: row, column: c, line: k, widths[c], header) : 0
                    let room = max(widths[c] - visible, 0)
                    let align = c < aligns.count ? aligns[c] : .left
                    switch align {
                    case .left: parts.append(text + String(repeating: " ", count: room))
                    case .right: parts.append(String(repeating: " ", count: room) + text)
                    case .center:
                        parts.append(String(repeating: " ", count: room / 2) + text
                                     + String(repeating: " ", count: room - room / 2))
                    }
                }
                return trimmedRight(parts.joined(separator: "  "))
            }
        }
        var out = format(header, header: true)
        out.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        for r in rows { out += format(r, header: false) }
        return out
    }

    /// The visible length of line `k` of a cell once wrapped (the rendered line may carry colour codes).
    private func visibleWidth(of row: [[Markdown.Inline]], column c: Int, line k: Int, _ w: Int, _ header: Bool) -> Int {
        let plain = MarkdownRenderer(width: w, style: .plain)
        let inl = c < row.count ? row[c] : []
        let l = plain.wrap(inl, width: w, base: header ? .strong : .none)
        return k < l.count ? l[k].count : 0
    }

    private func trimmedRight(_ s: String) -> String {
        var s = s
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}

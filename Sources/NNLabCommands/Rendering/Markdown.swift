import CCMark
import NNLabCore

/// A Markdown document as a tree of blocks, parsed by cmark-gfm (the GitHub-flavoured CommonMark
/// reference parser) with its table extension. Only the structure a terminal can show is kept;
/// raw HTML is kept as literal text.
public struct Markdown: Sendable, Equatable {
    public indirect enum Block: Sendable, Equatable {
        case heading(level: Int, [Inline])
        case paragraph([Inline])
        /// A fenced or indented code block, verbatim (no trailing newline).
        case code(String)
        case list(ordered: Bool, start: Int, items: [[Block]])
        case quote([Block])
        case table(alignments: [Alignment], header: [[Inline]], rows: [[[Inline]]])
        case rule
        /// An HTML comment (`<!-- ... -->` on lines of its own): not shown. A note puts lab checks
        /// for the "try it" block above it in one (`<!-- expect out == 32 -->`).
        case comment(String)
    }

    public indirect enum Inline: Sendable, Equatable {
        case text(String)
        case code(String)
        case emphasis([Inline])
        case strong([Inline])
        /// A soft line break: a space when the paragraph is re-wrapped.
        case softBreak
        case lineBreak
    }

    public enum Alignment: Sendable, Equatable, CaseIterable { case left, center, right }

    public var blocks: [Block]

    public init(blocks: [Block]) { self.blocks = blocks }

    /// Parses `source` (UTF-8 Markdown) with cmark-gfm and its `table` extension.
    public init(parsing source: String) {
        cmark_gfm_core_extensions_ensure_registered()
        let parser = cmark_parser_new(CMARK_OPT_DEFAULT)
        defer { cmark_parser_free(parser) }
        if let table = cmark_find_syntax_extension("table") {
            cmark_parser_attach_syntax_extension(parser, table)
        }
        let bytes = Array(source.utf8)
        bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buf.count) { cmark_parser_feed(parser, $0, buf.count) }
            }
        }
        guard let root = cmark_parser_finish(parser) else { blocks = []; return }
        defer { cmark_node_free(root) }
        blocks = Markdown.blocks(under: root)
    }

    private static func children(_ node: OpaquePointer) -> [OpaquePointer] {
        var out: [OpaquePointer] = []
        var c = cmark_node_first_child(node)
        while let n = c { out.append(n); c = cmark_node_next(n) }
        return out
    }

    private static func type(_ node: OpaquePointer) -> String {
        cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
    }

    private static func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    private static func blocks(under node: OpaquePointer) -> [Block] { children(node).compactMap(block) }

    private static func block(_ node: OpaquePointer) -> Block? {
        switch type(node) {
        case "heading": return .heading(level: Int(cmark_node_get_heading_level(node)), inlines(under: node))
        case "paragraph": return .paragraph(inlines(under: node))
        case "code_block", "html_block":
            var s = literal(node)
            while s.hasSuffix("\n") { s.removeLast() }
            let t = s.trimmingWhitespace()
            if type(node) == "html_block", t.hasPrefix("<!--"), t.hasSuffix("-->") {
                return .comment(String(t.dropFirst(4).dropLast(3)).trimmingWhitespace())
            }
            return .code(s)
        case "list":
            let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            return .list(ordered: ordered, start: Int(cmark_node_get_list_start(node)),
                         items: children(node).map { blocks(under: $0) })
        case "block_quote": return .quote(blocks(under: node))
        case "thematic_break": return .rule
        case "table":
            let rows = children(node)
            let n = rows.first.map { children($0).count } ?? 0
            var aligns: [Alignment] = []
            if let a = cmark_gfm_extensions_get_table_alignments(node) {
                for i in 0..<n {
                    switch a[i] {
                    case UInt8(ascii: "c"): aligns.append(.center)
                    case UInt8(ascii: "r"): aligns.append(.right)
                    default: aligns.append(.left)
                    }
                }
            } else {
                aligns = Array(repeating: .left, count: n)
            }
            let cells = rows.map { children($0).map { inlines(under: $0) } }
            return .table(alignments: aligns, header: cells.first ?? [], rows: Array(cells.dropFirst()))
        default:
            let inner = blocks(under: node)
            return inner.isEmpty ? nil : .quote(inner)
        }
    }

    private static func inlines(under node: OpaquePointer) -> [Inline] { children(node).map(inline) }

    private static func inline(_ node: OpaquePointer) -> Inline {
        switch type(node) {
        case "text", "html_inline": return .text(literal(node))
        case "code": return .code(literal(node))
        case "emph": return .emphasis(inlines(under: node))
        case "strong": return .strong(inlines(under: node))
        case "softbreak": return .softBreak
        case "linebreak": return .lineBreak
        default: return .emphasis(inlines(under: node)) // links, strikethrough: their text
        }
    }
}

extension Markdown.Inline {
    /// The text without styling, as a reader sees it.
    public var plainText: String {
        switch self {
        case let .text(s), let .code(s): return s
        case let .emphasis(c), let .strong(c): return c.map(\.plainText).joined()
        case .softBreak: return " "
        case .lineBreak: return "\n"
        }
    }
}

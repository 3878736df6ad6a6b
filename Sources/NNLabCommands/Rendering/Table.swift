/// An aligned text table: a header, rows, and per-column alignment. Numbers right, words left.
///
/// Fitting to `TextStyle.width` (unless `style.wide`): the columns in `dropOrder` are left out, in
/// that order, until the table fits, and a line below the table names them and says `--wide` shows
/// them; then the `wrapColumns` (prose, such as a help table's meaning) wrap inside their cells.
public struct Table {
    public enum Align { case left, right }
    public var headers: [String]
    public var align: [Align]
    public var rows: [[String]] = []
    /// Rows after which a rule is drawn (e.g. before a totals row).
    public var rulesAfter: Set<Int> = []
    /// Columns (by index) to leave out when the table is too wide, least important first.
    public var dropOrder: [Int] = []
    /// Columns of prose that may wrap inside their cells when the table is still too wide.
    public var wrapColumns: [Int] = []

    public init(_ headers: [String], align: [Align]? = nil, dropOrder: [Int] = [], wrap wrapColumns: [Int] = []) {
        self.headers = headers
        self.align = align ?? headers.map { _ in .left }
        self.dropOrder = dropOrder; self.wrapColumns = wrapColumns
    }

    public mutating func add(_ row: [String]) { rows.append(row) }
    public mutating func rule() { rulesAfter.insert(rows.count - 1) }

    /// The columns that `render` leaves out at this style's width.
    public func hiddenColumns(_ style: TextStyle, indent: String = "") -> [Int] {
        guard !style.wide else { return [] }
        var keep = Array(0..<headers.count), hidden: [Int] = []
        let widths = naturalWidths()
        // The narrowest the kept columns can be: prose columns shrink to 16, the others not at all.
        func narrowest() -> Int {
            indent.count + keep.map { wrapColumns.contains($0) ? min(widths[$0], 16) : widths[$0] }.reduce(0, +)
                + 2 * max(0, keep.count - 1)
        }
        for c in dropOrder where narrowest() > style.width && keep.count > 1 {
            keep.removeAll { $0 == c }; hidden.append(c)
        }
        return hidden
    }

    func naturalWidths() -> [Int] {
        var widths = headers.map { TextStyle.visibleCount($0) }
        for r in rows { for (i, c) in r.prefix(headers.count).enumerated() { widths[i] = max(widths[i], TextStyle.visibleCount(c)) } }
        return widths
    }

    public func render(_ style: TextStyle = .plain, indent: String = "") -> String {
        let hidden = hiddenColumns(style, indent: indent)
        let keep = (0..<headers.count).filter { !hidden.contains($0) }
        var widths = naturalWidths()
        // Shrink the widest prose column a column at a time while the table is still too wide.
        if !style.wide {
            func total() -> Int { indent.count + keep.map { widths[$0] }.reduce(0, +) + 2 * max(0, keep.count - 1) }
            while total() > style.width,
                  let w = keep.filter({ wrapColumns.contains($0) && widths[$0] > 12 }).max(by: { widths[$0] < widths[$1] }) {
                widths[w] -= 1
            }
        }
        func physical(_ cells: [String]) -> [String] {
            // Each kept cell as its lines (only the wrap column has more than one).
            var columns: [[String]] = []
            for i in keep {
                let c = i < cells.count ? cells[i] : ""
                if wrapColumns.contains(i), TextStyle.visibleCount(c) > widths[i] {
                    columns.append(style.paragraph(c, width: widths[i]))
                } else { columns.append([c]) }
            }
            let height = columns.map(\.count).max() ?? 1
            var lines: [String] = []
            for r in 0..<height {
                var parts: [String] = []
                for (k, i) in keep.enumerated() {
                    let c = r < columns[k].count ? columns[k][r] : ""
                    let pad = String(repeating: " ", count: max(0, widths[i] - TextStyle.visibleCount(c)))
                    parts.append((i < align.count ? align[i] : .left) == .right ? pad + c : c + pad)
                }
                var s = indent + parts.joined(separator: "  ")
                while s.last == " " { s.removeLast() }
                lines.append(s)
            }
            return lines
        }
        let ruleLine = indent + keep.map { String(repeating: "-", count: widths[$0]) }.joined(separator: "  ")
        var out = physical(headers).map { style.bold($0) } + [ruleLine]
        for (i, r) in rows.enumerated() {
            out.append(contentsOf: physical(r))
            if rulesAfter.contains(i) && i != rows.count - 1 { out.append(ruleLine) }
        }
        if !hidden.isEmpty {
            let names = hidden.map { headers[$0] }.joined(separator: ", ")
            out.append(contentsOf: style.paragraph("(\(names) not shown at \(style.width) columns; --wide shows every column)",
                                                   first: indent, rest: indent + " ").map { style.dim($0) })
        }
        return out.joined(separator: "\n")
    }
}

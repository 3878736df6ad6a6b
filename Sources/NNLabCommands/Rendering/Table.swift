/// An aligned text table: a header, rows, and per-column alignment. Numbers right, words left.
public struct Table {
    public enum Align { case left, right }
    public var headers: [String]
    public var align: [Align]
    public var rows: [[String]] = []
    /// Rows after which a rule is drawn (e.g. before a totals row).
    public var rulesAfter: Set<Int> = []

    public init(_ headers: [String], align: [Align]? = nil) {
        self.headers = headers
        self.align = align ?? headers.map { _ in .left }
    }

    public mutating func add(_ row: [String]) { rows.append(row) }
    public mutating func rule() { rulesAfter.insert(rows.count - 1) }

    public func render(_ style: TextStyle = .plain, indent: String = "") -> String {
        let n = headers.count
        var widths = headers.map { $0.count }
        for r in rows { for (i, c) in r.prefix(n).enumerated() { widths[i] = max(widths[i], c.count) } }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for i in 0..<n {
                let c = i < cells.count ? cells[i] : ""
                let pad = String(repeating: " ", count: widths[i] - c.count)
                parts.append((i < align.count ? align[i] : .left) == .right ? pad + c : c + pad)
            }
            var s = indent + parts.joined(separator: "  ")
            while s.last == " " { s.removeLast() }
            return s
        }
        let ruleLine = indent + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        var out = [style.bold(line(headers)), ruleLine]
        for (i, r) in rows.enumerated() {
            out.append(line(r))
            if rulesAfter.contains(i) && i != rows.count - 1 { out.append(ruleLine) }
        }
        return out.joined(separator: "\n")
    }
}

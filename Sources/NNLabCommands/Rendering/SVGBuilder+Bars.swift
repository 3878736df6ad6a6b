import Foundation

extension SVGBuilder {
    /// One bar per (label, value), scaled to the largest, in the box (x0, y0, w, h). Each bar is a
    /// `<rect class="bar">` carrying its value in `data-value` and a `<title>` (a browser shows it on
    /// hover), so the numbers can be read back from the file.
    public mutating func bars(_ items: [(label: String, value: Double)], box: (Double, Double, Double, Double),
                              title: String, unit: String, color: String = "#4a7ab5") {
        let (bx, by, bw, bh) = box
        body.append("<rect x=\"\(Self.n(bx))\" y=\"\(Self.n(by))\" width=\"\(Self.n(bw))\" height=\"\(Self.n(bh))\" fill=\"none\" stroke=\"#999\"/>")
        text(bx + bw / 2, by - 6, title, size: 12, anchor: "middle")
        let top = items.map(\.value).filter(\.isFinite).max() ?? 0
        let slot = bw / Double(max(items.count, 1))
        for (i, item) in items.enumerated() {
            let v = item.value.isFinite ? max(item.value, 0) : 0
            let h = top > 0 ? v / top * (bh - 14) : 0
            let x = bx + Double(i) * slot + slot * 0.1
            body.append("<rect class=\"bar\" data-value=\"\(Self.esc(String(describing: item.value)))\" x=\"\(Self.n(x))\" y=\"\(Self.n(by + bh - h))\" width=\"\(Self.n(slot * 0.8))\" height=\"\(Self.n(h))\" fill=\"\(color)\"><title>\(Self.esc(item.label)): \(Self.esc(Self.compact(item.value))) \(Self.esc(unit))</title></rect>")
            if items.count <= 40 {
                body.append("<text x=\"\(Self.n(x + slot * 0.4))\" y=\"\(Self.n(by + bh + 10))\" font-size=\"8\" text-anchor=\"end\" transform=\"rotate(-45 \(Self.n(x + slot * 0.4)) \(Self.n(by + bh + 10)))\">\(Self.esc(item.label))</text>")
            }
        }
        text(bx - 4, by + 12, Self.compact(top) + " " + unit, size: 9, anchor: "end")
        text(bx - 4, by + bh - 4, "0", size: 9, anchor: "end")
    }

    /// A series of (x, y) points joined by a line, each a `<circle class="point">` with its values in
    /// `data-x`/`data-y`; the vertical range covers the points, 0 and `reference` (drawn dashed).
    /// x values are placed on a log10 axis when `logX`; `xLabels` name the two ends.
    public mutating func series(_ points: [(Double, Double)], box: (Double, Double, Double, Double), title: String,
                                logX: Bool = false, xLabels: (String, String), reference: (value: Double, label: String)? = nil,
                                color: String = "#4a7ab5") {
        let (bx, by, bw, bh) = box
        body.append("<rect x=\"\(Self.n(bx))\" y=\"\(Self.n(by))\" width=\"\(Self.n(bw))\" height=\"\(Self.n(bh))\" fill=\"none\" stroke=\"#999\"/>")
        text(bx + bw / 2, by - 6, title, size: 12, anchor: "middle")
        let pts = points.filter { $0.0.isFinite && $0.1.isFinite && (!logX || $0.0 > 0) }
        let xs = pts.map { logX ? log10($0.0) : $0.0 }
        var ys = pts.map(\.1) + [0]
        if let r = reference, r.value.isFinite { ys.append(r.value) }
        guard let xmin = xs.min(), let xmax = xs.max(), var ymin = ys.min(), var ymax = ys.max() else { return }
        if ymax - ymin < 1e-12 { ymin -= 1; ymax += 1 }
        func px(_ x: Double) -> Double { bx + 10 + (xmax > xmin ? (x - xmin) / (xmax - xmin) : 0.5) * (bw - 20) }
        func py(_ y: Double) -> Double { by + bh - 10 - (y - ymin) / (ymax - ymin) * (bh - 20) }
        if let r = reference, r.value.isFinite {
            body.append("<line class=\"reference\" data-value=\"\(r.value)\" x1=\"\(Self.n(bx))\" y1=\"\(Self.n(py(r.value)))\" x2=\"\(Self.n(bx + bw))\" y2=\"\(Self.n(py(r.value)))\" stroke=\"#c0392b\" stroke-dasharray=\"4 3\"/>")
            text(bx + bw - 4, py(r.value) - 4, r.label, size: 9, anchor: "end")
        }
        body.append("<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.5\" points=\"" + zip(xs, pts).map { "\(Self.n(px($0.0))),\(Self.n(py($0.1.1)))" }.joined(separator: " ") + "\"/>")
        for (x, p) in zip(xs, pts) {
            body.append("<circle class=\"point\" data-x=\"\(p.0)\" data-y=\"\(p.1)\" cx=\"\(Self.n(px(x)))\" cy=\"\(Self.n(py(p.1)))\" r=\"3\" fill=\"\(color)\"/>")
        }
        text(bx - 4, by + 12, String(format: "%.3g", ymax), size: 9, anchor: "end")
        text(bx - 4, by + bh - 4, String(format: "%.3g", ymin), size: 9, anchor: "end")
        text(bx + 10, by + bh + 12, xLabels.0, size: 9)
        text(bx + bw - 10, by + bh + 12, xLabels.1, size: 9, anchor: "end")
    }

    static func compact(_ x: Double) -> String {
        guard x.isFinite else { return "\(x)" }
        let a = abs(x)
        if a >= 1e9 { return String(format: "%.3gG", x / 1e9) }
        if a >= 1e6 { return String(format: "%.3gM", x / 1e6) }
        if a >= 1e3 { return String(format: "%.3gK", x / 1e3) }
        return String(format: "%.3g", x)
    }
}

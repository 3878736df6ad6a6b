import Foundation

extension SVGBuilder {
    /// A scatter of (x, y) points, each with its own color, in the box (x0, y0, w, h); x may be
    /// drawn on a log10 axis (`logX`), labelled with the powers of ten it spans.
    public mutating func scatter(_ points: [(x: Double, y: Double, color: String)], box: (Double, Double, Double, Double),
                                 title: String, xLabel: String, logX: Bool) {
        let (bx, by, bw, bh) = box
        body.append("<rect x=\"\(Self.n(bx))\" y=\"\(Self.n(by))\" width=\"\(Self.n(bw))\" height=\"\(Self.n(bh))\" fill=\"none\" stroke=\"#999\"/>")
        text(bx + bw / 2, by - 6, title, size: 12, anchor: "middle")
        text(bx + bw / 2, by + bh + 26, xLabel, size: 10, anchor: "middle")
        let pts = points.map { (x: logX ? log10($0.x) : $0.x, y: $0.y, color: $0.color) }.filter { $0.x.isFinite && $0.y.isFinite }
        guard let xmin = pts.map(\.x).min(), let xmax = pts.map(\.x).max(), var ymin = pts.map(\.y).min(), var ymax = pts.map(\.y).max() else { return }
        ymin = min(ymin, 0); ymax = max(ymax, 1)
        func px(_ x: Double) -> Double { bx + 10 + (xmax > xmin ? (x - xmin) / (xmax - xmin) : 0.5) * (bw - 20) }
        func py(_ y: Double) -> Double { by + bh - 10 - (y - ymin) / (ymax - ymin) * (bh - 20) }
        for p in pts { body.append("<circle cx=\"\(Self.n(px(p.x)))\" cy=\"\(Self.n(py(p.y)))\" r=\"3\" fill=\"\(p.color)\" fill-opacity=\"0.8\"/>") }
        text(bx - 4, by + 12, String(format: "%.3g", ymax), size: 9, anchor: "end")
        text(bx - 4, by + bh - 4, String(format: "%.3g", ymin), size: 9, anchor: "end")
        let l = logX ? String(format: "1e%.1f", xmin) : String(format: "%g", xmin)
        let r = logX ? String(format: "1e%.1f", xmax) : String(format: "%g", xmax)
        text(bx + 10, by + bh + 12, l, size: 9)
        text(bx + bw - 10, by + bh + 12, r, size: 9, anchor: "end")
    }
}

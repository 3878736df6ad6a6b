import Foundation

/// A small SVG writer: text, line plots, histograms and bars in boxes, then `figure(title:)`.
public struct SVGBuilder {
    public var width: Double, height: Double
    var body: [String] = []

    public init(width: Double, height: Double, title: String) {
        self.width = width; self.height = height
        text(width / 2, 22, title, size: 16, anchor: "middle", bold: true)
    }

    static func esc(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    static func n(_ x: Double) -> String { String(format: "%.2f", x) }

    public mutating func text(_ x: Double, _ y: Double, _ s: String, size: Double = 11, anchor: String = "start", bold: Bool = false) {
        body.append("<text x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" font-size=\"\(Self.n(size))\" text-anchor=\"\(anchor)\"\(bold ? " font-weight=\"bold\"" : "")>\(Self.esc(s))</text>")
    }

    /// A line plot of (x, y) points with markers, in the box (x0, y0, w, h).
    public mutating func linePlot(_ points: [(Double, Double)], box: (Double, Double, Double, Double), title: String, color: String) {
        let (bx, by, bw, bh) = box
        body.append("<rect x=\"\(Self.n(bx))\" y=\"\(Self.n(by))\" width=\"\(Self.n(bw))\" height=\"\(Self.n(bh))\" fill=\"none\" stroke=\"#999\"/>")
        text(bx + bw / 2, by - 6, title, size: 12, anchor: "middle")
        let pts = points.filter { $0.0.isFinite && $0.1.isFinite }
        guard let xmin = pts.map(\.0).min(), let xmax = pts.map(\.0).max(), var ymin = pts.map(\.1).min(), var ymax = pts.map(\.1).max() else { return }
        // Include 0, so a flat series near 0.98 is drawn flat rather than as a dramatic zig-zag.
        ymin = min(ymin, 0); ymax = max(ymax, 0)
        if ymax - ymin < 1e-12 { ymin -= 1; ymax += 1 }
        func px(_ x: Double) -> Double { bx + 10 + (xmax > xmin ? (x - xmin) / (xmax - xmin) : 0.5) * (bw - 20) }
        func py(_ y: Double) -> Double { by + bh - 10 - (y - ymin) / (ymax - ymin) * (bh - 20) }
        body.append("<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.5\" points=\"" + pts.map { "\(Self.n(px($0.0))),\(Self.n(py($0.1)))" }.joined(separator: " ") + "\"/>")
        for p in pts { body.append("<circle cx=\"\(Self.n(px(p.0)))\" cy=\"\(Self.n(py(p.1)))\" r=\"3\" fill=\"\(color)\"/>") }
        text(bx - 4, by + 12, String(format: "%.3g", ymax), size: 9, anchor: "end")
        text(bx - 4, by + bh - 4, String(format: "%.3g", ymin), size: 9, anchor: "end")
        text(bx + 10, by + bh + 12, String(format: "%g", xmin), size: 9)
        text(bx + bw - 10, by + bh + 12, String(format: "%g", xmax), size: 9, anchor: "end")
    }

    /// A histogram of counts in the box, bars scaled to the largest count.
    public mutating func histogram(_ counts: [Int], box: (Double, Double, Double, Double), title: String, range: (Double, Double)) {
        let (bx, by, bw, bh) = box
        body.append("<rect x=\"\(Self.n(bx))\" y=\"\(Self.n(by))\" width=\"\(Self.n(bw))\" height=\"\(Self.n(bh))\" fill=\"none\" stroke=\"#999\"/>")
        text(bx + bw / 2, by - 4, title, size: 10, anchor: "middle")
        let top = Double(max(counts.max() ?? 1, 1)), barW = bw / Double(max(counts.count, 1))
        for (i, c) in counts.enumerated() where c > 0 {
            let h = Double(c) / top * (bh - 2)
            body.append("<rect x=\"\(Self.n(bx + Double(i) * barW))\" y=\"\(Self.n(by + bh - h))\" width=\"\(Self.n(barW))\" height=\"\(Self.n(h))\" fill=\"#4a7ab5\"/>")
        }
        text(bx, by + bh + 11, String(format: "%g", range.0), size: 8)
        text(bx + bw, by + bh + 11, String(format: "%g", range.1), size: 8, anchor: "end")
    }

    public func figure(title: String) -> Figure {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\" font-family=\"sans-serif\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
            + body.joined(separator: "\n") + "\n</svg>\n"
        return Figure(title: title, draw: { svg })
    }
}

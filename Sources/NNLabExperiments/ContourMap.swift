import Foundation
import NNLabCore

/// A contour map in characters: f sampled on a grid covering the paths, each cell shaded by the
/// rank of its value among the grid's values (so a ravine and a plateau both show their shape),
/// paths drawn over it with one mark per path, start and end of the first path marked S and E.
public enum ContourMap {
    public static let shades = Array(" .:-=+*#%@")
    public static let marks = Array("o*x+#@%&$")
    /// Marks for several paths on one map (race): digits, which no shade uses.
    public static let digitMarks = Array("1234567890")

    /// The region a map covers: the points' bounding box padded by 10% of its size (at least 0.5)
    /// on each side; nil when no point is finite.
    public static func bounds(_ points: [(Double, Double)]) -> (x0: Double, x1: Double, y0: Double, y1: Double)? {
        let finite = points.filter { $0.0.isFinite && $0.1.isFinite }
        guard let x0 = finite.map(\.0).min(), let x1 = finite.map(\.0).max(),
              let y0 = finite.map(\.1).min(), let y1 = finite.map(\.1).max() else { return nil }
        let padX = max((x1 - x0) * 0.1, 0.5), padY = max((y1 - y0) * 0.1, 0.5)
        return (x0 - padX, x1 + padX, y0 - padY, y1 + padY)
    }

    /// Lines of `width` characters (at least 16), height about width / 3 (terminal cells are
    /// about twice as tall as wide). The map covers `bounds(region ?? all paths' points)`; points
    /// outside it are not drawn. Path k is drawn with `marks[k % marks.count]`, later paths over
    /// earlier ones; the first path's start is S and, with `markEnd`, its end E.
    public static func render(graph: ComputationalGraph, paths: [[(Double, Double)]], width: Int,
                              marks: [Character] = ContourMap.marks, markEnd: Bool = true,
                              region: [(Double, Double)]? = nil) -> [String] {
        let w = max(16, width), h = max(8, w / 3)
        guard let b = bounds(region ?? paths.flatMap { $0 }) else { return [] }
        let (x0, x1, y0, y1) = (b.x0, b.x1, b.y0, b.y1)
        var g = graph
        var values = [[Double]](repeating: [Double](repeating: .nan, count: w), count: h)
        for r in 0..<h {
            for c in 0..<w {
                let x = x0 + (x1 - x0) * (Double(c) + 0.5) / Double(w)
                let y = y1 - (y1 - y0) * (Double(r) + 0.5) / Double(h)
                if (try? g.forward(["x": x, "y": y])) != nil { values[r][c] = g.value }
            }
        }
        let sorted = values.flatMap { $0 }.filter(\.isFinite).sorted()
        var grid = values.map { row in row.map { v -> Character in
            guard v.isFinite, !sorted.isEmpty else { return " " }
            var lo = 0, hi = sorted.count
            while lo < hi { let m = (lo + hi) / 2; if sorted[m] < v { lo = m + 1 } else { hi = m } }
            // Rank in [0, 1): low values (the valleys) light, high values dark.
            let level = min(shades.count - 1, lo * shades.count / sorted.count)
            return shades[level]
        } }
        func cell(_ p: (Double, Double)) -> (Int, Int)? {
            let c = Int(((p.0 - x0) / (x1 - x0) * Double(w)).rounded(.down))
            let r = Int(((y1 - p.1) / (y1 - y0) * Double(h)).rounded(.down))
            return (0..<h).contains(r) && (0..<w).contains(c) ? (r, c) : nil
        }
        for (k, path) in paths.enumerated() {
            for p in path { if let (r, c) = cell(p) { grid[r][c] = marks[k % marks.count] } }
        }
        if let first = paths.first {
            if let s = first.first, let (r, c) = cell(s) { grid[r][c] = "S" }
            if markEnd, let e = first.last, let (r, c) = cell(e) { grid[r][c] = "E" }
        }
        return grid.map { String($0) }
    }
}

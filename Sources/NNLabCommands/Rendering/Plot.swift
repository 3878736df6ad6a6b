/// A character plot for the terminal: several series on one grid, each with its own mark, and the
/// axes' ranges printed beside it. Used for activation curves, and later for loss curves and paths.
public struct Plot {
    public struct Series { public var mark: Character; public var label: String; public var points: [(Double, Double)] }

    public var series: [Series] = []
    public var width = 61
    public var height = 15

    public init(width: Int = 61, height: Int = 15) { self.width = width; self.height = height }

    public mutating func add(_ mark: Character, _ label: String, _ points: [(Double, Double)]) {
        series.append(Series(mark: mark, label: label, points: points.filter { $0.0.isFinite && $0.1.isFinite }))
    }

    public func render(_ style: TextStyle = .plain) -> String {
        let all = series.flatMap(\.points)
        guard let x0 = all.map(\.0).min(), let x1 = all.map(\.0).max(),
              var y0 = all.map(\.1).min(), var y1 = all.map(\.1).max() else { return "(nothing to plot)" }
        if y1 - y0 < 1e-12 { y0 -= 1; y1 += 1 }
        var grid = Array(repeating: Array(repeating: Character(" "), count: width), count: height)
        // Positions as fractions of the range; a range too wide for Double (inf) gives nan: clamp it.
        func cell(_ f: Double, _ n: Int) -> Int { f.isFinite ? min(n - 1, max(0, Int((f * Double(n - 1)).rounded()))) : 0 }
        func col(_ x: Double) -> Int { x1 > x0 ? cell((x - x0) / (x1 - x0), width) : 0 }
        func row(_ y: Double) -> Int { height - 1 - cell((y - y0) / (y1 - y0), height) }
        if y0 < 0, y1 > 0 { let r = row(0); for c in 0..<width { grid[r][c] = "-" } }
        if x0 < 0, x1 > 0 { let c = col(0); for r in 0..<height { grid[r][c] = grid[r][c] == "-" ? "+" : "|" } }
        for s in series { for (x, y) in s.points { grid[row(y)][col(x)] = s.mark } }
        let top = Format.short6(y1), bottom = Format.short6(y0)
        let pad = max(top.count, bottom.count)
        var lines: [String] = []
        for (r, chars) in grid.enumerated() {
            let label = r == 0 ? top : (r == height - 1 ? bottom : "")
            lines.append(String(repeating: " ", count: pad - label.count) + label + " " + String(chars))
        }
        let xl = Format.short6(x0), xr = Format.short6(x1)
        lines.append(String(repeating: " ", count: pad + 1) + xl + String(repeating: " ", count: max(1, width - xl.count - xr.count)) + xr)
        lines.append(String(repeating: " ", count: pad + 1) + series.map { "\($0.mark) \($0.label)" }.joined(separator: "   "))
        return lines.joined(separator: "\n")
    }
}

import Foundation

/// One-line charts for the terminal: `▁▂▄█` scaled to the series' own maximum.
public enum Sparkline {
    static let levels: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    public static func render(_ values: [Double]) -> String {
        let top = values.map { abs($0) }.filter(\.isFinite).max() ?? 0
        guard top > 0 else { return String(repeating: "▁", count: values.count) }
        return String(values.map { v -> Character in
            guard v.isFinite else { return "?" }
            let k = Int((abs(v) / top * 8).rounded(.up))
            return levels[min(8, max(v == 0 ? 0 : 1, k))]
        })
    }

    public static func render(_ counts: [Int]) -> String { render(counts.map(Double.init)) }
}

import Foundation
import NNLabExperiments

/// How text output looks: colour only on a terminal and never when NO_COLOR is set
/// (https://no-color.org), and the width every line must fit (the terminal's, `--width N`, or 80;
/// labs always 80). Results render through this so tests and pipes get plain text.
public struct TextStyle: Sendable {
    public var color: Bool
    /// Columns available; renderers wrap prose and fit tables and plots to it.
    public var width: Int
    /// Keep every column of wide tables (`--wide`) instead of fitting them to `width`.
    public var wide: Bool

    public init(color: Bool = false, width: Int = TextStyle.defaultWidth, wide: Bool = false) {
        self.color = color; self.width = max(TextStyle.minimumWidth, width); self.wide = wide
    }

    /// The width when output is not a terminal and nothing else says so.
    public static let defaultWidth = 80
    /// Narrower than this, nothing useful fits; `--width` below it is raised to it.
    public static let minimumWidth = 40

    public static let plain = TextStyle(color: false)

    private func wrap(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
    public func bold(_ s: String) -> String { wrap(s, "1") }
    public func dim(_ s: String) -> String { wrap(s, "2") }
    public func good(_ s: String) -> String { wrap(s, "32") }
    public func bad(_ s: String) -> String { wrap(s, "31") }
    public func accent(_ s: String) -> String { wrap(s, "36") }
}

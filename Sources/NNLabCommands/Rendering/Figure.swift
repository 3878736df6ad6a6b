import Foundation

/// A figure an experiment drew: panels of line plots, bars and histograms as plain SVG 1.1 that any
/// browser opens (drawn with SVGBuilder). Figures are values; `save` writes the last one.
///
/// A figure keeps how to draw itself, not the drawing: most experiments that make one are never
/// saved, so the SVG text is built only when `save` or `plot=` asks for it (`svg`).
public struct Figure: Sendable {
    public var title: String
    private let draw: @Sendable () -> String

    /// The SVG document, built now.
    public var svg: String { draw() }

    /// A figure drawn by `draw` when it is written (`draw` builds an `SVGBuilder` and takes its `figure`).
    public static func lazy(title: String, _ draw: @escaping @Sendable () -> Figure) -> Figure {
        Figure(title: title, draw: { draw().svg })
    }

    init(title: String, draw: @escaping @Sendable () -> String) {
        self.title = title
        self.draw = draw
    }

    /// Writes the figure to a `.svg` file through `SafeFileWriter` (never replaces a directory or
    /// anything but a regular file; a failed write leaves the old file as it was).
    public func write(to path: String) throws {
        guard path.lowercased().hasSuffix(".svg") else {
            throw CommandError("the file name must end in .svg, got '\(path)'; e.g. save init.svg")
        }
        do {
            try SafeFileWriter.write(Data(svg.utf8), to: path)
        } catch {
            throw CommandError("\(error.description); e.g. save init.svg")
        }
    }
}

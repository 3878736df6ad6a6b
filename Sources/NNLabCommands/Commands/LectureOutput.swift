import NNLabCore

public struct LectureOutput: PagedOutput {
    public var number: Int
    public var name: String
    public var title: String
    public var width: Int
    /// `width=` as typed; nil renders the text at the screen's width.
    var chosenWidth: Int?
    public var text: String
    public var try_it: [[String]]
    var document: Markdown

    enum CodingKeys: String, CodingKey { case number, name, title, width, text, try_it }

    /// The note at `width=` when given (at most the screen's width), else at the style's width (the
    /// screen's; 80 when piped).
    public func renderText(_ style: TextStyle) -> String {
        let w = min(chosenWidth ?? style.width, style.width)
        if !style.color && w == width { return text }
        return MarkdownRenderer(width: w, style: style).render(document)
    }
}

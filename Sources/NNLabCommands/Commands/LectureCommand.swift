/// `lecture N|NAME [width=W]`: one lecture note rendered for the terminal by `MarkdownRenderer`.
public struct LectureCommand: Command {
    /// Widths the renderer is asked for: narrower than 20 cannot hold a table column and a word.
    public static let widths = 20...400

    public static let spec = CommandSpec(
        name: "lecture", topic: .session,
        summary: "show one lecture note, rendered for the terminal (`lectures` lists them)",
        discussion: """
            The note is parsed as GitHub-flavoured Markdown (cmark-gfm) and rendered: headings, \
            emphasis, lists, code blocks and aligned tables, wrapped to the width (80 columns by default).
            """,
        arguments: [
            .positional("LECTURE", .text, help: "a number from `lectures` (1 to \(Lecture.all.count)), a name or a unique prefix of one"),
            .keyword("width", .integer(widths), default: "80", help: "columns to wrap to"),
        ],
        fields: [
            FieldDoc("number, name, title", "which note"),
            FieldDoc("width", "the width it was rendered at"),
            FieldDoc("text", "the rendered note, plain text"),
            FieldDoc("try_it", "the note's \"try it\" blocks, each a list of nnlab commands"),
        ],
        examples: [
            Example("lecture 1", "convolution arithmetic, at 80 columns"),
            Example("lecture backprop width=140", "a note by name, wrapped to 140 columns"),
            Example("lecture 99", "there is no lecture 99: the error lists the range", fails: true),
        ])

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        let key = try args.text("LECTURE")
        guard let lecture = Lecture.find(key) else {
            throw CommandError("no lecture '\(key)'; allowed: a number from 1 to \(Lecture.all.count) or one of "
                               + Lecture.all.map(\.name).joined(separator: ", ") + "; e.g. lecture 1", command: "lecture")
        }
        let width = try args.int("width")
        return LectureOutput(number: lecture.number, name: lecture.name, title: lecture.title, width: width,
                             text: MarkdownRenderer(width: width).render(lecture.document),
                             try_it: lecture.tryItBlocks, document: lecture.document)
    }
}

public struct LectureOutput: CommandOutput {
    public var number: Int
    public var name: String
    public var title: String
    public var width: Int
    public var text: String
    public var try_it: [[String]]
    var document: Markdown

    enum CodingKeys: String, CodingKey { case number, name, title, width, text, try_it }

    /// Plain text is the stored rendering; with colour the note is rendered again with the style.
    public func renderText(_ style: TextStyle) -> String {
        style.color ? MarkdownRenderer(width: width, style: style).render(document) : text
    }
}

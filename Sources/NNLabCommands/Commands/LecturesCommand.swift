/// `lectures`: the notes shipped with nnlab, numbered, each with its title as a one-line summary.
public struct LecturesCommand: Command {
    public static let spec = CommandSpec(
        name: "lectures", topic: .session,
        summary: "list the lecture notes, numbered, with a one-line summary each",
        discussion: "The notes ship inside nnlab, so this works from any folder. `lecture N` or `lecture NAME` shows one.",
        fields: [FieldDoc("lectures", "one entry per note: number, name (the file in lectures/ without .md), title, try_it (how many nnlab> commands it has)")],
        examples: [Example("lectures", "the notes in course order")])

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        LecturesOutput(lectures: Lecture.all.map {
            .init(number: $0.number, name: $0.name, title: $0.title, try_it: $0.tryItBlocks.joined().count)
        })
    }
}

public struct LecturesOutput: CommandOutput {
    public struct Entry: Codable, Sendable, Equatable {
        public var number: Int
        public var name: String
        public var title: String
        public var try_it: Int
    }
    public var lectures: [Entry]

    public func renderText(_ style: TextStyle) -> String {
        var t = Table(["#", "lecture", "summary", "try it"], wrap: [2])
        for e in lectures { t.add([String(e.number), e.name, e.title, e.try_it == 1 ? "1 command" : "\(e.try_it) commands"]) }
        return (t.render(style) + "\n`lecture N` shows one (e.g. lecture 1); `lecture N width=140` for a wider screen").fitted(style)
    }
}

/// `help` and `help CMD`: built from the commands' own declarations, so help cannot drift from
/// what the parser accepts.
public struct HelpCommand: Command {
    static let command = Arg<String>.text("COMMAND", positional: true, help: "the command to explain")

    public static let spec = CommandSpec(
        name: "help", aliases: ["?"], topic: .session,
        summary: "list the commands, or explain one: syntax, arguments, result fields, examples",
        arguments: [command.spec],
        fields: [FieldDoc("topics", "without COMMAND: each topic and its commands"),
                 FieldDoc("page", "with COMMAND: its name, synopsis, arguments (with the forms each belongs to), fields and examples")],
        examples: [Example("help conv", "everything about the conv command")],
        complete: { previous, _ in previous.isEmpty ? Registry.standard.names : [] })

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        let registry = context.registry
        guard let name = args[command] else {
            let topics = Topic.allCases.compactMap { topic -> HelpOutput.TopicEntry? in
                let cs = registry.commands.filter { $0.spec.topic == topic }
                guard !cs.isEmpty else { return nil }
                return HelpOutput.TopicEntry(topic: topic.title, commands: cs.map { .init(name: $0.spec.name, summary: $0.spec.summary) })
            }
            return HelpOutput(topics: topics, page: nil)
        }
        guard let c = registry.command(named: name) else {
            var msg = "no command '\(name)'"
            if let s = Suggest.closest(name, in: registry.namesAndAliases) { msg += " (did you mean \(s)?)" }
            throw CommandError(msg + "; type help for the list")
        }
        return HelpOutput(topics: nil, page: HelpOutput.Page(c.spec))
    }
}

public struct HelpOutput: CommandOutput {
    public struct Summary: Codable, Sendable { var name: String; var summary: String }
    public struct TopicEntry: Codable, Sendable { var topic: String; var commands: [Summary] }
    public struct ArgumentEntry: Codable, Sendable {
        var name: String, allowed: String, default_value: String?, required: Bool, keyword: Bool, help: String
        /// The forms of the command the argument belongs to ("leaky, prelu only"); nil: every form.
        var forms: String?
    }
    public struct Page: Codable, Sendable {
        var name: String, aliases: [String], synopsis: String, summary: String, discussion: String
        var arguments: [ArgumentEntry], fields: [FieldDoc], examples: [Example]

        init(_ s: CommandSpec) {
            name = s.name; aliases = s.aliases; synopsis = s.synopsis; summary = s.summary; discussion = s.discussion
            arguments = s.arguments.map {
                ArgumentEntry(name: $0.name, allowed: $0.kind.allowed, default_value: $0.defaultValue,
                              required: $0.isRequired, keyword: $0.form == .keyword, help: $0.help,
                              forms: $0.appliesTo?.helpNote)
            }
            fields = s.fields; examples = s.examples
        }
    }

    public var topics: [TopicEntry]?
    public var page: Page?

    // Not "command": every result's "command" field is the command's name (here "help").
    enum CodingKeys: String, CodingKey { case topics, page }

    public func renderText(_ style: TextStyle) -> String {
        if let topics {
            var out: [String] = []
            let width = topics.flatMap { $0.commands.map { $0.name.count } }.max() ?? 8
            for t in topics {
                out.append(style.bold(t.topic))
                for c in t.commands {
                    let name = "  " + c.name.padding(toLength: width + 2, withPad: " ", startingAt: 0)
                    out.append(contentsOf: style.paragraph(c.summary, first: name))
                }
                out.append("")
            }
            out.append(contentsOf: style.paragraph("nnlab \(NNLabVersion.current). Type help COMMAND for its syntax, arguments and examples; Tab completes names and keywords."))
            return out.joined(separator: "\n")
        }
        guard let p = page else { return "" }
        var out = style.paragraph(p.synopsis, rest: "    ").map { style.bold($0) }
        out.append(contentsOf: style.paragraph(p.summary, first: "  "))
        if !p.aliases.isEmpty { out.append("  (also: \(p.aliases.joined(separator: ", ")))") }
        if !p.discussion.isEmpty { out.append(""); out.append(contentsOf: style.paragraph(p.discussion, first: "  ")) }
        if !p.arguments.isEmpty {
            out.append(""); out.append(style.bold("Arguments"))
            // At any width the name and default stay; the allowed values and the meaning wrap in their cells.
            var t = Table(["name", "default", "allowed", "meaning"], wrap: [2, 3])
            for a in p.arguments {
                let name = a.keyword ? a.name + "=" : a.name
                t.add([name, a.default_value ?? (a.required ? "required" : "-"), a.allowed, a.forms.map { "(\($0)) " + a.help } ?? a.help])
            }
            out.append(t.render(style, indent: "  "))
        }
        if !p.fields.isEmpty {
            out.append("")
            out.append(contentsOf: style.paragraph("Result fields (as --json prints them; lab `expect` lines check them)"))
            let w = p.fields.map { $0.name.count }.max() ?? 0
            // A long list of names goes on a line of its own when it would leave the help too little room.
            let column = min(w + 2, max(12, style.width / 3))
            for f in p.fields {
                if f.name.count + 2 > column {
                    out.append(contentsOf: style.paragraph(f.name, first: "  "))
                    out.append(contentsOf: style.paragraph(f.help, first: String(repeating: " ", count: column + 2)))
                } else {
                    out.append(contentsOf: style.paragraph(f.help, first: "  " + f.name.padding(toLength: column, withPad: " ", startingAt: 0),
                                                           rest: String(repeating: " ", count: column + 2)))
                }
            }
        }
        if !p.examples.isEmpty {
            out.append(""); out.append(style.bold("Examples"))
            for e in p.examples {
                out.append(contentsOf: style.paragraph((e.after.map { $0 + "; " } ?? "") + e.line, first: "  ", rest: "    ").map { style.accent($0) })
                out.append(contentsOf: style.paragraph(e.explanation, first: "      "))
            }
        }
        return out.joined(separator: "\n")
    }
}

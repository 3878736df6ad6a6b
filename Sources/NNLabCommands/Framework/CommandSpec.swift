import NNLabCore

/// Everything about a command that is not its computation: name, syntax, help, the fields of its
/// result, examples, and how its arguments complete. One value feeds parsing, `help CMD`, Tab
/// completion and error messages, so they cannot drift apart.
public struct CommandSpec: Sendable {
    public var name: String
    public var aliases: [String] = []
    public var topic: Topic
    /// One line, shown in `help`.
    public var summary: String
    /// A few sentences for `help CMD`: what the experiment shows and the formula it applies.
    public var discussion: String = ""
    public var arguments: [ArgumentSpec] = []
    /// The fields of the JSON result, which lab `expect` lines check.
    public var fields: [FieldDoc] = []
    /// Worked examples, most from the lectures; the first one is quoted in error messages (so it must not fail).
    public var examples: [Example] = []
    /// Completion beyond the declared arguments: given the words before the cursor (without the
    /// command name) and the partial word, the candidates, or nil to fall back to the declaration.
    public var complete: (@Sendable (_ previous: [String], _ partial: String) -> [String]?)? = nil
    /// Accept `name=value` words beyond the declared arguments (`graph ... x=-2 y=5`); they are in
    /// `Arguments.extraKeywords`.
    public var acceptsAnyKeyword = false

    public init(name: String, aliases: [String] = [], topic: Topic, summary: String, discussion: String = "",
                arguments: [ArgumentSpec] = [], fields: [FieldDoc] = [], examples: [Example] = [],
                complete: (@Sendable (_ previous: [String], _ partial: String) -> [String]?)? = nil,
                acceptsAnyKeyword: Bool = false) {
        self.name = name; self.aliases = aliases; self.topic = topic; self.summary = summary
        self.discussion = discussion; self.arguments = arguments; self.fields = fields
        self.examples = examples; self.complete = complete; self.acceptsAnyKeyword = acceptsAnyKeyword
    }

    /// `conv INPUT F [S] [P] [K] [repeat=N]`
    public var synopsis: String {
        var parts = [name]
        for a in arguments {
            switch a.form {
            case .positional:
                let n = a.isVariadic ? a.name + "..." : a.name
                parts.append(a.isRequired ? n : "[\(n)]")
            case .keyword where a.kind.choices == ["on", "off"] && a.defaultValue == "off":
                parts.append("[\(a.name)=on]")  // one spelling for switches everywhere: bn=on, grad=on
            case .keyword:
                parts.append("[\(a.name)=\(a.kind.placeholder)]")
            }
        }
        return parts.joined(separator: " ")
    }

    public var positionals: [ArgumentSpec] { arguments.filter { $0.form == .positional } }

    public func argument(named n: String) -> ArgumentSpec? {
        arguments.first { $0.name.lowercased() == n.lowercased() }
    }
}

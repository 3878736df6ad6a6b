import NNLabCore

/// Runs command lines against one session. It prints nothing: each statement gives an `Outcome`
/// that the caller (the shell, a lab run, a test) renders where it wants.
public struct Interpreter {
    public var context: CommandContext

    public init(session: Session = Session(), registry: Registry = .standard, interrupt: InterruptFlag = InterruptFlag()) {
        context = CommandContext(session: session, registry: registry, interrupt: interrupt)
    }

    public var session: Session { context.session }

    public enum Outcome {
        case success(command: String, output: any CommandOutput)
        case failure(CommandError)
        case quit

        public var isFailure: Bool { if case .failure = self { return true } else { return false } }
    }

    /// Runs every statement of a line (`;` separates statements), stopping at `quit`.
    public mutating func execute(line: String) -> [Outcome] {
        if let e = Interpreter.lineTooLong(line) { return [.failure(e)] }
        var outcomes: [Outcome] = []
        for statement in Tokenizer.statements(line) {
            let o = execute(statement: statement)
            outcomes.append(o)
            if case .quit = o { break }
        }
        return outcomes
    }

    /// Runs one statement. Never traps on what the user typed: every problem is a `CommandError`.
    public mutating func execute(statement: String) -> Outcome {
        if let e = Interpreter.lineTooLong(statement) { return .failure(e) }
        let words: [Tokenizer.Word]
        do {
            words = try Tokenizer.words(statement)
        } catch Tokenizer.Failure.unterminatedQuote(let offset) {
            return .failure(CommandError("a quote opened here is never closed; close it, as in graph \"(x+y)*z\" x=1", token: offset)
                .pointing(into: statement))
        } catch {
            return .failure(CommandError("\(error)"))
        }
        guard let first = words.first else { return .failure(CommandError("empty command")) }
        guard !first.text.isEmpty else {
            return .failure(CommandError("the command name is empty (a pair of quotes with nothing inside); type help for the list of commands, e.g. conv 32 5",
                                         token: first.offset).pointing(into: statement))
        }
        guard let command = context.registry.command(named: first.text) else {
            var msg = "unknown command '\(first.text)'"
            if let s = Suggest.closest(first.text, in: context.registry.namesAndAliases) { msg += " (did you mean '\(s)'?)" }
            msg += "; type help for the list of commands"
            return .failure(CommandError(msg, token: first.offset).pointing(into: statement))
        }
        let name = command.spec.name
        do {
            let args = try Arguments(spec: command.spec, words: Array(words.dropFirst()))
            var ctx = context
            ctx.command = name
            let output = try command.run(args, &ctx)
            context = ctx  // state changes only when the command succeeds
            if output is QuitOutput { return .quit }
            return .success(command: name, output: output)
        } catch {
            return .failure(CommandError.from(error, command: name).pointing(into: statement))
        }
    }

    /// The error for a line longer than `Tokenizer.maxLineLength` characters, checked before any
    /// parsing so a hostile line costs one count; nil for a line of an allowed length.
    public static func lineTooLong(_ line: String) -> CommandError? {
        guard line.utf8.count > Tokenizer.maxLineLength else { return nil }  // O(1): at most 4 bytes a character
        let n = line.count
        guard n > Tokenizer.maxLineLength else { return nil }
        return CommandError("the line is \(n) characters long; nnlab reads lines of at most \(Tokenizer.maxLineLength) characters: "
                            + "split it into several lines, e.g. net new 32x32x3 and then one net add conv 10 5 1 2 per line")
    }

    /// A result as the JSON object `--json` prints and lab checks read: the result type's own
    /// fields (a nil optional as null: an output size that does not exist), plus `"command"` and
    /// `"type"`. Nothing is added from the command's documentation: the schema is the type's.
    public func resultValue(command: String, output: any CommandOutput) throws -> JSONValue {
        let spec = context.registry.command(named: command)?.spec
        return try Interpreter.resultValue(spec: spec, command: command, output: output)
    }

    static func resultValue(spec: CommandSpec?, command: String, output: any CommandOutput) throws -> JSONValue {
        let v = try JSONValue.encode(output)
        guard case var .object(o) = v else { return v }
        o["command"] = .string(command)
        o["type"] = .string("result")
        return .object(o)
    }

    /// One JSON object per result (a line of JSON Lines): `{"command":"conv",...fields}`, or
    /// `{"command":"conv","error":"..."}`.
    public func json(_ outcome: Outcome) -> String {
        switch outcome {
        case let .success(command, output):
            do {
                return try resultValue(command: command, output: output).serialized(first: ["type", "command"])
            } catch {
                return JSONValue.object(["type": .string("error"), "command": .string(command),
                                         "error": .string("could not encode the result: \(error)")]).serialized(first: ["type", "command"])
            }
        case let .failure(e):
            var o: [String: JSONValue] = ["type": .string("error"), "error": .string(e.message)]
            if let c = e.command { o["command"] = .string(c) }
            if let t = e.token { o["column"] = .number(Double(t)) }
            return JSONValue.object(o).serialized(first: ["type", "command"])
        case .quit:
            return JSONValue.object(["type": .string("result"), "command": .string("quit")]).serialized(first: ["type", "command"])
        }
    }
}

import NNLabCommands

/// Renders outcomes: text for people (with colour when allowed) or one JSON object per line.
public struct Printer {
    public var out: TextSink
    public var err: TextSink
    public var json: Bool
    public var style: TextStyle

    public init(out: TextSink, err: TextSink, json: Bool = false, style: TextStyle = .plain) {
        self.out = out; self.err = err; self.json = json; self.style = style
    }

    /// The text an outcome shows (what `expect-output` checks), without writing it.
    public func text(of outcome: Interpreter.Outcome) -> String {
        switch outcome {
        case let .success(_, output): return output.renderText(style)
        case let .failure(e): return "error: \(e.description)" + (e.detail.map { "\n" + $0 } ?? "")
        case .quit: return ""
        }
    }

    public func print(_ outcome: Interpreter.Outcome, from interpreter: Interpreter) {
        if json {
            out.write(interpreter.json(outcome) + "\n")
            return
        }
        switch outcome {
        case .success:
            let t = text(of: outcome)
            if !t.isEmpty { out.write(t + "\n") }
        case .failure:
            err.write(style.bad(text(of: outcome)) + "\n")
        case .quit:
            break
        }
    }
}

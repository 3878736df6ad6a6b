import NNLabCore

/// Splits a command line into words: whitespace separates, double or single quotes group
/// (`graph "(x + y) * z" x=-2`), and `;` outside quotes ends a statement.
public enum Tokenizer {
    public struct Word: Equatable, Sendable {
        public var text: String
        /// Offset of the word's first character in the line (for carets and completion).
        public var offset: Int
        public var quoted: Bool
    }

    public enum Failure: Error, Equatable { case unterminatedQuote(offset: Int) }

    public static func words(_ line: String) throws -> [Word] {
        var out: [Word] = []
        var current = ""
        var start: Int?
        var quoted = false
        var quote: Character?
        var quoteStart = 0
        for (i, ch) in line.enumerated() {
            if let q = quote {
                if ch == q { quote = nil } else { current.append(ch) }
                continue
            }
            if ch == "\"" || ch == "'" {
                if start == nil { start = i }
                quote = ch; quoted = true; quoteStart = i
                continue
            }
            if ch.isWhitespace {
                if let s = start { out.append(Word(text: current, offset: s, quoted: quoted)) }
                current = ""; start = nil; quoted = false
                continue
            }
            if start == nil { start = i }
            current.append(ch)
        }
        if quote != nil { throw Failure.unterminatedQuote(offset: quoteStart) }
        if let s = start { out.append(Word(text: current, offset: s, quoted: quoted)) }
        return out
    }

    /// Splits at `;` outside quotes: `seed 0; conv 32 5 1 2` is two statements.
    public static func statements(_ line: String) -> [String] {
        var out: [String] = []
        var current = ""
        var quote: Character?
        for ch in line {
            if let q = quote {
                if ch == q { quote = nil }
                current.append(ch)
            } else if ch == "\"" || ch == "'" {
                quote = ch; current.append(ch)
            } else if ch == ";" {
                out.append(current); current = ""
            } else {
                current.append(ch)
            }
        }
        out.append(current)
        return out.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }
}

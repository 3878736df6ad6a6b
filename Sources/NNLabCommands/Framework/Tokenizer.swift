import NNLabCore

/// Splits a command line into words: whitespace separates, double or single quotes group
/// (`graph "(x + y) * z" x=-2`), `;` outside quotes ends a statement, and `#` at the start of a
/// word outside quotes starts a comment that runs to the end of the line (as in a shell, so a
/// lab or a commented script can be piped in).
///
/// Both passes are one left-to-right scan over the line's characters: time and memory are linear
/// in its length (a line is at most `Tokenizer.maxLineLength` characters; see `Interpreter`).
public enum Tokenizer {
    /// The longest line nnlab reads (characters). The longest useful line (a `net new` network of
    /// a hundred layers) is a few thousand characters; anything longer is refused with this number
    /// in the message, before any parsing.
    public static let maxLineLength = 16_384

    public struct Word: Equatable, Sendable {
        public var text: String
        /// Offset of the word's first character in the line (for carets and completion).
        public var offset: Int
        /// Whether any part of the word was quoted.
        public var quoted: Bool
        /// How many characters of `text` came before the first quote (all of them when unquoted):
        /// `x="1 2"` has 2, so `x=` is still read as a key while the value keeps its spaces.
        public var unquotedPrefix: Int

        public init(text: String, offset: Int, quoted: Bool, unquotedPrefix: Int? = nil) {
            self.text = text; self.offset = offset; self.quoted = quoted
            self.unquotedPrefix = unquotedPrefix ?? (quoted ? 0 : text.count)
        }

        /// `(key, value)` when the word is `key=value` with the key and its `=` typed outside
        /// quotes (`x='1'`, `f="x^2"`); nil for `"a=b"` or a word without `=`.
        public var keyword: (key: String, value: String)? {
            guard let eq = text.firstIndex(of: "=") else { return nil }
            let keyLength = text.distance(from: text.startIndex, to: eq)
            guard keyLength < unquotedPrefix else { return nil }
            return (String(text[..<eq]), String(text[text.index(after: eq)...]))
        }
    }

    public enum Failure: Error, Equatable { case unterminatedQuote(offset: Int) }

    public static func words(_ line: String) throws -> [Word] {
        var out: [Word] = []
        var current = ""
        var length = 0          // characters in `current`
        var start: Int?
        var prefix: Int?        // characters before the word's first quote
        var quote: Character?
        var quoteStart = 0
        func finish() {
            if let s = start {
                out.append(Word(text: current, offset: s, quoted: prefix != nil, unquotedPrefix: prefix ?? length))
            }
            current = ""; length = 0; start = nil; prefix = nil
        }
        for (i, ch) in line.enumerated() {
            if let q = quote {
                if ch == q { quote = nil } else { current.append(ch); length += 1 }
                continue
            }
            if ch == "\"" || ch == "'" {
                if start == nil { start = i }
                if prefix == nil { prefix = length }
                quote = ch; quoteStart = i
                continue
            }
            if ch.isWhitespace {
                finish()
                continue
            }
            if start == nil { start = i }
            current.append(ch); length += 1
        }
        if quote != nil { throw Failure.unterminatedQuote(offset: quoteStart) }
        finish()
        return out
    }

    /// Splits at `;` outside quotes: `seed 0; conv 32 5` is two statements. A `#` that starts a
    /// word outside quotes ends the line: `conv 7 3  # (7-3)/1+1 = 5` is `conv 7 3`.
    public static func statements(_ line: String) -> [String] {
        var out: [String] = []
        var current = ""
        var quote: Character?
        var atWordStart = true
        for ch in line {
            if let q = quote {
                if ch == q { quote = nil }
                current.append(ch)
                atWordStart = false
                continue
            }
            if ch == "#" && atWordStart { break }
            if ch == "\"" || ch == "'" {
                quote = ch; current.append(ch)
            } else if ch == ";" {
                out.append(current); current = ""
            } else {
                current.append(ch)
            }
            atWordStart = ch.isWhitespace || ch == ";"
        }
        out.append(current)
        return out.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }
}

/// Fitting text to `TextStyle.width`: prose wraps at word boundaries with a hanging indent, and
/// nothing is cut (a word longer than the line is broken, never dropped).
extension TextStyle {
    /// The length a line takes on screen: characters, without colour escapes (ESC [ ... m).
    public static func visibleCount(_ s: Substring) -> Int {
        var n = 0, inEscape = false
        for ch in s {
            if inEscape { if ch == "m" { inEscape = false }; continue }
            if ch == "\u{1B}" { inEscape = true; continue }
            n += 1
        }
        return n
    }
    public static func visibleCount(_ s: String) -> Int { visibleCount(Substring(s)) }

    /// Every line of `text` that is wider than `width`, wrapped at spaces; continuation lines are
    /// indented `hang` columns more than the line's own leading spaces. Lines that fit are kept as they are.
    /// Under `--wide` (every column of every table) lines are left as long as they are.
    public func fit(_ text: String, hang: Int = 2) -> String {
        if wide { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .flatMap { wrap(String($0), hang: hang) }
            .joined(separator: "\n")
    }

    /// One line wrapped to `width` (or to `width` given), as above.
    public func wrap(_ line: String, hang: Int = 2, width: Int? = nil) -> [String] {
        let width = width ?? self.width
        guard Self.visibleCount(line) > width else { return [line] }
        let lead = line.prefix { $0 == " " }.count
        let first = String(repeating: " ", count: lead)
        let cont = String(repeating: " ", count: min(lead + hang, width / 2))
        var lines: [String] = []
        var current = first, currentCount = lead, empty = true
        let words = line.dropFirst(lead).split(separator: " ", omittingEmptySubsequences: false)
        for var word in words {
            if word.isEmpty { if !empty { current += " "; currentCount += 1 }; continue }
            while true {
                let wc = Self.visibleCount(word)
                let need = empty ? wc : wc + 1
                if currentCount + need <= width {
                    current += (empty ? "" : " ") + word; currentCount += need; empty = false
                    break
                }
                if !empty {  // start a new line and try again
                    lines.append(trimmed(current)); current = cont; currentCount = cont.count; empty = true
                    continue
                }
                // A word wider than a whole line: break it (nothing is cut).
                let room = max(1, width - currentCount)
                let head = word.prefix(room)
                lines.append(current + head); word = word.dropFirst(room)
                current = cont; currentCount = cont.count
                if word.isEmpty { break }
            }
        }
        if !empty { lines.append(trimmed(current)) }
        return lines
    }

    private func trimmed(_ s: String) -> String {
        var s = s
        while s.last == " " { s.removeLast() }
        return s
    }

    /// A paragraph of prose wrapped at words: the first line starts with `first`, the rest with `rest`.
    public func paragraph(_ text: String, first: String = "", rest: String? = nil, width: Int? = nil) -> [String] {
        let width = width ?? self.width
        let rest = rest ?? String(repeating: " ", count: first.count)
        var lines: [String] = []
        var line = first, count = Self.visibleCount(first), empty = true
        for word in text.split(separator: " ") {
            let wc = Self.visibleCount(word)
            if !empty, count + 1 + wc > width { lines.append(line); line = rest; count = rest.count; empty = true }
            line += (empty ? "" : " ") + word; count += (empty ? 0 : 1) + wc; empty = false
        }
        if !empty || lines.isEmpty { lines.append(line) }
        return lines.flatMap { wrap($0, hang: 0, width: width) }
    }
}

extension String {
    /// This text with every over-long line wrapped at words to the style's width (see `TextStyle.fit`).
    public func fitted(_ style: TextStyle, hang: Int = 2) -> String { style.fit(self, hang: hang) }
}

import NNLabCore
import NNLabExperiments

/// Wraps prose to `width` columns with an indent on every line but the first. Colour is applied
/// after wrapping (`paint` per line, `boldPrefix` to the start of the first), so escape codes never
/// count towards the width.
enum QuizText {
    static func wrap(_ s: String, width: Int, first: String = "", rest: String = "  ", boldPrefix: String = "",
                     style: TextStyle = .plain, paint: ((String) -> String)? = nil) -> [String] {
        let r = MarkdownRenderer(width: width)
        let w = max(width - max(first.count, rest.count), 10)
        let text = boldPrefix.isEmpty ? s : boldPrefix + " " + s
        return r.wrap([.text(text)], width: w, base: .none).enumerated().map { k, line in
            var l = line
            if k == 0, !boldPrefix.isEmpty, l.hasPrefix(boldPrefix) { l = style.bold(boldPrefix) + l.dropFirst(boldPrefix.count) }
            return (k == 0 ? first : rest) + (paint.map { $0(l) } ?? l)
        }
    }
}

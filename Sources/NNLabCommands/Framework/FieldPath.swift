import Foundation

/// A path into a JSON result: names separated by dots, list indices in brackets.
public enum FieldPath {
    public enum Step: Equatable { case key(String), index(Int) }
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        init(_ d: String) { description = d }
    }

    public static func parse(_ path: String) throws -> [Step] {
        var steps: [Step] = []
        var chars = Array(path)[...]
        func ident() -> String {
            var s = ""
            while let c = chars.first, c.isLetter || c.isNumber || c == "_" { s.append(c); chars.removeFirst() }
            return s
        }
        while !chars.isEmpty {
            if chars.first == "[" {
                chars.removeFirst()
                if chars.first == "\"" {  // ["dropout-inverted"]: a key that is not a plain name
                    chars.removeFirst()
                    var key = ""
                    while let c = chars.first, c != "\"" { key.append(c); chars.removeFirst() }
                    guard chars.first == "\"" else { throw Failure("unclosed quote in field path '\(path)'") }
                    chars.removeFirst()
                    guard chars.first == "]" else { throw Failure("expected ']' after the quoted key in '\(path)'") }
                    chars.removeFirst()
                    steps.append(.key(key))
                    continue
                }
                var num = ""
                while let c = chars.first, c != "]" { num.append(c); chars.removeFirst() }
                guard chars.first == "]", let i = Int(num) else {
                    throw Failure("bad index in field path '\(path)': write [0], [9], [-1] or [\"name\"]")
                }
                chars.removeFirst()
                steps.append(.index(i))
            } else {
                if !steps.isEmpty {
                    guard chars.first == "." else { throw Failure("bad field path '\(path)': expected '.' or '['") }
                    chars.removeFirst()
                }
                let k = ident()
                guard !k.isEmpty else { throw Failure("bad field path '\(path)': expected a field name like out or layers[9].std") }
                steps.append(.key(k))
            }
        }
        guard !steps.isEmpty else { throw Failure("empty field path") }
        return steps
    }
}

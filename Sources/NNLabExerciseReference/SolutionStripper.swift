/// Turns an exercise source into its student form: each block from a `// BEGIN SOLUTION` line to
/// its `// END SOLUTION` line (nbgrader's markers) becomes, at the same indentation,
///
///     // YOUR CODE HERE
///     throw ExerciseError.notImplemented("<function>")
///
/// where <function> is the name of the nearest `func` declared above the block. Everything
/// outside the markers (signature, doc comment, what the student is given) is kept as it is.
public enum SolutionStripper {
    public static let begin = "// BEGIN SOLUTION"
    public static let end = "// END SOLUTION"

    public struct MarkerError: Error, Equatable, CustomStringConvertible {
        public var file: String, line: Int, problem: String
        public var description: String { "\(file):\(line): \(problem)" }
    }

    /// The student form of `text`, and the lines that were between markers (trimmed).
    public static func strip(_ text: String, file: String) throws(MarkerError) -> (text: String, solutionLines: [String]) {
        var out: [String] = []
        var removed: [String] = []
        var inside = false
        var lastFunc: String?
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (i, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: " \t")
            if trimmed == begin {
                guard !inside else { throw MarkerError(file: file, line: i + 1, problem: "\(begin) inside another solution block") }
                guard let name = lastFunc else { throw MarkerError(file: file, line: i + 1, problem: "\(begin) before any func") }
                inside = true
                let indent = String(line.prefix { $0 == " " || $0 == "\t" })
                out.append(indent + "// YOUR CODE HERE")
                out.append(indent + "throw ExerciseError.notImplemented(\"\(name)\")")
            } else if trimmed == end {
                guard inside else { throw MarkerError(file: file, line: i + 1, problem: "\(end) without \(begin)") }
                inside = false
            } else if inside {
                if !trimmed.isEmpty { removed.append(trimmed) }
            } else {
                if let name = funcName(trimmed) { lastFunc = name }
                out.append(line)
            }
        }
        if inside { throw MarkerError(file: file, line: lines.count, problem: "\(begin) never closed by \(end)") }
        return (out.joined(separator: "\n"), removed)
    }

    static func funcName(_ line: String) -> String? {
        guard let r = line.range(of: "func ") else { return nil }
        let before = line[..<r.lowerBound]
        guard before.isEmpty || before.hasSuffix(" ") else { return nil }
        let name = line[r.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        return name.isEmpty ? nil : String(name)
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}

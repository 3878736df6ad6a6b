import Foundation

/// A whole grading run: the results of the graders that ran, the points of graders not in this copy
/// (hidden ones, in a student copy), and the time taken.
///
/// The summary never says "all tests passed" when some points could not be checked:
/// "checked 42 of 60 points (visible graders only): scored 40".
public struct GradeReport: Codable, Sendable, Equatable {
    public var tests: [TestResult]
    public var uncheckedPoints: Double
    public var executionTime: Double
    /// Set when the submission could not be graded at all (e.g. it does not compile).
    public var failure: String?

    public init(tests: [TestResult], uncheckedPoints: Double, executionTime: Double, failure: String? = nil) {
        self.tests = tests; self.uncheckedPoints = uncheckedPoints; self.executionTime = executionTime; self.failure = failure
    }

    public var score: Double { tests.reduce(0) { $0 + $1.score } }
    public var checkedPoints: Double { tests.reduce(0) { $0 + $1.maxScore } }
    public var totalPoints: Double { checkedPoints + uncheckedPoints }

    public static func points(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v)
    }

    public func score(of exercise: String) -> (score: Double, max: Double) {
        tests.filter { $0.exercise == exercise }.reduce((0, 0)) { ($0.0 + $1.score, $0.1 + $1.maxScore) }
    }

    /// One line: what was checked and what it scored.
    public var summary: String {
        if let failure { return "not graded: \(failure); scored 0 of \(GradeReport.points(totalPoints)) points" }
        let s = GradeReport.points(score), c = GradeReport.points(checkedPoints), t = GradeReport.points(totalPoints)
        if uncheckedPoints > 0 {
            return "checked \(c) of \(t) points (visible graders only): scored \(s) of \(c); \(GradeReport.points(uncheckedPoints)) points are graded by hidden graders after submission"
        }
        if score == checkedPoints { return "all \(tests.count) graders passed: \(s) of \(t) points" }
        return "scored \(s) of \(t) points (\(tests.filter { $0.score < $0.maxScore }.count) of \(tests.count) graders failed)"
    }

    /// The score table, per exercise and total, then each failed grader's message, all within `width`.
    public func table(width: Int = 80) -> String {
        let width = max(width, 40)
        var lines: [String] = []
        let order = Exercises.all.map(\.id).filter { id in tests.contains { $0.exercise == id } }
        let nameWidth = max(8, min(width - 24, (order.map(\.count).max() ?? 8)))
        func row(_ a: String, _ b: String, _ c: String) -> String {
            let name = a.count > nameWidth ? String(a.prefix(nameWidth)) : a.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            return "\(name)  \(b.leftPadded(7))  \(c)"
        }
        lines.append(row("exercise", "points", "status"))
        for id in order {
            let (s, m) = score(of: id)
            let results = tests.filter { $0.exercise == id }
            let status = s == m ? "ok" : "\(results.filter { $0.score < $0.maxScore }.count) of \(results.count) checks failed"
            lines.append(row(id, "\(GradeReport.points(s))/\(GradeReport.points(m))", status))
        }
        if uncheckedPoints > 0 { lines.append(row("(hidden)", "?/\(GradeReport.points(uncheckedPoints))", "graded after submission")) }
        lines.append(row("total", "\(GradeReport.points(score))/\(GradeReport.points(totalPoints))", ""))
        let failed = tests.filter { $0.score < $0.maxScore }
        if !failed.isEmpty {
            lines.append("")
            for t in failed {
                lines += wrap("- \(t.name): \(t.output)", width: width, indent: "  ")
            }
        }
        lines.append("")
        lines += wrap(summary, width: width, indent: "")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Gradescope's results.json: score, execution_time, output, tests[] (name, score, max_score,
    /// output, visibility). Hidden graders are "after_published": students see them once grades are.
    public func gradescopeJSON() throws -> Data {
        struct GSTest: Encodable { var name: String; var score: Double; var max_score: Double; var output: String; var visibility: String }
        struct GS: Encodable { var score: Double; var execution_time: Double; var output: String; var tests: [GSTest] }
        let gs = GS(score: score, execution_time: (executionTime * 100).rounded() / 100, output: summary,
                    tests: tests.map { GSTest(name: $0.name, score: $0.score, max_score: $0.maxScore, output: $0.output,
                                              visibility: $0.visibility == .visible ? "visible" : "after_published") })
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted]
        return try e.encode(gs)
    }
}

/// Words of `text` in lines of at most `width` characters; continuation lines start with `indent`.
/// A word longer than a line is cut.
public func wrap(_ text: String, width: Int, indent: String) -> [String] {
    var lines: [String] = []
    var current = ""
    for w in text.split(separator: " ") {
        var word = String(w)
        while true {
            let lead = current.isEmpty ? (lines.isEmpty ? "" : indent) : current + " "
            if lead.count + word.count <= width { current = lead + word; break }
            if !current.isEmpty { lines.append(current); current = ""; continue }
            let room = max(1, width - lead.count)
            lines.append(lead + word.prefix(room))
            word = String(word.dropFirst(room))
            if word.isEmpty { break }
        }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
}

extension String {
    func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}

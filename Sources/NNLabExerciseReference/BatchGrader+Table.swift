import NNLabGrading

extension BatchGrader.BatchResult {
    /// What went wrong with a submission as a whole or per exercise: "does not compile: ...", or the
    /// exercises whose grading process crashed or timed out ("relu-backward crashed (SIGILL),
    /// affine timed out"), read from the results' messages.
    public static func note(_ r: GradeReport) -> String {
        if let failure = r.failure { return failure }
        var parts: [String] = []
        for e in Exercises.all.map(\.id) {
            let outputs = r.tests.filter { $0.exercise == e }.map(\.output)
            guard let first = outputs.first, outputs.allSatisfy({ $0 == first }) else { continue }
            if first.hasPrefix("crashed") {
                let signal = first.hasPrefix("crashed (") ? String(first.dropFirst("crashed (".count).prefix { $0 != ")" }) : ""
                parts.append(signal.isEmpty ? "\(e) crashed" : "\(e) crashed (\(signal))")
            } else if first.hasPrefix("timed out") {
                parts.append("\(e) timed out")
            }
        }
        return parts.joined(separator: ", ")
    }

    /// The score table of a batch run: one row per graded student (points of the total, and what
    /// went wrong), then a line saying what was written, all within `width` columns. `wide` adds a
    /// column per exercise (wider than 80 columns: 13 exercises).
    public func table(width: Int, wide: Bool = false) -> String {
        let width = max(width, 40)
        let ids = Exercises.all.map(\.id)
        let nameWidth = min(max(7, results.map(\.student.count).max() ?? 7), max(7, width / 4))
        func cell(_ s: String, _ w: Int) -> String { s.count > w ? String(s.prefix(w)) : s.padding(toLength: w, withPad: " ", startingAt: 0) }
        func right(_ s: String, _ w: Int) -> String { s.count >= w ? s : String(repeating: " ", count: w - s.count) + s }
        var lines: [String] = []
        var head = cell("student", nameWidth) + "  " + right("points", 7)
        if wide { head += ids.map { "  " + right($0, max(5, $0.count)) }.joined() }
        lines.append(head + "  note")
        for r in results {
            var row = cell(r.student, nameWidth) + "  " + right("\(GradeReport.points(r.report.score))/\(GradeReport.points(r.report.totalPoints))", 7)
            if wide { row += ids.map { "  " + right(GradeReport.points(r.report.score(of: $0).score), max(5, $0.count)) }.joined() }
            let note = Self.note(r.report)
            if note.isEmpty { lines.append(row); continue }
            let indent = String(repeating: " ", count: min(row.count + 2, width / 2))
            let wrapped = wrap(note, width: max(10, width - row.count - 2), indent: "")
            if wide || row.count + 2 > width / 2 {
                lines.append(row)
                lines += wrap(note, width: width - indent.count, indent: "").map { indent + $0 }
            } else {
                lines.append(row + "  " + (wrapped.first ?? ""))
                lines += wrapped.dropFirst().map { String(repeating: " ", count: row.count + 2) + $0 }
            }
        }
        lines.append("")
        let n = run.planned
        let summary: String
        if run.interrupted {
            summary = "interrupted after \(run.completed) of \(n) student\(n == 1 ? "" : "s"): their results.json were written; grades.csv was not (it would look complete), so grade again for the class's CSV"
        } else {
            summary = "graded \(n) student\(n == 1 ? "" : "s")" + (csvPath.map { ": \($0) and STUDENT/results.json beside it" } ?? "")
        }
        lines += wrap(summary, width: width, indent: "")
        return lines.map { !wide && $0.count > width ? String($0.prefix(width)) : $0 }.joined(separator: "\n") + "\n"
    }
}

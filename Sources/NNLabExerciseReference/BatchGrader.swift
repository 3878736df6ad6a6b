import Foundation
import NNLabCommands
import NNLabCore
import NNLabGrading

/// `nnlab exercises grade SUBMISSIONS_DIR`: grades a folder of student packages (one folder per
/// student, its name the student id).
///
/// Each worker (one per core by default) owns a grading copy (`.work/worker-K` under the output
/// folder: the graders, visible and hidden, and their fixtures). For each student it rewrites every
/// exercise file of the copy, from the student's folder where present (`Sources/NNLabExercises/NAME`
/// or `NAME` at the top) and the stub otherwise, so nothing else a student sends is used and nothing
/// carries over from the previous student; then builds (incrementally) and runs `grade`. A
/// submission that does not compile gets 0 and the compiler's first error, in a report listing
/// every grader of the grading copy at 0 of its points: the built-in ones, or with `--hidden DIR`
/// the ones the copy itself lists (`grade --list`, run once per batch in a copy built with the
/// stubs, since DIR's ExtraGraders.swift is known only to the copy).
public enum BatchGrader {
    public struct StudentResult: Sendable, Equatable {
        public var student: String
        public var report: GradeReport
    }

    public struct Options: Sendable {
        public var submissions: String
        public var out: String
        public var hidden: String?
        public var jobs: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)
        public var timeout: Double = 10
        public var buildTimeout: Double = 900
        public var swift: String
        public init(submissions: String, out: String, hidden: String? = nil, swift: String) {
            self.submissions = submissions; self.out = out; self.hidden = hidden; self.swift = swift
        }
    }

    public struct BatchError: Error, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The student folders of `dir`, sorted (hidden entries and plain files skipped).
    public static func students(in dir: String) throws -> [String] {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw BatchError(message: "'\(dir)' is not a folder of submissions (one folder per student), e.g. nnlab exercises grade submissions")
        }
        let names = (try? fm.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { n in
            var d: ObjCBool = false
            return !n.hasPrefix(".") && fm.fileExists(atPath: (dir as NSString).appendingPathComponent(n), isDirectory: &d) && d.boolValue
        }.sorted()
    }

    /// The files of a grading copy; `--hidden DIR` replaces the built-in hidden graders with
    /// DIR/ExtraGraders.swift and DIR/hidden.json.
    static func gradingFiles(hidden: String?) throws -> [(path: String, data: Data)] {
        var files = try ReleaseWriter.files(.grading)
        guard let hidden else { return files }
        for (name, target) in [("ExtraGraders.swift", "Sources/NNLabGrading/ExtraGraders.swift"), ("hidden.json", "Fixtures/hidden.json")] {
            let p = (hidden as NSString).appendingPathComponent(name)
            guard let d = FileManager.default.contents(atPath: p) else {
                throw BatchError(message: "--hidden '\(hidden)' has no \(name); it needs ExtraGraders.swift and hidden.json (as in a grading copy's Sources/NNLabGrading and Fixtures)")
            }
            files.removeAll { $0.path == target }
            files.append((target, d))
        }
        return files
    }

    /// Writes each file under `root`, leaving a file whose bytes are already the same untouched (its
    /// modification time too), so the next build of the copy recompiles only what changed.
    static func write(_ files: [(path: String, data: Data)], under root: String) throws {
        for (path, data) in files {
            let full = (root as NSString).appendingPathComponent(path)
            try writeIfChanged(data, to: full)
        }
    }

    static func writeIfChanged(_ data: Data, to path: String) throws {
        if FileManager.default.contents(atPath: path) == data { return }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try SafeFileWriter.write(data, to: path)
    }

    /// The first line of compiler output that names an error, without the build's own summary lines.
    public static func firstError(_ output: String) -> String {
        let lines = output.split(separator: "\n").map(String.init)
        return lines.first { $0.contains(": error:") } ?? lines.first { $0.contains("error:") } ?? lines.last ?? "the build failed"
    }

    /// What a grading run did: the students graded (in id order), how many of those planned, and
    /// the files written.
    ///
    /// Interrupted (Ctrl-C): `results` holds only the students whose grading finished, each
    /// student's results.json is written for those, and grades.csv is **not** written (a CSV with
    /// rows missing would read as a complete class list; an existing grades.csv is left as it was).
    public struct BatchResult: Sendable, Equatable {
        public var results: [StudentResult]
        public var run: RunState
        public var written: [String]
        public var csvPath: String?
    }

    /// Grades every student. Progress goes to `monitor`: a bar over students x (build + exercises),
    /// and one `StudentGraded` record per student as it finishes. Ctrl-C (`monitor.shouldStop`)
    /// stops the builds and grading programs running (their process groups are killed), grades no
    /// further student, and returns the finished ones with `run.interrupted`.
    public static func grade(_ o: Options, monitor: Monitor = .silent()) throws -> BatchResult {
        let ids = try students(in: o.submissions)
        guard !ids.isEmpty else { throw BatchError(message: "'\(o.submissions)' holds no student folders") }
        let copyFiles = try gradingFiles(hidden: o.hidden)
        let stubs = Dictionary(uniqueKeysWithValues: try ReleaseWriter.files(.student).filter { $0.path.hasPrefix("Sources/NNLabExercises/") }.map { ($0.path, $0.data) })
        let graders = Grading.allGraders
        let declared = CopyGraders(o.hidden == nil ? GradingMain.declared(graders) : nil)
        try FileManager.default.createDirectory(atPath: o.out, withIntermediateDirectories: true)
        // Absolute, so the copy's prefix can be cut from compiler messages (which name absolute paths).
        let work = (URL(fileURLWithPath: SafeFileWriter.expandingTilde(o.out)).standardizedFileURL.path as NSString).appendingPathComponent(".work")
        let jobs = max(1, min(o.jobs, ids.count))
        let results = Slots<StudentResult>(count: ids.count)
        let next = Counter()
        let errors = Slots<String>(count: jobs)
        let exerciseCount = Set(graders.map(\.exercise)).count
        let tally = ProgressTally(total: ids.count * (1 + exerciseCount), monitor: monitor)
        let finished = Counter()
        let group = DispatchGroup()
        for k in 0..<jobs {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                let copy = (work as NSString).appendingPathComponent("worker-\(k)")
                do { try write(copyFiles, under: copy) } catch { errors.set(k, "cannot write the grading copy \(copy): \(error)"); return }
                while !monitor.shouldStop, let i = next.take(below: ids.count) {
                    let id = ids[i]
                    let r = gradeOne(id: id, from: (o.submissions as NSString).appendingPathComponent(id), copy: copy, stubs: stubs,
                                     declared: declared, o, monitor: monitor, tally: tally)
                    guard let r else { break }   // stopped part-way: not a result
                    results.set(i, StudentResult(student: id, report: r))
                    let n = finished.take(below: Int.max) ?? 0
                    monitor.emit(StudentGraded(student: id, finished: n + 1, students: ids.count, score: r.score, max: r.totalPoints, note: r.failure))
                }
            }
        }
        group.wait()
        if let e = errors.all.compactMap({ $0 }).first { throw BatchError(message: e) }
        let all = results.all.compactMap { $0 }
        var written: [String] = []
        for r in all {
            let dir = (o.out as NSString).appendingPathComponent(r.student)
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let path = (dir as NSString).appendingPathComponent("results.json")
            try SafeFileWriter.write(try r.report.gradescopeJSON(), to: path)
            written.append(path)
        }
        let run = RunState(completed: all.count, planned: ids.count, interrupted: all.count < ids.count)
        var csvPath: String?
        if !run.interrupted {
            let path = (o.out as NSString).appendingPathComponent("grades.csv")
            try SafeFileWriter.write(Data(csv(all).utf8), to: path)
            written.append(path)
            csvPath = path
        }
        return BatchResult(results: all, run: run, written: written, csvPath: csvPath)
    }

    /// One student in one grading copy; nil when stopped by Ctrl-C before the grading finished.
    static func gradeOne(id: String, from student: String, copy: String, stubs: [String: Data], declared: CopyGraders, _ o: Options,
                         monitor: Monitor, tally: ProgressTally) -> GradeReport? {
        let start = Date()
        let stop: @Sendable () -> Bool = { monitor.shouldStop }
        // Every grader of the copy at 0, grouped by exercise in the table's order, as the grading
        // program reports them; nil when Ctrl-C stopped the listing.
        func failed(_ why: String) -> GradeReport? {
            let listed: Result<[TestResult], BatchError>
            if let known = declared.known { listed = .success(known) } else {
                tally.label("\(id): listing the graders of \(o.hidden ?? "the copy")")
                guard let l = declared.list(copy: copy, stubs: stubs, o, stop: stop) else { return nil }
                listed = l
            }
            switch listed {
            case let .success(tests):
                return GradeReport(tests: tests.map { var t = $0; t.output = why; return t },
                                   uncheckedPoints: 0, executionTime: Date().timeIntervalSince(start), failure: why)
            case let .failure(e):
                return GradeReport(tests: [], uncheckedPoints: 0, executionTime: Date().timeIntervalSince(start), failure: "\(why); \(e.message)")
            }
        }
        // Every exercise file: the student's, or the stub. ExArray.swift is given, not handed in.
        for (path, stub) in stubs {
            let name = (path as NSString).lastPathComponent
            var data = stub
            if name != "ExArray.swift" {
                for candidate in ["Sources/NNLabExercises/\(name)", name] {
                    if let d = FileManager.default.contents(atPath: (student as NSString).appendingPathComponent(candidate)) { data = d; break }
                }
            }
            do { try writeIfChanged(data, to: (copy as NSString).appendingPathComponent(path)) } catch {
                tally.add(tally.perStudent)
                return failed("not graded: \(error)")
            }
        }
        tally.label("\(id): building")
        let build = IsolatedRunner.run(o.swift, ["build", "--package-path", copy, "--product", "grade"], timeout: o.buildTimeout, stop: stop)
        if build == .stopped { return nil }
        tally.add(1, "\(id): built")
        let rest = tally.perStudent - 1
        func failedAfterBuild(_ why: String) -> GradeReport? { tally.add(rest); return failed(why) }
        switch build {
        case let .exited(status, out, err):
            // The copy's folder is the instructor's business: the student sees Sources/NNLabExercises/NAME.
            if status != 0 {
                let first = firstError(out + "\n" + err).replacingOccurrences(of: copy + "/", with: "")
                    .replacingOccurrences(of: URL(fileURLWithPath: copy).resolvingSymlinksInPath().path + "/", with: "")
                return failedAfterBuild("does not compile: \(first)")
            }
        case .timedOut: return failedAfterBuild("the build timed out after \(GradeReport.points(o.buildTimeout)) s")
        case let .crashed(signal, _): return failedAfterBuild("the build crashed (\(IsolatedRunner.signalName(signal)))")
        case let .failedToStart(why): return failedAfterBuild("the build did not start: \(why)")
        case .stopped: return nil
        }
        let reportPath = (copy as NSString).appendingPathComponent("report.json")
        let progressPath = (copy as NSString).appendingPathComponent("progress.txt")
        try? FileManager.default.removeItem(atPath: reportPath)
        try? FileManager.default.removeItem(atPath: progressPath)
        var env = ProcessInfo.processInfo.environment
        env["SWIFT_BACKTRACE"] = "enable=no"
        let shown = tally.student()
        let run = IsolatedRunner.run((copy as NSString).appendingPathComponent(".build/debug/grade"),
                                     ["--fixtures", (copy as NSString).appendingPathComponent("Fixtures"), "--report", reportPath,
                                      "--timeout", "\(o.timeout)", "--jobs", "1", "--progress", progressPath],
                                     environment: env, directory: copy, timeout: o.timeout * Double(Exercises.all.count) + 60) {
            // Polled while the grading program runs: each finished exercise moves the bar.
            let lines = (FileManager.default.contents(atPath: progressPath) ?? Data()).filter { $0 == UInt8(ascii: "\n") }.count
            shown.advance(to: min(lines, rest), id: id, of: rest)
            return monitor.shouldStop
        }
        if run == .stopped { return nil }
        shown.advance(to: rest, id: id, of: rest)
        guard case .exited(0, _, _) = run, let data = FileManager.default.contents(atPath: reportPath),
              var report = try? JSONDecoder().decode(GradeReport.self, from: data) else {
            return failed("not graded: the grading program failed (\(run))")
        }
        report.executionTime = Date().timeIntervalSince(start)
        return report
    }

    /// One row per student: id, each exercise's points, total, maximum, and a note: why a row is 0
    /// (it does not compile), or which exercises crashed or timed out.
    public static func csv(_ results: [StudentResult]) -> String {
        let ids = Exercises.all.map(\.id)
        var lines = [(["student"] + ids + ["total", "max", "note"]).joined(separator: ",")]
        for r in results {
            let cells = [r.student] + ids.map { GradeReport.points(r.report.score(of: $0).score) }
                + [GradeReport.points(r.report.score), GradeReport.points(r.report.totalPoints), BatchResult.note(r.report)]
            lines.append(cells.map(csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
    static func csvField(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}

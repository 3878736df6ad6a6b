import Foundation
import NNLabCommands
import NNLabGrading

/// `nnlab exercises grade SUBMISSIONS_DIR`: grades a folder of student packages (one folder per
/// student, its name the student id).
///
/// Each worker (one per core by default) owns a grading copy (`.work/worker-K` under the output
/// folder: the graders, visible and hidden, and their fixtures). For each student it rewrites every
/// exercise file of the copy, from the student's folder where present (`Sources/NNLabExercises/NAME`
/// or `NAME` at the top) and the stub otherwise, so nothing else a student sends is used and nothing
/// carries over from the previous student; then builds (incrementally) and runs `grade`. A
/// submission that does not compile gets 0 and the compiler's first error.
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

    static func write(_ files: [(path: String, data: Data)], under root: String) throws {
        for (path, data) in files {
            let full = (root as NSString).appendingPathComponent(path)
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try SafeFileWriter.write(data, to: full)
        }
    }

    /// The first line of compiler output that names an error, without the build's own summary lines.
    public static func firstError(_ output: String) -> String {
        let lines = output.split(separator: "\n").map(String.init)
        return lines.first { $0.contains(": error:") } ?? lines.first { $0.contains("error:") } ?? lines.last ?? "the build failed"
    }

    /// Grades every student; `progress` gets one line per student as it finishes.
    public static func grade(_ o: Options, progress: @escaping @Sendable (String) -> Void = { _ in }) throws -> [StudentResult] {
        let ids = try students(in: o.submissions)
        guard !ids.isEmpty else { throw BatchError(message: "'\(o.submissions)' holds no student folders") }
        let copyFiles = try gradingFiles(hidden: o.hidden)
        let stubs = Dictionary(uniqueKeysWithValues: try ReleaseWriter.files(.student).filter { $0.path.hasPrefix("Sources/NNLabExercises/") }.map { ($0.path, $0.data) })
        let graders = Grading.allGraders
        try FileManager.default.createDirectory(atPath: o.out, withIntermediateDirectories: true)
        let work = (o.out as NSString).appendingPathComponent(".work")
        let jobs = max(1, min(o.jobs, ids.count))
        let results = Slots<StudentResult>(count: ids.count)
        let next = Counter()
        let errors = Slots<String>(count: jobs)
        let group = DispatchGroup()
        for k in 0..<jobs {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                let copy = (work as NSString).appendingPathComponent("worker-\(k)")
                do { try write(copyFiles, under: copy) } catch { errors.set(k, "cannot write the grading copy \(copy): \(error)"); return }
                while let i = next.take(below: ids.count) {
                    let id = ids[i]
                    let r = gradeOne(id: id, from: (o.submissions as NSString).appendingPathComponent(id), copy: copy, stubs: stubs,
                                     graders: graders, o)
                    results.set(i, StudentResult(student: id, report: r))
                    progress("\(id): \(GradeReport.points(r.score))/\(GradeReport.points(r.totalPoints))\(r.failure.map { " (\($0))" } ?? "")")
                }
            }
        }
        group.wait()
        if let e = errors.all.compactMap({ $0 }).first { throw BatchError(message: e) }
        let all = results.all.compactMap { $0 }
        for r in all {
            let dir = (o.out as NSString).appendingPathComponent(r.student)
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try SafeFileWriter.write(try r.report.gradescopeJSON(), to: (dir as NSString).appendingPathComponent("results.json"))
        }
        try SafeFileWriter.write(Data(csv(all).utf8), to: (o.out as NSString).appendingPathComponent("grades.csv"))
        return all
    }

    static func gradeOne(id: String, from student: String, copy: String, stubs: [String: Data], graders: [Grader], _ o: Options) -> GradeReport {
        let start = Date()
        func failed(_ why: String) -> GradeReport {
            GradeReport(tests: graders.map { TestResult(name: $0.name, exercise: $0.exercise, score: 0, maxScore: $0.points, output: why, visibility: $0.visibility) },
                        uncheckedPoints: 0, executionTime: Date().timeIntervalSince(start), failure: why)
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
            do { try SafeFileWriter.write(data, to: (copy as NSString).appendingPathComponent(path)) } catch {
                return failed("not graded: \(error)")
            }
        }
        let build = IsolatedRunner.run(o.swift, ["build", "--package-path", copy, "--product", "grade"], timeout: o.buildTimeout)
        switch build {
        case let .exited(status, out, err):
            if status != 0 { return failed("does not compile: \(firstError(out + "\n" + err))") }
        case .timedOut: return failed("the build timed out after \(GradeReport.points(o.buildTimeout)) s")
        case let .crashed(signal, _): return failed("the build crashed (\(IsolatedRunner.signalName(signal)))")
        case let .failedToStart(why): return failed("the build did not start: \(why)")
        }
        let reportPath = (copy as NSString).appendingPathComponent("report.json")
        try? FileManager.default.removeItem(atPath: reportPath)
        var env = ProcessInfo.processInfo.environment
        env["SWIFT_BACKTRACE"] = "enable=no"
        let run = IsolatedRunner.run((copy as NSString).appendingPathComponent(".build/debug/grade"),
                                     ["--fixtures", (copy as NSString).appendingPathComponent("Fixtures"), "--report", reportPath,
                                      "--timeout", "\(o.timeout)", "--jobs", "1"],
                                     environment: env, directory: copy, timeout: o.timeout * Double(Exercises.all.count) + 60)
        guard case .exited(0, _, _) = run, let data = FileManager.default.contents(atPath: reportPath),
              var report = try? JSONDecoder().decode(GradeReport.self, from: data) else {
            return failed("not graded: the grading program failed (\(run))")
        }
        report.executionTime = Date().timeIntervalSince(start)
        return report
    }

    /// One row per student: id, each exercise's points, total, maximum, and why a row is 0 if it is.
    public static func csv(_ results: [StudentResult]) -> String {
        let ids = Exercises.all.map(\.id)
        var lines = [(["student"] + ids + ["total", "max", "note"]).joined(separator: ",")]
        for r in results {
            let cells = [r.student] + ids.map { GradeReport.points(r.report.score(of: $0).score) }
                + [GradeReport.points(r.report.score), GradeReport.points(r.report.totalPoints), r.report.failure ?? ""]
            lines.append(cells.map(csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
    static func csvField(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}

final class Slots<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [T?]
    init(count: Int) { items = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ v: T) { lock.lock(); items[i] = v; lock.unlock() }
    var all: [T?] { lock.lock(); defer { lock.unlock() }; return items }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func take(below limit: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard n < limit else { return nil }
        n += 1
        return n - 1
    }
}

import Foundation

/// The grading program of a student or grading copy (`swift run grade`): every exercise's graders
/// run in a child process of their own (this program started again with `--child EXERCISE`) with a
/// time limit, then the score table is printed and, with `--results PATH`, Gradescope's
/// results.json is written.
///
///     grade [--fixtures DIR] [--results PATH] [--timeout SECONDS] [--width N] [--jobs N] [--progress PATH]
///     grade --list PATH
///
/// `--list PATH` grades nothing: it writes the graders this copy holds to PATH as a JSON array of
/// results with score 0 (`name`, `exercise`, `maxScore` = the grader's points, `visibility`),
/// grouped by exercise in the table's order, so a batch grader can give a submission that does not
/// compile a zero report listing the graders that would have run (the hidden ones of this copy).
/// `--progress PATH` appends each exercise's id to PATH, one line, as soon as its child has finished
/// (so a batch grader can show progress per exercise while this program runs).
public enum GradingMain {
    public struct Options: Equatable {
        public var fixtures = "Fixtures"
        public var results: String?
        public var report: String?
        public var timeout = 10.0
        public var width = 80
        public var jobs = max(1, ProcessInfo.processInfo.activeProcessorCount)
        public var child: String?
        public var progress: String?
        public var list: String?
    }

    public static func parse(_ args: [String]) -> Result<Options, GradingUsageError> {
        var o = Options()
        var i = 0
        func value() -> String? { i + 1 < args.count ? args[i + 1] : nil }
        while i < args.count {
            let a = args[i]
            switch a {
            case "--fixtures", "--results", "--report", "--timeout", "--width", "--jobs", "--child", "--progress", "--list":
                guard let v = value() else { return .failure(GradingUsageError("\(a) needs a value, e.g. \(a) \(example(a))")) }
                switch a {
                case "--fixtures": o.fixtures = v
                case "--results": o.results = v
                case "--report": o.report = v
                case "--child": o.child = v
                case "--progress": o.progress = v
                case "--list": o.list = v
                case "--timeout":
                    guard let t = Double(v), t > 0, t <= 3600 else { return .failure(GradingUsageError("--timeout takes seconds in (0, 3600], e.g. --timeout 10; got '\(v)'")) }
                    o.timeout = t
                case "--width":
                    guard let w = Int(v), (40...1000).contains(w) else { return .failure(GradingUsageError("--width takes 40 to 1000 columns, e.g. --width 80; got '\(v)'")) }
                    o.width = w
                default:
                    guard let j = Int(v), (1...256).contains(j) else { return .failure(GradingUsageError("--jobs takes 1 to 256, e.g. --jobs 2; got '\(v)'")) }
                    o.jobs = j
                }
                i += 2
            default:
                return .failure(GradingUsageError("unknown argument '\(a)'; allowed: --fixtures DIR, --results PATH, --report PATH, --timeout SECONDS, --width N, --jobs N, --progress PATH, --list PATH"))
            }
        }
        return .success(o)
    }

    static func example(_ flag: String) -> String {
        switch flag {
        case "--fixtures": return "Fixtures"
        case "--results", "--report": return "results.json"
        case "--list": return "graders.json"
        case "--progress": return "progress.txt"
        case "--timeout": return "10"
        case "--width": return "80"
        case "--jobs": return "2"
        default: return "affine"
        }
    }

    /// Loads Fixtures/visible.json and, when present, Fixtures/hidden.json.
    public static func loadFixtures(_ dir: String) throws -> (expected: FixtureExpectedValues, unchecked: Double) {
        let fm = FileManager.default
        let visiblePath = (dir as NSString).appendingPathComponent("visible.json")
        guard let v = fm.contents(atPath: visiblePath) else { throw GradingError.badFixture("\(visiblePath) is missing") }
        var files = [try FixtureFile.decode(v)]
        let hiddenPath = (dir as NSString).appendingPathComponent("hidden.json")
        if let h = fm.contents(atPath: hiddenPath) { files.append(try FixtureFile.decode(h)) }
        let unchecked = ExtraGraders.all.isEmpty ? files[0].uncheckedPoints : 0
        return (FixtureExpectedValues(files: files), unchecked)
    }

    /// Grades every exercise in its own child process, `jobs` at a time; `finished` is told each
    /// exercise's id as its child ends (from worker threads).
    public static func gradeIsolated(executable: String, arguments: [String], graders: [Grader], jobs: Int, timeout: Double,
                                     environment: [String: String]? = nil, finished: (@Sendable (String) -> Void)? = nil) -> [TestResult] {
        let exercises = Exercises.all.map(\.id).filter { id in graders.contains { $0.exercise == id } }
        let box = ResultBox(count: exercises.count)
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = jobs
        for (i, ex) in exercises.enumerated() {
            queue.addOperation {
                let outcome = IsolatedRunner.run(executable, arguments + ["--child", ex], environment: environment, timeout: timeout)
                box.set(i, IsolatedRunner.results(of: outcome, exercise: ex, graders: graders))
                finished?(ex)
            }
        }
        queue.waitUntilAllOperationsAreFinished()
        return box.all.flatMap { $0 }
    }

    /// The program: returns the exit status (0 when graded, 2 on a usage or fixture error).
    public static func main(_ args: [String] = Array(CommandLine.arguments.dropFirst()), submission: Submission = .student) -> Int32 {
        let o: Options
        switch parse(args) {
        case let .success(v): o = v
        case let .failure(e): FileHandle.standardError.write(Data("grade: \(e.message)\n".utf8)); return 2
        }
        if let path = o.list {
            do { try JSONEncoder().encode(declared(Grading.allGraders)).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
                FileHandle.standardError.write(Data("grade: cannot write \(path): \(error)\n".utf8)); return 2
            }
            return 0
        }
        let loaded: (expected: FixtureExpectedValues, unchecked: Double)
        do { loaded = try loadFixtures(o.fixtures) } catch {
            FileHandle.standardError.write(Data("grade: \(error)\n".utf8)); return 2
        }
        let graders = Grading.allGraders
        if let ex = o.child {
            IsolatedRunner.childMain(exercise: ex, graders: graders, submission: submission, expected: loaded.expected)
            return 0
        }
        let start = Date()
        let me = Bundle.main.executablePath ?? CommandLine.arguments[0]
        // A crash report is all a trap needs to say: no slow symbolicated backtrace in the children.
        var env = ProcessInfo.processInfo.environment
        env["SWIFT_BACKTRACE"] = "enable=no"
        let log = o.progress.flatMap { ProgressLog(path: $0) }
        let tests = gradeIsolated(executable: me, arguments: ["--fixtures", o.fixtures], graders: graders, jobs: o.jobs, timeout: o.timeout,
                                  environment: env, finished: log.map { l -> @Sendable (String) -> Void in { l.append($0) } })
        let report = GradeReport(tests: tests, uncheckedPoints: loaded.unchecked, executionTime: Date().timeIntervalSince(start))
        FileHandle.standardOutput.write(Data(report.table(width: o.width).utf8))
        // Written to a temporary file in the same folder and renamed: complete or absent.
        let outputs: [(String?, () throws -> Data)] = [(o.results, { try report.gradescopeJSON() }), (o.report, { try JSONEncoder().encode(report) })]
        for (path, data) in outputs {
            guard let path else { continue }
            do { try data().write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
                FileHandle.standardError.write(Data("grade: cannot write \(path): \(error)\n".utf8)); return 2
            }
        }
        return 0
    }
}

extension GradingMain {
    /// `graders` as results scoring 0 of their points, grouped by exercise in the table's order (the
    /// order the grading program reports them in); `output` is `why`.
    public static func declared(_ graders: [Grader], why: String = "") -> [TestResult] {
        Exercises.all.map(\.id).flatMap { e in graders.filter { $0.exercise == e } }.map {
            TestResult(name: $0.name, exercise: $0.exercise, score: 0, maxScore: $0.points, output: why, visibility: $0.visibility)
        }
    }
}

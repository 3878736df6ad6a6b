import Foundation
import NNLabCommands
import NNLabCore
import NNLabGrading

/// The bar of a batch grading run: units done (a build, an exercise) of students x (1 + exercises),
/// from several worker threads.
final class ProgressTally: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    let total: Int
    let perStudent: Int
    private let monitor: Monitor

    init(total: Int, monitor: Monitor) {
        self.total = total; self.monitor = monitor
        perStudent = 1 + Set(Grading.allGraders.map(\.exercise)).count
        monitor.progress(0, of: total, "starting")
    }

    func add(_ n: Int, _ label: String = "") {
        lock.lock(); done += n; let d = min(done, total); lock.unlock()
        monitor.progress(d, of: total, label)
    }

    func label(_ text: String) {
        lock.lock(); let d = done; lock.unlock()
        monitor.progress(d, of: total, text)
    }

    /// One student's exercises as they finish: `advance(to:)` adds only what is new.
    func student() -> StudentProgress { StudentProgress(tally: self) }

    final class StudentProgress: @unchecked Sendable {
        private let lock = NSLock()
        private var counted = 0
        private let tally: ProgressTally
        init(tally: ProgressTally) { self.tally = tally }
        func advance(to n: Int, id: String, of count: Int) {
            lock.lock(); let new = n - counted; if new > 0 { counted = n }; lock.unlock()
            if new > 0 { tally.add(new, "\(id): \(n) of \(count) exercises") }
        }
    }
}

import Foundation
import XCTest
@testable import NNLabCore

/// The parallel-work policy (docs/design.md): threads are not stacked. Inside a `Parallel.workers`
/// body, elementwise chunks run as one chunk on the worker's own thread; outside, a large count is
/// split across the cores.
final class ParallelTests: XCTestCase {
    final class Counter: @unchecked Sendable {
        let lock = NSLock()
        var calls = 0, covered = 0, workersSeen = 0
        func add(_ r: Range<Int>) { lock.lock(); calls += 1; covered += r.count; lock.unlock() }
    }

    func testWorkersRunEveryJobAndDoNotStackChunks() {
        let n = Parallel.threshold * 4
        let outside = Counter()
        Parallel.chunks(n) { outside.add($0) }
        XCTAssertEqual(outside.covered, n)
        if System.cores > 1 { XCTAssertGreaterThan(outside.calls, 1, "a large count is split on a machine with \(System.cores) cores") }
        XCTAssertFalse(Parallel.insideWorker)

        let inside = Counter()
        let jobs = Counter()
        Parallel.workers(3) { _ in
            jobs.lock.lock(); jobs.workersSeen += Parallel.insideWorker ? 1 : 0; jobs.calls += 1; jobs.lock.unlock()
            Parallel.chunks(n) { inside.add($0) }
        }
        XCTAssertEqual(jobs.calls, 3)
        XCTAssertEqual(jobs.workersSeen, 3, "every job runs marked as a worker")
        XCTAssertEqual(inside.calls, 3, "one chunk per job: no threads stacked on the workers")
        XCTAssertEqual(inside.covered, 3 * n)
        XCTAssertFalse(Parallel.insideWorker, "the calling thread's mark is restored")
    }
}

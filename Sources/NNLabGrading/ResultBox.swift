import Foundation

/// Results filled in by worker threads, one slot each.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [[TestResult]]
    init(count: Int) { slots = Array(repeating: [], count: count) }
    func set(_ i: Int, _ r: [TestResult]) { lock.lock(); slots[i] = r; lock.unlock() }
    var all: [[TestResult]] { lock.lock(); defer { lock.unlock() }; return slots }
}

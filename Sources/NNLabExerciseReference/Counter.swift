import Foundation
import NNLabCommands
import NNLabCore
import NNLabGrading

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

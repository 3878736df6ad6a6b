import Foundation
import NNLabCommands
import NNLabCore
import NNLabGrading

final class Slots<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [T?]
    init(count: Int) { items = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ v: T) { lock.lock(); items[i] = v; lock.unlock() }
    var all: [T?] { lock.lock(); defer { lock.unlock() }; return items }
}

import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splitting elementwise work across the machine's cores. Each element is computed by the same
/// code whichever chunk it falls in, so results do not depend on the number of cores.
///
/// Threads are never stacked: work that already runs on one of `workers`' threads (a search
/// trial) gets one thread for its elementwise chunks and for its BLAS products, so two trials on
/// two cores use two threads, not two times two.
public enum Parallel {
    /// Below this many elements one core is faster than the hand-off.
    public static let threshold = 1 << 16

    /// Marks the threads running `workers`' bodies (any non-nil value).
    private static let workerKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// Whether the calling thread runs one of `workers`' bodies.
    public static var insideWorker: Bool { pthread_getspecific(workerKey) != nil }

    /// Runs `body(0) ... body(count - 1)` on up to `count` threads at once (independent jobs such as
    /// search trials), each marked as a worker so the work inside runs on its own thread only.
    public static func workers(_ count: Int, _ body: (Int) -> Void) {
        withoutActuallyEscaping(body) { body in
            let shared = Unchecked(body)
            DispatchQueue.concurrentPerform(iterations: count) { w in
                // concurrentPerform may run an iteration on the calling thread: restore its mark.
                let previous = pthread_getspecific(workerKey)
                pthread_setspecific(workerKey, UnsafeRawPointer(bitPattern: 1))
                defer { pthread_setspecific(workerKey, previous) }
                shared.value(w)
            }
        }
    }

    public static func chunks(_ count: Int, _ body: (Range<Int>) -> Void) {
        let workers = count < threshold || insideWorker ? 1 : min(8, max(1, System.cores))
        if workers == 1 { body(0..<count); return }
        let size = (count + workers - 1) / workers
        withoutActuallyEscaping(body) { body in
            // Each worker touches its own disjoint range: sharing the closure is safe.
            let shared = Unchecked(body)
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                let lo = w * size, hi = min(count, lo + size)
                if lo < hi { shared.value(lo..<hi) }
            }
        }
    }
}

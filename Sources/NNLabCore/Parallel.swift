import Dispatch

/// Splitting elementwise work across the machine's cores. Each element is computed by the same
/// code whichever chunk it falls in, so results do not depend on the number of cores.
public enum Parallel {
    /// Below this many elements one core is faster than the hand-off.
    public static let threshold = 1 << 16

    public static func chunks(_ count: Int, _ body: (Range<Int>) -> Void) {
        let workers = count < threshold ? 1 : min(8, max(1, System.cores))
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

struct Unchecked<T>: @unchecked Sendable {
    let value: T
    init(_ v: T) { value = v }
}

enum System {
    static let cores: Int = {
        #if canImport(Glibc) || canImport(Darwin)
        return max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
        return 1
        #endif
    }()
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import Dispatch
import NNLabCore
import Synchronization

/// Hyperparameter search, the lecture's coarse-to-fine recipe: sample lr and reg in log space, train
/// each setting for a few epochs, keep the best, narrow the ranges around it and search again.
///
/// Determinism: trial i (1-based) samples its setting from, and then trains with, its own generator
/// `NumpyRandom(seed: seed, stream: i)`, numpy's `RandomState([seed, i])` (lr first, then reg, each
/// `10 ** uniform(log10 low, log10 high)`); a grid takes its points in order, lr outer. Trials run
/// on `workers` threads at once, but each trial's numbers depend only on (seed, i), and the lines
/// are emitted in trial order, so `seed 1; search ...` prints the same lines every time.
///
/// Ctrl-C: no new trial starts; trials running stop at their next batch and are dropped; the
/// report holds the finished trials only, marked interrupted, and the best among them.
public enum SearchExperiment {
    /// Trains one setting; it must check `monitor.shouldStop` between batches.
    public typealias Runner = @Sendable (_ point: SearchPoint, _ rng: inout NumpyRandom, _ monitor: Monitor) throws -> TrialOutcome

    /// The largest search accepted (trials): beyond it the run would not finish in a lesson.
    public static let maxTrials = 10_000

    /// The settings a search will try: `trials` random points, or the largest g x g grid that fits
    /// in `trials` (g = floor(sqrt(trials))).
    public static func points(_ strategy: SearchStrategy, lr: SearchRange, reg: SearchRange,
                              trials: Int, seed: UInt32) -> [SearchPoint] {
        switch strategy {
        case .random:
            return (1...max(1, trials)).map { i in
                var rng = NumpyRandom(seed: seed, stream: UInt32(i))
                let a = lr.sample(&rng), b = reg.sample(&rng)
                return SearchPoint(trial: i, lr: a, reg: b)
            }
        case .grid:
            let g = max(1, Int(Double(trials).squareRoot()))
            var out: [SearchPoint] = []
            for a in lr.grid(g) { for b in reg.grid(g) { out.append(SearchPoint(trial: out.count + 1, lr: a, reg: b)) } }
            return out
        }
    }

    /// The generator trial `point.trial` trains with: after a random point's two draws, or fresh for a grid.
    public static func generator(for point: SearchPoint, _ strategy: SearchStrategy, seed: UInt32) -> NumpyRandom {
        var rng = NumpyRandom(seed: seed, stream: UInt32(point.trial))
        if strategy == .random { _ = rng.rand(); _ = rng.rand() }
        return rng
    }

    public static func run(_ strategy: SearchStrategy, lr: SearchRange, reg: SearchRange, trials: Int,
                           epochs: Int, seed: UInt32, workers: Int = 2,
                           monitor: Monitor, runner: Runner) throws -> SearchReport {
        guard (1...maxTrials).contains(trials) else {
            throw NumericsError.outOfRange("trials=\(trials): a search runs 1 to \(maxTrials) trials, e.g. trials=100")
        }
        let plan = points(strategy, lr: lr, reg: reg, trials: trials, seed: seed)
        let n = plan.count
        let workerCount = max(1, min(workers, n))

        struct Shared {
            var next = 0
            var results: [SearchTrial?]
            var emitted = 0
            var finished = 0
            var failure: (any Error)?
        }
        let shared = Mutex(Shared(results: Array(repeating: nil, count: n)))
        // Trials hand no progress or records of their own to the channel: only the interrupt flag.
        let quiet = Monitor(interrupt: monitor.interrupt)

        Parallel.workers(workerCount) { _ in
            while true {
                let index: Int? = shared.withLock { s in
                    guard s.failure == nil, !monitor.shouldStop, s.next < n else { return nil }
                    defer { s.next += 1 }
                    return s.next
                }
                guard let i = index else { return }
                let point = plan[i]
                var rng = generator(for: point, strategy, seed: seed)
                do {
                    let o = try runner(point, &rng, quiet)
                    if o.interrupted { return }
                    let t = SearchTrial(trial: point.trial, planned: n, lr: point.lr, reg: point.reg,
                                        valAccuracy: o.valAccuracy, trainAccuracy: o.trainAccuracy,
                                        epochs: o.epochs, cut: o.cut)
                    shared.withLock { s in
                        s.results[i] = t
                        s.finished += 1
                        // Emit the finished prefix, in trial order, under the lock.
                        while s.emitted < n, let r = s.results[s.emitted] {
                            monitor.emit(r)
                            s.emitted += 1
                        }
                        monitor.progress(s.finished, of: n, "trial")
                    }
                } catch {
                    shared.withLock { s in if s.failure == nil { s.failure = error } }
                    return
                }
            }
        }
        let final = shared.withLock { $0 }
        if let failure = final.failure { throw failure }
        let done = final.results.compactMap { $0 }
        // Finished trials stranded behind an unfinished one (Ctrl-C) are emitted now, in order.
        for t in final.results[final.emitted...].compactMap({ $0 }) { monitor.emit(t) }
        var best: SearchTrial?
        for t in done {
            if let b = best, t.valAccuracy <= b.valAccuracy { continue }
            best = t
        }
        return SearchReport(strategy: strategy, ranges: [lr, reg], epochs: epochs, trials: done, best: best,
                            cutCount: done.filter { $0.cut != nil }.count, workers: workerCount,
                            run: RunState(completed: done.count, planned: n, interrupted: done.count < n))
    }
}

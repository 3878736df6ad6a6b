import NNLabCore

/// "Did you mean": the closest word by edit distance, if it is close enough to be a likely typo.
public enum Suggest {
    public static func closest(_ word: String, in candidates: [String]) -> String? {
        let w = word.lowercased()
        if let p = candidates.first(where: { $0.lowercased().hasPrefix(w) && !w.isEmpty }) { return p }
        var best: (String, Int)?
        for c in candidates {
            let d = distance(w, c.lowercased())
            if d < (best?.1 ?? Int.max) { best = (c, d) }
        }
        guard let (c, d) = best, d <= max(1, min(3, c.count / 3 + 1)) else { return nil }
        return c
    }

    /// Levenshtein distance (insert, delete, substitute), capped inputs so hostile lines stay cheap.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.prefix(64)), b = Array(b.prefix(64))
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        var cur = prev
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}

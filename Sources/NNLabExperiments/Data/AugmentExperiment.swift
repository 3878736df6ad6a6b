import NNLabCore

/// `augment`: one image before and after a transformation, and whether the transformation keeps
/// the label, judged from the images themselves.
///
/// The judge is a 1-nearest-neighbour classifier over the reference images R (the first
/// `referenceLimit` training images): an image's predicted label is the label of the reference
/// image at the smallest squared distance |q - r|^2 = |q|^2 + |r|^2 - 2 q.r, the image itself
/// excluded, the query allowed to move by up to `slack` pixels (the best placement counts), so a
/// digit's position alone does not change its label, as it does not for a reader. For each class, `unchanged` is the fraction of its reference images predicted
/// correctly as they are (leave-one-out), `kept` the fraction still predicted as their class after
/// the transformation (each drawn afresh from the generator, in reference order). A class whose
/// `kept` is within 0.05 of `unchanged` keeps its label; below 0.5 the transformation turns most of
/// them into something else.
public enum AugmentExperiment {
    public static let referenceLimit = 2000
    /// Pixels the judge lets an image move before comparing (each way), so that where a digit sits
    /// does not decide what it is.
    public static let slack = 1

    public struct ClassRow: Codable, Sendable {
        public var label: Int
        public var class_name: String
        public var images: Int
        public var unchanged: Double
        public var kept: Double
        /// "keeps", "mostly keeps", "changes": from kept against unchanged.
        public var verdict: String
    }

    public struct Report: Codable, Sendable {
        public var data: String
        public var transformation: Augmentation
        public var amount: Double
        public var index: Int
        public var label: Int
        public var class_name: String
        public var input_shape: [Int]
        public var before: [Double]
        public var after: [Double]
        /// The values drawn for this image (dx, dy, angle, factor, ...).
        public var drawn: [String: Double]
        /// The 1-NN label of the image before and after (the image itself excluded).
        public var nearest_before: Int
        public var nearest_after: Int
        public var reference_images: Int
        public var classes: [ClassRow]
        /// The row of this image's class.
        public var kept: Double
        public var unchanged: Double
        /// Mean absolute pixel change between before and after.
        public var mean_change: Double
        /// Reference images transformed and classified (all of them unless Ctrl-C stopped the run);
        /// the class rows are over the completed ones only.
        public var run: RunState
    }

    public static func verdict(kept: Double, unchanged: Double) -> String {
        if kept >= unchanged - 0.05 { return "keeps" }
        if kept >= 0.5 { return "mostly keeps" }
        return "changes"
    }

    /// Runs on training image `index` of `data` (an image set).
    public static func run(data: Dataset, transformation: Augmentation, amount: Double?, index: Int,
                           rng: inout NumpyRandom, monitor: Monitor = .silent()) throws -> Report {
        guard data.inputShape.count == 3 else {
            throw NumericsError.invalidShape("\(data.name) holds points, not images; augment transforms images")
        }
        let example = try data.example(index, split: .train)
        let a = amount ?? transformation.defaultAmount
        let shown = transformation.transform(example.features, shape: data.inputShape, amount: a, rng: &rng)
        let d = data.featureCount
        let nRef = min(referenceLimit, data.train.count)
        let ref = try Tensor(shape: [nRef, d], data: Array(data.train.x.data[0..<(nRef * d)]))
        let labels = Array(data.train.y[0..<nRef])
        var moved = [Double]()
        moved.reserveCapacity(nRef * d)
        var done = 0
        for i in 0..<nRef {
            if i % 64 == 0 {
                if monitor.shouldStop { break }
                monitor.progress(i, of: nRef, "images")
            }
            moved += transformation.apply(Array(ref.data[(i * d)..<((i + 1) * d)]), shape: data.inputShape, amount: a, rng: &rng)
            done = i + 1
        }
        var rows: [ClassRow] = []
        let plain = done > 0 ? try nearest(try Tensor(shape: [done, d], data: Array(ref.data[0..<(done * d)])), ref, shape: data.inputShape, slack: slack, excludeDiagonal: true) : []
        let after = done > 0 ? try nearest(try Tensor(shape: [done, d], data: moved), ref, shape: data.inputShape, slack: slack, excludeDiagonal: true) : []
        for c in 0..<data.classes {
            let members = (0..<done).filter { labels[$0] == c }
            guard !members.isEmpty else { continue }
            let u = Double(members.filter { labels[plain[$0]] == c }.count) / Double(members.count)
            let k = Double(members.filter { labels[after[$0]] == c }.count) / Double(members.count)
            rows.append(ClassRow(label: c, class_name: c < data.classNames.count ? data.classNames[c] : String(c),
                                 images: members.count, unchanged: u, kept: k, verdict: verdict(kept: k, unchanged: u)))
        }
        // This image against the reference set, excluding itself when it is one of them.
        let q = try Tensor(shape: [2, d], data: example.features + shown.pixels)
        let mine = try nearest(q, ref, shape: data.inputShape, slack: slack, exclude: index < nRef ? index : nil)
        let row = rows.first { $0.label == example.label }
        let change = zip(example.features, shown.pixels).map { abs($0 - $1) }.reduce(0, +) / Double(max(d, 1))
        return Report(data: data.name, transformation: transformation, amount: a, index: index, label: example.label,
                      class_name: example.class_name, input_shape: data.inputShape, before: example.features,
                      after: shown.pixels, drawn: shown.drawn,
                      nearest_before: labels[mine[0]], nearest_after: labels[mine[1]], reference_images: nRef,
                      classes: rows, kept: row?.kept ?? .nan, unchanged: row?.unchanged ?? .nan, mean_change: change,
                      run: RunState(completed: done, planned: nRef, interrupted: done < nRef))
    }

    /// For each row of `q` (M, D), the index of the nearest row of `r` (N, D) in squared distance,
    /// each query allowed to move by up to `slack` pixels each way first (zero fill) and the best
    /// placement kept: min over dx, dy in -slack...slack of |shift(q) - r|^2, computed as
    /// |shift(q)|^2 + |r|^2 - 2 shift(q).r with one matrix product per placement. With
    /// `excludeDiagonal` row i of q never matches row i of r (leave-one-out); with `exclude` that
    /// one reference row is skipped for every query.
    static func nearest(_ q: Tensor, _ r: Tensor, shape: [Int] = [], slack: Int = 0,
                        excludeDiagonal: Bool = false, exclude: Int? = nil) throws -> [Int] {
        let m = q.shape[0], n = r.shape[0], d = q.shape[1]
        let rn = (0..<n).map { i in (0..<d).reduce(0.0) { $0 + r.data[i * d + $1] * r.data[i * d + $1] } }
        var best = [Double](repeating: .infinity, count: m)
        var out = [Int](repeating: 0, count: m)
        let s = shape.count == 3 ? slack : 0
        for dy in -s...s {
            for dx in -s...s {
                let moved: Tensor
                if dx == 0 && dy == 0 {
                    moved = q
                } else {
                    var data = [Double]()
                    data.reserveCapacity(m * d)
                    for i in 0..<m {
                        data += Self.shifted(Array(q.data[(i * d)..<((i + 1) * d)]), shape: shape, dx: dx, dy: dy)
                    }
                    moved = try Tensor(shape: [m, d], data: data)
                }
                let dots = try moved.matmul(r, transposeA: false, transposeB: true)  // (M, N)
                moved.data.withUnsafeBufferPointer { qd in
                    dots.data.withUnsafeBufferPointer { dt in
                        for i in 0..<m {
                            var qn = 0.0
                            for j in 0..<d { qn += qd[i * d + j] * qd[i * d + j] }
                            for j in 0..<n {
                                if excludeDiagonal && i == j { continue }
                                if let e = exclude, e == j { continue }
                                let dist = qn + rn[j] - 2 * dt[i * n + j]
                                if dist < best[i] { best[i] = dist; out[i] = j }
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// The image moved by exactly (dx, dy), zero fill.
    static func shifted(_ image: [Double], shape: [Int], dx: Int, dy: Int) -> [Double] {
        let (c, h, w) = Augmentation.dims(shape, count: image.count)
        var out = [Double](repeating: 0, count: image.count)
        for ch in 0..<c { for y in 0..<h { for x in 0..<w {
            let sy = y - dy, sx = x - dx
            if sy >= 0, sy < h, sx >= 0, sx < w { out[(ch * h + y) * w + x] = image[(ch * h + sy) * w + sx] }
        } } }
        return out
    }
}

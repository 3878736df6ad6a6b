import NNLabCore

/// `augment`: one image before and after a transformation, and whether the transformation keeps
/// the label, judged from the images themselves.
///
/// The judge is a 1-nearest-neighbour classifier over the reference images R (the first
/// `referenceLimit` training images): an image's predicted label is the label of the reference
/// image at the smallest squared distance |q - r|^2 = |q|^2 + |r|^2 - 2 q.r, the image itself
/// excluded. For each class, `unchanged` is the fraction of its reference images predicted
/// correctly as they are (leave-one-out), `kept` the fraction still predicted as their class after
/// the transformation (each drawn afresh from the generator, in reference order). A class whose
/// `kept` is within 0.05 of `unchanged` keeps its label; below 0.5 the transformation turns most of
/// them into something else.
public enum AugmentExperiment {
    public static let referenceLimit = 2000

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
    }

    public static func verdict(kept: Double, unchanged: Double) -> String {
        if kept >= unchanged - 0.05 { return "keeps" }
        if kept >= 0.5 { return "mostly keeps" }
        return "changes"
    }

    /// Runs on training image `index` of `data` (an image set).
    public static func run(data: Dataset, transformation: Augmentation, amount: Double?, index: Int,
                           rng: inout NumpyRandom) throws -> Report {
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
        for i in 0..<nRef {
            moved += transformation.apply(Array(ref.data[(i * d)..<((i + 1) * d)]), shape: data.inputShape, amount: a, rng: &rng)
        }
        let queries = try Tensor(shape: [nRef, d], data: moved)
        let plain = try nearest(ref, ref, excludeDiagonal: true)
        let after = try nearest(queries, ref, excludeDiagonal: true)
        var rows: [ClassRow] = []
        for c in 0..<data.classes {
            let members = (0..<nRef).filter { labels[$0] == c }
            guard !members.isEmpty else { continue }
            let u = Double(members.filter { labels[plain[$0]] == c }.count) / Double(members.count)
            let k = Double(members.filter { labels[after[$0]] == c }.count) / Double(members.count)
            rows.append(ClassRow(label: c, class_name: c < data.classNames.count ? data.classNames[c] : String(c),
                                 images: members.count, unchanged: u, kept: k, verdict: verdict(kept: k, unchanged: u)))
        }
        // This image against the reference set, excluding itself when it is one of them.
        let q = try Tensor(shape: [2, d], data: example.features + shown.pixels)
        let mine = try nearest(q, ref, exclude: index < nRef ? index : nil)
        let row = rows.first { $0.label == example.label }
        let change = zip(example.features, shown.pixels).map { abs($0 - $1) }.reduce(0, +) / Double(max(d, 1))
        return Report(data: data.name, transformation: transformation, amount: a, index: index, label: example.label,
                      class_name: example.class_name, input_shape: data.inputShape, before: example.features,
                      after: shown.pixels, drawn: shown.drawn,
                      nearest_before: labels[mine[0]], nearest_after: labels[mine[1]], reference_images: nRef,
                      classes: rows, kept: row?.kept ?? .nan, unchanged: row?.unchanged ?? .nan, mean_change: change)
    }

    /// For each row of `q` (M, D), the index of the nearest row of `r` (N, D) in squared distance;
    /// with `excludeDiagonal` row i of q never matches row i of r (leave-one-out), with `exclude`
    /// that one reference row is skipped for every query.
    static func nearest(_ q: Tensor, _ r: Tensor, excludeDiagonal: Bool = false, exclude: Int? = nil) throws -> [Int] {
        let m = q.shape[0], n = r.shape[0], d = q.shape[1]
        let dots = try q.matmul(r, transposeA: false, transposeB: true)  // (M, N)
        func norms(_ t: Tensor, _ rows: Int) -> [Double] {
            (0..<rows).map { i in var s = 0.0; for j in 0..<d { let v = t.data[i * d + j]; s += v * v }; return s }
        }
        let rn = norms(r, n)
        var out = [Int](repeating: 0, count: m)
        for i in 0..<m {
            var best = Double.infinity, arg = 0
            for j in 0..<n {
                if excludeDiagonal && i == j { continue }
                if let e = exclude, e == j { continue }
                let dist = rn[j] - 2 * dots.data[i * n + j]   // |q|^2 is the same for every j
                if dist < best { best = dist; arg = j }
            }
            out[i] = arg
        }
        return out
    }
}

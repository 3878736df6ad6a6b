import NNLabCore

/// Output size and parameter count of a convolution or pooling layer: the first experiment of the
/// CNN lectures.
///
/// Reproduces the lecture's conv layer summary: a W1 x H1 x D1 volume and K filters of size F,
/// stride S, padding P give W2 = (W1 - F + 2P)/S + 1, H2 likewise, D2 = K, with F*F*D1 weights per
/// filter plus one bias, (F*F*D1 + 1)*K parameters in all (32x32x3, ten 5x5 filters, stride 1,
/// pad 2: 32x32x10 and 760). Pooling uses the same window formula, keeps the depth, and has none.
public enum ConvArithmetic {
    public enum Kind: String, Codable, Sendable { case conv, pool }

    /// What to compute. `padding == nil` asks for the padding that preserves the size.
    public struct Query: Sendable {
        public var kind: Kind
        public var input: Volume
        public var filter: Int
        public var stride: Int
        public var padding: Int?
        public var filters: Int?
        public var repeatCount: Int

        public init(kind: Kind, input: Volume, filter: Int, stride: Int = 1, padding: Int? = 0,
                    filters: Int? = nil, repeatCount: Int = 1) {
            self.kind = kind; self.input = input; self.filter = filter; self.stride = stride
            self.padding = padding; self.filters = filters; self.repeatCount = repeatCount
        }
    }

    /// The structured result. Field names are the ones `--json` prints and lab `expect` lines use.
    public struct Report: Codable, Sendable, Equatable {
        public var kind: Kind
        public var input: String
        public var in_w: Int, in_h: Int, in_d: Int?
        public var f: Int, s: Int, p: Int?, k: Int?
        /// Whether the window fits exactly in both directions.
        public var fits: Bool
        /// Output width and height when it fits; `out_exact` is (W - F + 2P)/S + 1 as a real number.
        public var out: Int?, out_h: Int?
        public var out_exact: Double, out_h_exact: Double
        /// Output volume as `WxHxD` (or `WxH` without a depth).
        public var volume: String?
        /// The formula with the numbers put in, e.g. `(32 - 5 + 2*2)/1 + 1 = 32`.
        public var formula: String
        public var weights_per_filter: Int?, params_per_filter: Int?
        public var weights: Int?, biases: Int?, params: Int?
        /// Multiply-adds for one image: one per weight per output position.
        public var macs: Int?
        /// The padding that keeps W unchanged at this stride (nil when no whole number does).
        public var same_padding: Int?
        public var suggest_padding: [Int], suggest_stride: [Int]
        /// Widths after each application when repeated (`repeat=N`), starting with the input.
        public var sizes: [Int]
        public var notes: [String]
        /// Whether `params` and `params_per_filter` include the biases (the `bias` setting, or `conv ... bias=`).
        public var biases_counted = true
    }

    public static func run(_ q: Query) throws -> Report {
        let same = try ConvGeometry.samePadding(filter: q.filter, stride: q.stride, input: q.input.width)
        let pad: Int
        var notes: [String] = []
        if let p = q.padding {
            pad = p
        } else if let p = same.padding {
            pad = p
            notes.append(q.stride == 1
                ? "same padding: P = (F - 1)/2 = (\(q.filter) - 1)/2 = \(p) keeps the size"
                : "same padding at stride \(q.stride): P = ((W - 1)S - W + F)/2 = \(p)")
        } else {
            pad = 0
            notes.append(q.stride == 1
                ? "no whole padding keeps the size: (F - 1)/2 = \(q.filter - 1)/2 is not a whole number for an even F"
                : "no whole padding keeps the size at stride \(q.stride): ((W - 1)S - W + F)/2 = \(same.twiceP)/2")
        }
        if q.stride > 1 && q.padding == nil && same.padding != nil && pad >= q.filter {
            notes.append("that padding is at least F, so some windows see only zeros: strided layers shrink the size by design")
        }

        let sw = try ConvGeometry.step(input: q.input.width, filter: q.filter, stride: q.stride, padding: pad)
        let sh = try ConvGeometry.step(input: q.input.height, filter: q.filter, stride: q.stride, padding: pad)
        let fits = sw.fits && sh.fits
        var volume: String?
        if let w = sw.output, let h = sh.output {
            volume = Volume(width: w, height: h, depth: q.kind == .pool ? q.input.depth : q.filters).description
        }

        var r = Report(
            kind: q.kind, input: q.input.description, in_w: q.input.width, in_h: q.input.height,
            in_d: q.input.depth, f: q.filter, s: q.stride, p: pad, k: q.kind == .conv ? q.filters : nil,
            fits: fits, out: sw.output, out_h: sh.output, out_exact: sw.exact, out_h_exact: sh.exact,
            volume: volume, formula: formula(sw), weights_per_filter: nil, params_per_filter: nil,
            weights: nil, biases: nil, params: nil, macs: nil, same_padding: same.padding,
            suggest_padding: [], suggest_stride: [], sizes: [q.input.width], notes: notes)

        if !fits {
            let bad = sw.fits ? sh : sw
            if bad.span < 0 {
                r.notes.append("the \(q.filter)x\(q.filter) window is larger than the padded input (\(bad.input + 2 * pad))")
            } else {
                r.notes.append("does not fit: \(bad.span) is not a multiple of the stride \(q.stride), so the last window would hang over the edge")
            }
            r.suggest_padding = ConvGeometry.fittingPaddings(input: bad.input, filter: q.filter, stride: q.stride)
                .filter { p in (try? ConvGeometry.step(input: q.input.height, filter: q.filter, stride: q.stride, padding: p))?.fits ?? false }
            r.suggest_stride = ConvGeometry.fittingStrides(input: bad.input, filter: q.filter, padding: pad)
                .filter { s in (try? ConvGeometry.step(input: q.input.height, filter: q.filter, stride: s, padding: pad))?.fits ?? false }
        }

        switch q.kind {
        case .pool:
            r.weights = 0; r.biases = 0; r.params = 0
            r.notes.append("pooling has no parameters: it takes the max (or mean) of each window, depth by depth")
        case .conv:
            if let d = q.input.depth {
                let wpf = try Checked.product([q.filter, q.filter, d], "the weights per filter")
                r.weights_per_filter = wpf
                r.params_per_filter = try Checked.add(wpf, 1, "the parameters per filter")
                if let k = q.filters {
                    r.weights = try Checked.mul(wpf, k, "the weight count")
                    r.biases = k
                    r.params = try Checked.mul(wpf + 1, k, "the parameter count")
                    if let w = sw.output, let h = sh.output {
                        r.macs = try Checked.product([w, h, k, wpf], "the multiply-add count")
                    }
                }
            }
            if q.filter == 1 {
                let d = q.input.depth.map(String.init) ?? "D"
                r.notes.append("a 1x1 filter is 1x1x\(d): at each position it takes a \(d)-dimensional dot product across the depth, mixing channels without looking at neighbours")
            }
        }

        if q.repeatCount > 1 {
            var n = q.input.width
            for _ in 1..<q.repeatCount + 1 {
                let st = try ConvGeometry.step(input: n, filter: q.filter, stride: q.stride, padding: pad)
                guard let o = st.output, o >= 1 else {
                    r.notes.append("stops after \(r.sizes.count - 1) layers: a \(q.filter)x\(q.filter) window no longer fits \(n)x\(n)")
                    break
                }
                r.sizes.append(o)
                n = o
            }
            if r.sizes.count > 2, r.sizes[1] < r.sizes[0] {
                r.notes.append("each layer shrinks the size by \(r.sizes[0] - r.sizes[1]): shrinking this fast throws away the border early, which is why padding is used")
            }
        }
        return r
    }

    /// The formula for one side, as `formula` shows it.
    public static func formula(for n: Int, _ f: Int, _ s: Int, _ p: Int) -> String {
        (try? step(n, f, s, p)).map(formula) ?? "(overflow)"
    }

    static func step(_ n: Int, _ f: Int, _ s: Int, _ p: Int) throws -> ConvGeometry.Step {
        try ConvGeometry.step(input: n, filter: f, stride: s, padding: p)
    }

    /// `(N - F + 2P)/S + 1 = (7 - 3 + 2*0)/3 + 1 = 2.33`.
    static func formula(_ st: ConvGeometry.Step) -> String {
        let lhs = "(\(st.input) - \(st.filter) + 2*\(st.padding))/\(st.stride) + 1"
        if let o = st.output { return "\(lhs) = \(o)" }
        return "\(lhs) = \(st.span)/\(st.stride) + 1 = \(format2(st.exact))"
    }

    /// Two decimals, as the lecture writes 2.33.
    static func format2(_ x: Double) -> String {
        let r = (x * 100).rounded() / 100
        var s = String(r)
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s
    }
}

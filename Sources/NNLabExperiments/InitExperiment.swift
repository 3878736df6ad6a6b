import Foundation
import NNLabCore

/// The lecture's activation-statistics experiment: unit Gaussian data through a deep stack of
/// fully connected layers, H = act(X W), W = randn(fan_in, fan_out) * scale, watching the mean and
/// std of each layer's activations, then the gradients on the way back.
///
/// Random numbers are drawn in the lecture's order (the data first, then each layer's W), so after
/// `seed N` the statistics equal the lecture's numpy code run after np.random.seed(N), up to the
/// rounding of the matrix products.
public enum InitExperiment {
    public enum Scheme: Equatable, Sendable {
        case zero, small, big, xavier, he
        case std(Double)

        public static let names = ["zero", "small", "big", "xavier", "he"]

        public init?(_ s: String) {
            switch s {
            case "zero": self = .zero
            case "small": self = .small
            case "big": self = .big
            case "xavier": self = .xavier
            case "he": self = .he
            default:
                guard let v = Double(s), v.isFinite, v >= 0 else { return nil }
                self = .std(v)
            }
        }

        public var name: String {
            switch self {
            case .zero: return "zero"
            case .small: return "small"
            case .big: return "big"
            case .xavier: return "xavier"
            case .he: return "he"
            case let .std(v): return "std \(v)"
            }
        }

        /// The multiplier of randn: 0.01, 1, 1/sqrt(fan_in) (Glorot and Bengio 2010),
        /// 1/sqrt(fan_in/2) (He et al. 2015), or a given standard deviation.
        public func scale(fanIn n: Int) -> Double {
            switch self {
            case .zero: return 0
            case .small: return 0.01
            case .big: return 1
            case .xavier: return 1 / Double(n).squareRoot()
            case .he: return 1 / (Double(n) / 2).squareRoot()
            case let .std(v): return v
            }
        }

        public var formula: String {
            switch self {
            case .zero: return "W = 0"
            case .small: return "W = 0.01 * randn(fan_in, fan_out)"
            case .big: return "W = 1.0 * randn(fan_in, fan_out)"
            case .xavier: return "W = randn(fan_in, fan_out) / sqrt(fan_in)"
            case .he: return "W = randn(fan_in, fan_out) / sqrt(fan_in / 2)"
            case let .std(v): return "W = \(v) * randn(fan_in, fan_out)"
            }
        }
    }

    public struct Layer: Codable, Sendable, Equatable {
        public var layer: Int
        public var mean: Double, std: Double
        /// Fraction of activations with |h| > 0.99 (saturated tanh).
        public var saturated: Double
        /// Fraction of activations exactly 0 (ReLU off).
        public var zeros: Double
        /// tanh and sigmoid: fraction of activations whose local derivative (1 - h^2, h (1 - h)) is
        /// below a tenth of its largest value (`Thresholds.flatDerivative`); nil for the rectifiers.
        public var flat: Double?
        /// Rectifiers: fraction of units (columns) that are 0 for every example of the batch; nil for tanh, sigmoid.
        public var dead: Double?
        /// 30 bins over `histogram_range`, as np.histogram(H, 30, range=(lo, hi)) (a value at a
        /// bin's edge may land one bin over).
        public var histogram: [Int]
        /// [lo, hi]: tanh [-1, 1], sigmoid [0, 1], a rectifier [min(0, smallest), a value that
        /// at least 99.9% of the activations do not exceed] (`histogramRange`).
        public var histogram_range: [Double] = [-1, 1]
        /// Activations outside the range (not in any bin).
        public var histogram_outside: Int = 0
        /// The largest bin holds more than half of the values in range: drawn with log counts.
        public var histogram_log: Bool = false
        /// np.std of this layer's weight gradient and of the gradient it passes back, for an
        /// all-ones gradient arriving at the last layer.
        public var grad_w_std: Double?, grad_x_std: Double?
    }

    public struct Report: Codable, Sendable, Equatable {
        public var scheme: String
        public var formula: String
        public var act: String
        public var layers_count: Int, width: Int, batch: Int
        public var bn: Bool
        public var input_mean: Double, input_std: Double
        public var layers: [Layer]
        /// A `Verdict`'s raw value: overflow, collapse, saturate, explode, shrink, dead,
        /// vanishing-gradient, exploding-gradient, healthy, or interrupted.
        public var verdict: String
        public var verdict_text: String
        public var symmetry: Symmetry?
        /// Layers of the forward pass done of those asked for; `interrupted` when Ctrl-C stopped the
        /// forward or backward pass (the verdict is then "interrupted": none is drawn from a part).
        public var run: RunState
        /// The first layer whose activations (or, in the backward pass, gradients) stopped being
        /// finite numbers (beyond +-1.8e308, or nan): the forward pass ends before it, so `layers`
        /// holds only finite statistics and the verdict is "overflow". Null when all were finite.
        public var overflow_layer: Int?
        /// In the lecture's setting (Xavier, tanh, 500 units, batch 1000, no batch norm): where the
        /// lecture's printout differs from what its code computes (`LecturePrintout`); nil otherwise.
        public var lecture_note: String? = nil
    }

    /// The lecture's printout of its 10-layer Xavier/tanh run (another seed than any of 0-2999:
    /// its input statistics match none), and where it departs from what its code gives.
    public enum LecturePrintout {
        public static let stds = [0.627953, 0.480651, 0.407723, 0.357108, 0.320917, 0.209116, 0.273387, 0.254935, 0.239266, 0.228008]
        /// Layers whose printed std lies outside what the lecture's code gives over seeds 0-19
        /// (numpy, np.random.seed(s) then the lecture's loop: 0.484944-0.486950 and 0.291488-0.296118), rounded outwards
        /// to 4 digits: layer -> (low, high).
        public static let outliers: [(layer: Int, low: Double, high: Double)] = [(2, 0.4849, 0.4870), (6, 0.2914, 0.2962)]

        static func note(_ o: Options, layers: [Layer]) -> String? {
            guard o.scheme == .xavier, o.act == .tanh, !o.batchNorm, o.width == 500, o.batch == 1000,
                  let last = outliers.last, layers.count >= last.layer else { return nil }
            func f(_ x: Double) -> String { String(format: "%f", x) }
            func r(_ x: Double) -> String { String(format: "%.4f", x) }
            let printed = outliers.map { "layer \($0.layer) std \(f(stds[$0.layer - 1]))" }.joined(separator: " and ")
            let computed = outliers.map { f(layers[$0.layer - 1].std) }.joined(separator: " and ")
            let ranges = outliers.map { "\(r($0.low))-\(r($0.high))" }.joined(separator: " and ")
            return "the lecture's printout gives \(printed); its code gives \(computed) here (\(ranges) over seeds 0-19)"
        }
    }

    public struct Options: Sendable {
        public var scheme: Scheme
        public var act: Activation
        public var layers = 10, width = 500, batch = 1000
        public var batchNorm = false
        /// Run the backward pass too (two more matrix products per layer).
        public var gradients = true
        public init(scheme: Scheme, act: Activation, layers: Int = 10, width: Int = 500, batch: Int = 1000, batchNorm: Bool = false,
                    gradients: Bool = true) {
            self.scheme = scheme; self.act = act; self.layers = layers; self.width = width; self.batch = batch
            self.batchNorm = batchNorm; self.gradients = gradients
        }
    }

    public static func run(_ o: Options, rng: inout NumpyRandom, interrupt: InterruptFlag? = nil) throws -> Report {
        let bytes = try memoryNeeded(o)
        guard bytes <= memoryLimit else {
            throw NumericsError.tooLarge("\(o.gradients ? "\(o.layers) layers of " : "")\(o.batch)x\(o.width) activations and \(o.width)x\(o.width) weights would need \(bytes >> 20) MiB; at most \(memoryLimit >> 30) GiB: make batch, width or layers smaller (e.g. init xavier width=500 batch=1000 layers=10)")
        }
        let work = self.work(o)
        guard work <= workLimit else {
            throw NumericsError.tooLarge("\(o.layers) layers of \(o.batch)x\(o.width) by \(o.width)x\(o.width)\(o.gradients ? " with the backward pass" : "") is \(String(format: "%.2g", work)) multiply-adds; at most \(String(format: "%.0e", workLimit)) (\(workLimitTime)): make batch, width or layers smaller (e.g. init xavier width=4096 batch=1000 layers=10)")
        }
        guard let d = try draw(o.batch, o.width, scale: 1, rng: &rng, interrupt: interrupt) else { throw NumericsError.interrupted }
        let (inputMean, inputStd) = moments(d)
        var x = d
        // Kept for backward only: each layer's W and output H (its input is the previous H), and
        // the pre-activation Z when the derivative cannot be read off H. Without the backward pass
        // each layer's statistics are taken at once and its arrays freed.
        var ws: [Tensor] = [], xs: [Tensor] = [], zs: [Tensor?] = [], hs: [Tensor] = [], caches: [BatchNormCache] = []
        var layers: [Layer] = []
        let ones = try Tensor(shape: [o.width], repeating: 1), zeroRow = try Tensor(shape: [o.width])
        var stopped = false
        var overflow: Int?
        var largest: Double?   // the largest |h| of a layer whose std overflowed
        for i in 0..<o.layers {
            if interrupt?.isRaised == true { stopped = true; break }
            let fanIn = x.shape[1]
            guard let w = o.scheme == .zero ? try Tensor(shape: [fanIn, o.width])
                    : try draw(fanIn, o.width, scale: o.scheme.scale(fanIn: fanIn), rng: &rng, interrupt: interrupt) else { stopped = true; break }
            guard var z = try x.matmul(w, interrupt: interrupt) else { stopped = true; break }
            // Overflow shows here first: relu would turn nan into 0 and tanh inf into 1.
            guard z.data.withUnsafeBufferPointer({ b in !b.contains { !$0.isFinite } }) else { overflow = i + 1; break }
            if o.batchNorm {
                var rm = [Double](repeating: 0, count: o.width), rv = rm
                let (out, cache) = try BatchNorm.forwardTrain(z, gamma: ones, beta: zeroRow, runningMean: &rm, runningVar: &rv)
                z = out
                if o.gradients { caches.append(cache) }
            }
            let keepZ = o.gradients && !o.act.backwardFromOutput
            let zKept: Tensor? = keepZ ? z : nil
            if interrupt?.isRaised == true { stopped = true; break }
            o.act.apply(&z)
            if interrupt?.isRaised == true { stopped = true; break }
            guard let stats = statistics(z, layer: i + 1, act: o.act, interrupt: interrupt) else { stopped = true; break }
            // Values up to 1.8e308 are finite, but their squares overflow past 1.3e154: numpy's std
            // is then inf too. Stop here and say which it was.
            guard stats.mean.isFinite, stats.std.isFinite else {
                overflow = i + 1
                largest = z.data.reduce(0) { Swift.max($0, abs($1)) }
                break
            }
            layers.append(stats)
            if o.gradients { ws.append(w); xs.append(x); hs.append(z); zs.append(zKept) }
            x = z
        }
        // Backward from an all-ones gradient at the top.
        if o.gradients, !stopped, overflow == nil, let top = hs.last {
            var dh = try Tensor(shape: top.shape, repeating: 1)
            for i in stride(from: o.layers - 1, through: 0, by: -1) {
                if interrupt?.isRaised == true { stopped = true; break }
                var dz = try o.act.backward(dh, input: zs[i], output: hs[i])
                if o.batchNorm { dz = try BatchNorm.backward(dz, cache: caches[i]).dx }
                guard let dw = try xs[i].matmulTransposedSum(dz, interrupt: interrupt),
                      let dx = try dz.matmul(ws[i], transposeB: true, interrupt: interrupt) else { stopped = true; break }
                let dwStd = moments(dw).std, dxStd = moments(dx).std
                // A gradient too large for a Double: the layers below it get none (null), and the
                // verdict says where.
                guard dwStd.isFinite, dxStd.isFinite else { overflow = i + 1; break }
                layers[i].grad_w_std = dwStd
                layers[i].grad_x_std = dxStd
                dh = dx
            }
        }
        if overflow != nil && layers.isEmpty {
            return overflowReport(o, input: (inputMean, inputStd), layers: [], at: 1, largest: largest)
        }
        guard !layers.isEmpty else { throw NumericsError.interrupted }
        if let at = overflow, !stopped { return overflowReport(o, input: (inputMean, inputStd), layers: layers, at: at, largest: largest) }
        var (v, text) = verdict(layers, act: o.act, gradients: o.gradients)
        // With the backward pass, the gradient's growth or decay is said whatever the verdict.
        if o.gradients, v != .vanishingGradient, v != .explodingGradient, v != .overflow,
           let top = layers.last?.grad_x_std, let bottom = layers.first?.grad_x_std {
            func f(_ x: Double) -> String { String(format: "%.3g", x) }
            if bottom == 0 || top == 0 {
                text += "; no gradient at all reaches layer 1 (std of the gradient passed back: \(f(top)) -> \(f(bottom)))"
            } else if top.isFinite, bottom.isFinite {
                let ratio = bottom / top
                let change = ratio >= 1 ? "grows \(f(ratio))x" : "shrinks to \(f(ratio)) of its size"
                text += "; the gradient passed back \(change) from layer \(o.layers) to layer 1 (std \(f(top)) -> \(f(bottom)))"
            }
        }
        var report = Report(scheme: o.scheme.name, formula: o.scheme.formula, act: o.act.name, layers_count: o.layers, width: o.width,
                            batch: o.batch, bn: o.batchNorm, input_mean: inputMean, input_std: inputStd, layers: layers,
                            verdict: v.rawValue, verdict_text: text, symmetry: nil,
                            run: RunState(completed: layers.count, planned: o.layers, interrupted: stopped), overflow_layer: nil)
        if stopped {
            report.verdict = Verdict.interrupted.rawValue
            report.verdict_text = "Ctrl-C stopped the run after \(layers.count) of \(o.layers) layers"
                + (o.gradients && layers.count == o.layers ? " (during the backward pass)" : "")
                + ": no verdict is drawn from part of the experiment"
            return report
        }
        report.lecture_note = LecturePrintout.note(o, layers: layers)
        if o.scheme == .zero { report.symmetry = try symmetry(rng: &rng, act: o.act) }
        return report
    }

    /// The report when layer `at`'s numbers stopped being finite: the statistics of the layers
    /// before it, and a verdict saying where (the verdict is not collapse, even though relu turns
    /// nan into 0: the numbers exploded).
    static func overflowReport(_ o: Options, input: (mean: Double, std: Double), layers: [Layer], at: Int, largest: Double?) -> Report {
        // A forward overflow at layer `at` leaves layers 1..<at; a backward one leaves them all.
        let inBackward = at <= layers.count
        let last = layers.last.map { String(format: "%.3g", $0.std) }
        let text: String
        if inBackward {
            text = "the gradient passed back overflows at layer \(at) (beyond 1.8e308): the numbers explode; no gradient statistics for layers \(at) to 1"
        } else if let largest {
            text = "layer \(at)'s activations reach \(String(format: "%.3g", largest)), so their variance (a mean of squares) is beyond 1.8e308"
                + (last.map { " (the std was \($0) at layer \(layers.count))" } ?? "")
                + ": the numbers explode and the forward pass stops there"
        } else {
            text = "layer \(at)'s activations overflow (beyond 1.8e308, or nan)"
                + (last.map { " after the std grew to \($0) at layer \(layers.count)" } ?? "")
                + ": the numbers explode and the forward pass stops there"
        }
        return Report(scheme: o.scheme.name, formula: o.scheme.formula, act: o.act.name, layers_count: o.layers, width: o.width,
                      batch: o.batch, bn: o.batchNorm, input_mean: input.mean, input_std: input.std, layers: layers,
                      verdict: Verdict.overflow.rawValue, verdict_text: text, symmetry: nil,
                      run: RunState(completed: layers.count, planned: o.layers, interrupted: false), overflow_layer: at)
    }

    /// np.mean and np.std of a tensor, bit for bit (numpy's pairwise sums).
    static func moments(_ t: Tensor) -> (mean: Double, std: Double) {
        t.data.withUnsafeBufferPointer { b in
            let m = VectorMath.mean(b)
            return (m, VectorMath.std(b, mean: m))
        }
    }

    /// Multiply-adds of the matrix products: batch x width x width per layer forward, three times
    /// that with the backward pass (dW = X^T dZ and dX = dZ W^T).
    public static func work(_ o: Options) -> Double {
        Double(o.layers) * Double(o.batch) * Double(o.width) * Double(o.width) * (o.gradients ? 3 : 1)
    }

    /// The most multiply-adds `run` accepts: 6e11, measured at about 20 s on the two-core CI machine
    /// (`scripts/bench`); Ctrl-C answers between blocks of the products within a fraction of a second.
    public static let workLimit = 6e11
    public static let workLimitTime = "about 20 s on two cores"

    /// The most memory `run` may hold at once: 4 GiB.
    public static let memoryLimit = 4 << 30

    /// The bytes of every buffer `run` holds at its peak, in 8-byte doubles, with A = batch x width
    /// (one activation array) and W = width x width (one weight matrix; the data is batch x width,
    /// so every layer's fan-in is the width):
    /// - forward only: the data, the layer's input and output, a copy for the activation, and one W:
    ///   4 A + W;
    /// - with the backward pass: the data, each layer's kept H, Z (when the derivative needs it) and
    ///   W, batch norm's cached normalized input and its output, then in the backward pass dh, dz,
    ///   dx alive together with one weight gradient: A (1 + L k + 3) + W (L + 1), k = 2 (+2 with bn).
    public static func memoryNeeded(_ o: Options) throws -> Int {
        let a = try Checked.mul(o.batch, o.width, "the batch")
        let w = try Checked.mul(o.width, o.width, "the weights")
        let elements: Int
        if o.gradients {
            let perLayer = o.batchNorm ? 4 : 2
            let arrays = try Checked.add(Checked.mul(o.layers, perLayer, "the memory"), 4, "the memory")
            let weights = try Checked.add(o.layers, 1, "the memory")
            elements = try Checked.add(Checked.mul(a, arrays, "the memory"), Checked.mul(w, weights, "the memory"), "the memory")
        } else {
            elements = try Checked.add(Checked.mul(a, 4, "the memory"), w, "the memory")
        }
        return try Checked.mul(elements, 8, "the memory")
    }

    /// randn(rows, cols) * scale drawn in blocks of rows, reading `interrupt` between blocks (nil
    /// when it was raised). The generator fills row-major in order, so the blocks are the same
    /// numbers as one call: the lecture's draws after np.random.seed(N).
    public static func draw(_ rows: Int, _ cols: Int, scale: Double, rng: inout NumpyRandom, interrupt: InterruptFlag?) throws -> Tensor? {
        let count = try Checked.mul(rows, cols, "the batch")
        guard let interrupt, count > 1 << 20 else { return try Tensor.randn([rows, cols], scale: scale, using: &rng) }
        var data: [Double] = []
        data.reserveCapacity(count)
        let step = Swift.max(1, (1 << 18) / Swift.max(cols, 1))
        var r = 0
        while r < rows {
            if interrupt.isRaised { return nil }
            let n = Swift.min(step, rows - r)
            data.append(contentsOf: try Tensor.randn([n, cols], scale: scale, using: &rng).data)
            r += n
        }
        return try Tensor(shape: [rows, cols], data: data)
    }

    /// Mean, std, saturation, zeros, the flat (tanh, sigmoid) or dead (rectifier) fraction, and the
    /// 30-bin histogram of one layer's output h, a batch x width array; nil when `interrupt` was
    /// raised (read between the passes, each a fraction of a millisecond at the lecture's size).
    ///
    /// Mean and std are numpy's (pairwise sums, VectorMath), the counts one vectorized pass, the
    /// histogram a second over the range `histogramRange` picks.
    static func statistics(_ h: Tensor, layer: Int, act: Activation, interrupt: InterruptFlag? = nil) -> Layer? {
        let top = squashing(act) ?? 1
        let rule: VectorMath.FlatRule
        switch act {
        case .tanh: rule = .tanh
        case .sigmoid: rule = .sigmoid
        case .relu, .leaky, .prelu, .elu: rule = .none
        }
        return h.data.withUnsafeBufferPointer { buf -> Layer? in
            let c = VectorMath.counts(buf, flat: rule, below: Thresholds.flatDerivative * top)
            if interrupt?.isRaised == true { return nil }
            let range = histogramRange(buf, act: act, min: c.min, max: c.max)
            let (hist, outside) = VectorMath.histogram(buf, lo: range.lo, hi: range.hi, bins: histogramBins)
            if interrupt?.isRaised == true { return nil }
            var dead: Double? = nil
            if squashing(act) == nil, h.shape.count == 2, h.shape[1] > 0 {
                let alive = VectorMath.aliveColumns(buf, rows: h.shape[0], cols: h.shape[1])
                dead = Double(alive.filter { !$0 }.count) / Double(alive.count)
            }
            let mean = VectorMath.mean(buf)
            let std = VectorMath.std(buf, mean: mean)
            let n = Double(max(h.count, 1))
            let inside = hist.reduce(0, +)
            return Layer(layer: layer, mean: mean, std: std, saturated: Double(c.saturated) / n, zeros: Double(c.zeros) / n,
                         flat: squashing(act) == nil ? nil : Double(c.flat) / n, dead: dead,
                         histogram: hist, histogram_range: [range.lo, range.hi], histogram_outside: outside,
                         histogram_log: inside > 0 && Double(hist.max() ?? 0) > dominantBin * Double(inside),
                         grad_w_std: nil, grad_x_std: nil)
        }
    }

    /// Bins of each layer's histogram.
    public static let histogramBins = 30
    /// The share of the layer's values within its histogram's range for a rectifier (the rest,
    /// the largest, are counted as outside): the top 0.1% would otherwise stretch the range.
    public static let rectifierCoverage = 0.999
    /// A histogram whose largest bin holds more than this share of the values in range is drawn
    /// with log-scale counts (a ReLU layer's zeros are about half of its values).
    public static let dominantBin = 0.5

    /// The histogram's range: tanh [-1, 1] and sigmoid [0, 1] (their whole output range); a
    /// rectifier from min(0, smallest value) to the upper edge of the first of 3,000 fine bins
    /// over [lo, largest] by which `rectifierCoverage` of the values are counted.
    static func histogramRange(_ h: UnsafeBufferPointer<Double>, act: Activation, min: Double, max: Double) -> (lo: Double, hi: Double) {
        switch act {
        case .tanh: return (-1, 1)
        case .sigmoid: return (0, 1)
        case .relu, .leaky, .prelu, .elu:
            guard min.isFinite, max.isFinite else { return (0, 1) }
            let lo = Swift.min(0, min)
            guard max > lo else { return (lo, lo + 1) }
            let fine = 3000
            let (counts, _) = VectorMath.histogram(h, lo: lo, hi: max, bins: fine)
            let needed = rectifierCoverage * Double(h.count)
            var seen = 0
            for (k, c) in counts.enumerated() {
                seen += c
                if Double(seen) >= needed { return (lo, k == fine - 1 ? max : lo + (max - lo) * Double(k + 1) / Double(fine)) }
            }
            return (lo, max)
        }
    }

    // MARK: the variance argument

    public struct VarianceReport: Codable, Sendable, Equatable {
        public var n: Int, batch: Int
        public struct Row: Codable, Sendable, Equatable {
            public var case_: String
            public var var_w: Double
            /// Var(y) / Var(x) as measured.
            public var measured: Double
            /// n Var(w) for a linear layer, n/2 Var(w) after a ReLU.
            public var predicted: Double
            enum CodingKeys: String, CodingKey { case case_ = "case", var_w, measured, predicted }
        }
        public var rows: [Row]
        public struct ConvFanIn: Codable, Sendable, Equatable {
            public var layer: String, fan_in: Int, xavier_std: Double, he_std: Double
        }
        public var conv: [ConvFanIn]
    }

    /// y = sum_i w_i x_i over n inputs with independent zero-mean w and x: Var(y) = n Var(w) Var(x).
    /// After a ReLU only half of the input's second moment survives: Var(y) = n/2 Var(w) Var(x_pre).
    /// So Var(w) = 1/n keeps the scale of a linear (or tanh near 0) layer, and 2/n that of a ReLU layer.
    public static func variance(rng: inout NumpyRandom, n: Int = 500, batch: Int = 1000) throws -> VarianceReport {
        let x = try Tensor.randn([batch, n], using: &rng)
        var rows: [VarianceReport.Row] = []
        for (label, varW, relu) in [("linear, Var(w) = 1/n (xavier)", 1.0 / Double(n), false), ("linear, Var(w) = 0.01^2 (small)", 1e-4, false),
                                    ("after relu, Var(w) = 1/n (xavier)", 1.0 / Double(n), true), ("after relu, Var(w) = 2/n (he)", 2.0 / Double(n), true)] {
            let w = try Tensor.randn([n, n], using: &rng) * varW.squareRoot()
            let input = relu ? Activation.relu.forward(x) : x
            let y = try input.matmul(w)
            rows.append(.init(case_: label, var_w: varW, measured: y.variance() / x.variance(),
                              predicted: (relu ? 0.5 : 1) * Double(n) * varW))
        }
        let fans: [(String, Int)] = [("conv 3x3 on 3 channels", 27), ("conv 5x5 on 3 channels", 75),
                                     ("conv 3x3 on 64 channels", 576), ("conv 3x3 on 512 channels", 4608)]
        var conv: [VarianceReport.ConvFanIn] = []
        for (layer, fanIn) in fans {
            let f = Double(fanIn)
            conv.append(VarianceReport.ConvFanIn(layer: layer, fan_in: fanIn, xavier_std: 1 / f.squareRoot(), he_std: (2 / f).squareRoot()))
        }
        return VarianceReport(n: n, batch: batch, rows: rows, conv: conv)
    }
}

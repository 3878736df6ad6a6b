import NNLabCore

/// Builds an `ArchitectureReport` layer by layer, propagating the volume and checking each layer.
public struct ArchitectureBuilder: Sendable {
    public internal(set) var current: Volume
    public internal(set) var rows: [ArchitectureReport.Row] = []
    public var countBiases: Bool

    public init(input: Volume, countBiases: Bool = true) throws {
        guard let d = input.depth else { throw ArchitectureError("the input needs a depth, e.g. 32x32x3") }
        current = input
        self.countBiases = countBiases
        let a = try input.count()
        rows.append(try row(name: "INPUT", type: "input", detail: "", w: input.width, h: input.height, d: d,
                            activations: a, weights: 0, biases: 0, macs: 0, fanIn: nil, depth: 0))
    }

    var depthIn: Int { current.depth ?? 1 }

    func row(name: String, type: String, detail: String, w: Int, h: Int, d: Int, activations: Int,
             weights: Int, biases: Int, macs: Int, fanIn: Int?, depth: Int, note: String? = nil) throws -> ArchitectureReport.Row {
        ArchitectureReport.Row(
            name: name, type: type, detail: detail, output: Volume(width: w, height: h, depth: d).description,
            out_w: w, out_h: h, out_d: d, activations: activations,
            bytes: try Checked.mul(activations, 4, "the memory"), weights: weights, biases: biases,
            params: countBiases ? try Checked.add(weights, biases, "the parameter count") : weights,
            macs: macs, fan_in: fanIn, depth: depth, note: note)
    }

    /// One side through a window: the output size, with a note when it was rounded.
    static func side(_ n: Int, f: Int, s: Int, p: Int, rounding: Rounding, layer: String) throws -> (Int, String?) {
        let st = try ConvGeometry.step(input: n, filter: f, stride: s, padding: p)
        if let o = st.output { return (o, nil) }
        let formula = "(\(n) - \(f) + 2*\(p))/\(s) + 1 = \(ConvArithmetic.format2(st.exact))"
        guard st.span >= 0 else {
            throw ArchitectureError("\(layer) on \(n)x\(n) does not fit: the \(f)x\(f) window is larger than the padded input (\(n + 2 * p))")
        }
        switch rounding {
        case .exact:
            throw ArchitectureError("\(layer) on \(n)x\(n) does not fit: \(formula)")
        case .floor:
            let o = st.span / s + 1
            return (o, "\(formula), rounded down to \(o) (the last partial step is dropped)")
        case .ceil:
            let o = (st.span + s - 1) / s + 1
            return (o, "\(formula), rounded up to \(o) (Caffe's pooling keeps the partial window)")
        }
    }

    /// A convolution: K filters FxF over the full depth, stride S, padding P.
    public mutating func conv(_ name: String, filters k: Int, size f: Int, stride s: Int = 1, pad p: Int = 0,
                              rounding: Rounding = .exact, bias: Bool = true, batchNorm: Bool = false) throws {
        let label = "\(name) (conv \(k) \(f)x\(f)/\(s) pad \(p))"
        let (w, nw) = try Self.side(current.width, f: f, s: s, p: p, rounding: rounding, layer: label)
        let (h, _) = try Self.side(current.height, f: f, s: s, p: p, rounding: rounding, layer: label)
        let fanIn = try Checked.product([f, f, depthIn], "the fan-in")
        let weights = try Checked.mul(fanIn, k, "the weight count")
        let outs = try Checked.product([w, h, k], "the output volume")
        let biases = (bias ? k : 0) + (batchNorm ? 2 * k : 0)
        rows.append(try row(name: name, type: "conv", detail: "\(k) \(f)x\(f) /\(s) pad \(p)\(batchNorm ? " +BN" : "")", w: w, h: h, d: k,
                            activations: outs, weights: weights, biases: biases,
                            macs: try Checked.mul(outs, fanIn, "the multiply-adds"), fanIn: fanIn, depth: 1, note: nw))
        current = Volume(width: w, height: h, depth: k)
    }

    /// Pooling: FxF windows at stride S on each depth slice; no parameters.
    public mutating func pool(_ name: String, size f: Int, stride s: Int, pad p: Int = 0, kind: PoolKind = .max,
                              rounding: Rounding = .exact) throws {
        let label = "\(name) (\(kind) pool \(f)/\(s))"
        let (w, nw) = try Self.side(current.width, f: f, s: s, p: p, rounding: rounding, layer: label)
        let (h, _) = try Self.side(current.height, f: f, s: s, p: p, rounding: rounding, layer: label)
        let outs = try Checked.product([w, h, depthIn], "the output volume")
        rows.append(try row(name: name, type: "\(kind)pool", detail: "\(f)x\(f) /\(s)\(p > 0 ? " pad \(p)" : "")",
                            w: w, h: h, d: depthIn, activations: outs, weights: 0, biases: 0, macs: 0, fanIn: nil, depth: 0, note: nw))
        current = Volume(width: w, height: h, depth: depthIn)
    }

    /// Global average pooling: each WxH slice to one number.
    public mutating func globalAveragePool(_ name: String) throws {
        rows.append(try row(name: name, type: "avgpool", detail: "global \(current.width)x\(current.height)", w: 1, h: 1, d: depthIn,
                            activations: depthIn, weights: 0, biases: 0, macs: 0, fanIn: nil, depth: 0))
        current = Volume(width: 1, height: 1, depth: depthIn)
    }

    /// A fully connected layer from the whole current volume (stretched to one vector) to N units.
    public mutating func fc(_ name: String, units n: Int, bias: Bool = true) throws {
        let fanIn = try current.count()
        let weights = try Checked.mul(fanIn, n, "the weight count")
        let from = current.width == 1 && current.height == 1 ? "\(fanIn)" : "\(current) = \(fanIn)"
        rows.append(try row(name: name, type: "fc", detail: "\(from) -> \(n)", w: 1, h: 1, d: n, activations: n,
                            weights: weights, biases: bias ? n : 0, macs: weights, fanIn: fanIn, depth: 1))
        current = Volume(width: 1, height: 1, depth: n)
    }

    /// A layer that keeps the volume and has no parameters (ReLU, normalization, dropout, softmax).
    public mutating func passThrough(_ name: String, type: String, detail: String = "", parameters: Int = 0) throws {
        let a = try current.count()
        rows.append(try row(name: name, type: type, detail: detail, w: current.width, h: current.height, d: depthIn,
                            activations: a, weights: 0, biases: parameters, macs: 0, fanIn: nil, depth: 0))
    }

    /// A GoogLeNet inception module: four branches concatenated along the depth,
    /// 1x1 | 1x1 reduce -> 3x3 | 1x1 reduce -> 5x5 | 3x3 max pool (stride 1) -> 1x1 projection.
    public mutating func inception(_ name: String, c1: Int, r3: Int, c3: Int, r5: Int, c5: Int, poolProj: Int) throws {
        let (w, h, d) = (current.width, current.height, depthIn)
        let area = try Checked.mul(w, h, "the area")
        // (input depth, filters, size) of each convolution in the module
        let convs = [(d, c1, 1), (d, r3, 1), (r3, c3, 3), (d, r5, 1), (r5, c5, 5), (d, poolProj, 1)]
        var weights = 0, acts = 0
        for (din, k, f) in convs {
            let wts = try Checked.product([f, f, din, k], "the weight count")
            weights = try Checked.add(weights, wts, "the weight count")
            acts = try Checked.add(acts, try Checked.mul(area, k, "the activations"), "the activations")
        }
        acts = try Checked.add(acts, try Checked.mul(area, d, "the activations"), "the activations")  // the pooled branch
        let outD = c1 + c3 + c5 + poolProj
        let biases = convs.reduce(0) { $0 + $1.1 }
        rows.append(try row(name: name, type: "inception",
                            detail: "\(c1) | \(r3)>\(c3) | \(r5)>\(c5) | pool>\(poolProj)", w: w, h: h, d: outD,
                            activations: acts, weights: weights, biases: biases,
                            macs: try Checked.mul(area, weights, "the multiply-adds"), fanIn: nil, depth: 2))
        current = Volume(width: w, height: h, depth: outD)
    }

    /// A ResNet stage: `blocks` residual blocks of `width` channels (basic: 3x3, 3x3; bottleneck:
    /// 1x1, 3x3, 1x1 to 4*width), batch norm after every conv, no conv biases. The first block
    /// downsamples by `stride` (on its first conv, as in the original paper) and has a 1x1
    /// projection shortcut when the shape changes.
    public mutating func residualStage(_ name: String, blocks: Int, width m: Int, bottleneck: Bool, stride s: Int) throws {
        var weights = 0, biases = 0, macs = 0, acts = 0
        var (w, h, cin) = (current.width, current.height, depthIn)
        var first: (Int, Int)?
        func add(_ din: Int, _ k: Int, _ f: Int, _ ow: Int, _ oh: Int) throws {
            let wts = try Checked.product([f, f, din, k], "the weight count")
            let outs = try Checked.product([ow, oh, k], "the activations")
            weights = try Checked.add(weights, wts, "the weight count")
            biases += 2 * k  // batch norm gamma and beta
            macs = try Checked.add(macs, try Checked.mul(outs, f * f * din, "the multiply-adds"), "the multiply-adds")
            acts = try Checked.add(acts, outs, "the activations")
        }
        let cout = bottleneck ? 4 * m : m
        for b in 0..<blocks {
            let st = b == 0 ? s : 1
            let ow = (w - 1) / st + 1, oh = (h - 1) / st + 1
            if bottleneck {
                try add(cin, m, 1, ow, oh)
                try add(m, m, 3, ow, oh)
                try add(m, cout, 1, ow, oh)
            } else {
                try add(cin, m, 3, ow, oh)
                try add(m, m, 3, ow, oh)
            }
            if b == 0, st != 1 || cin != cout { try add(cin, cout, 1, ow, oh) }  // projection shortcut
            if first == nil { first = (ow, oh) }
            (w, h, cin) = (ow, oh, cout)
        }
        let kind = bottleneck ? "[1x1,\(m) 3x3,\(m) 1x1,\(cout)]" : "[3x3,\(m) 3x3,\(m)]"
        rows.append(try row(name: name, type: "residual", detail: "\(kind) x\(blocks)\(s > 1 ? " /\(s)" : "")",
                            w: w, h: h, d: cout, activations: acts, weights: weights, biases: biases, macs: macs,
                            fanIn: nil, depth: blocks * (bottleneck ? 3 : 2)))
        current = Volume(width: w, height: h, depth: cout)
    }

    /// Totals and the report. `notes` and `lecture` come from the caller (the zoo or `net`).
    public func report(name: String, title: String, notes: [String] = [], lecture: [ArchitectureReport.LectureFigure] = []) throws -> ArchitectureReport {
        var weights = 0, biases = 0, acts = 0, macs = 0, depth = 0
        for r in rows {
            weights = try Checked.add(weights, r.weights, "the weight count")
            biases = try Checked.add(biases, r.biases, "the bias count")
            acts = try Checked.add(acts, r.activations, "the activations")
            macs = try Checked.add(macs, r.macs, "the multiply-adds")
            depth += r.depth
        }
        let bytes = try Checked.mul(acts, 4, "the memory")
        var report = ArchitectureReport(
            name: name, title: title, input: rows.first?.output ?? "", biases_counted: countBiases, layers: rows,
            weights: weights, biases: biases, params: countBiases ? weights + biases : weights, activations: acts,
            memory_bytes: bytes, memory_bytes_train: try Checked.mul(bytes, 2, "the memory"), macs: macs, depth: depth,
            notes: [], lecture: lecture)
        report.notes = Self.concentration(report) + notes
        return report
    }

    /// Where memory and parameters sit: the lecture's two observations, computed.
    static func concentration(_ r: ArchitectureReport) -> [String] {
        let layers = r.layers.filter { $0.type != "input" }
        guard r.params > 0, r.activations > 0, let bigP = layers.max(by: { $0.params < $1.params }),
              let bigA = layers.max(by: { $0.activations < $1.activations }) else { return [] }
        func pct(_ a: Int, _ b: Int) -> String { "\(Int((Double(a) / Double(b) * 100).rounded()))%" }
        // Rows can share a name (VGG's three FC-4096/FC-1000, GoogLeNet's max pools): say which one.
        func label(_ row: ArchitectureReport.Row) -> String {
            let same = layers.filter { $0.name == row.name }
            guard same.count > 1, let i = same.firstIndex(of: row) else { return row.name }
            let ordinals = ["first", "second", "third", "fourth", "fifth"]
            return "the \(i < ordinals.count ? ordinals[i] : "#\(i + 1)") \(row.name)"
        }
        var notes: [String] = []
        let fc = layers.filter { $0.type == "fc" }.reduce(0) { $0 + $1.params }
        let conv = layers.filter { $0.type != "fc" }.reduce(0) { $0 + $1.params }
        if fc > 0 {
            notes.append("parameters: the fully connected layers hold \(pct(fc, r.params)) of them (conv and other layers \(pct(conv, r.params))); the largest layer is \(label(bigP)) with \(pct(bigP.params, r.params))")
        } else {
            notes.append("parameters: the largest layer is \(label(bigP)) with \(pct(bigP.params, r.params)); there are no large fully connected layers")
        }
        let half = layers.count / 2
        let early = layers.prefix(half).reduce(0) { $0 + $1.activations }
        notes.append("memory: the first half of the layers produce \(pct(early, r.activations - (r.layers.first?.activations ?? 0))) of the activations; the largest is \(label(bigA)) (\(bigA.output))")
        return notes
    }
}

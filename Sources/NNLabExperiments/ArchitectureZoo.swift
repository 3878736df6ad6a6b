import Foundation
import NNLabCore

/// The networks of the CNN case-study lecture, built layer by layer from the lecture's tables.
/// Every total is computed from the rows; the lecture's printed figures are kept beside them in
/// `lecture`, each marked as agreeing or not, with the reason when they differ.
public enum ArchitectureZoo {
    public static let names = ["lenet5", "alexnet", "vgg11", "vgg11-lrn", "vgg13", "vgg16-c", "vgg16", "vgg19",
                               "googlenet", "resnet18", "resnet34", "resnet50", "resnet101", "resnet152"]
    /// Names that stand for several networks in comparisons.
    public static let families = ["vgg": ["vgg11", "vgg11-lrn", "vgg13", "vgg16-c", "vgg16", "vgg19"],
                                  "resnet": ["resnet18", "resnet34", "resnet50", "resnet101", "resnet152"]]

    public static func build(_ name: String, countBiases: Bool = true) throws -> ArchitectureReport {
        switch name {
        case "lenet5": return try lenet5(countBiases)
        case "alexnet": return try alexnet(countBiases)
        case "googlenet": return try googlenet(countBiases)
        case let n where n.hasPrefix("vgg"): return try vgg(n, countBiases)
        case let n where n.hasPrefix("resnet"): return try resnet(n, countBiases)
        default: throw ArchitectureError("no network '\(name)'; known: \(names.joined(separator: ", "))")
        }
    }

    // MARK: figures

    static func figure(_ what: String, printed: String, computed: String, agrees: Bool, _ why: String) -> ArchitectureReport.LectureFigure {
        .init(what: what, printed: printed, computed: computed, agrees: agrees, explanation: agrees ? "" : why)
    }

    /// `x` rounded to `digits` decimals equals `printed`.
    static func roundsTo(_ x: Double, _ printed: Double, digits: Int = 0) -> Bool {
        let m = pow(10.0, Double(digits))
        return (x * m).rounded() == (printed * m).rounded()
    }

    static func kilo(_ n: Int) -> Double { Double(n) / 1000 }
    static func mega(_ n: Int) -> Double { Double(n) / 1_000_000 }

    // MARK: LeNet-5

    static func lenet5(_ bias: Bool) throws -> ArchitectureReport {
        var b = try ArchitectureBuilder(input: Volume(width: 32, height: 32, depth: 1), countBiases: bias)
        try b.conv("C1", filters: 6, size: 5)
        try b.pool("S2", size: 2, stride: 2)
        try b.conv("C3", filters: 16, size: 5)
        try b.pool("S4", size: 2, stride: 2)
        try b.conv("C5", filters: 120, size: 5)
        try b.fc("F6", units: 84)
        try b.fc("OUTPUT", units: 10)
        return try b.report(name: "lenet5", title: "LeNet-5 (LeCun et al. 1998): CONV-POOL-CONV-POOL-CONV-FC on a 32x32 digit", notes: [
            "the lecture's [CONV-POOL-CONV-POOL-CONV-FC] groups F6 (84 units) and the 10-way output as its FC part",
            "date: the lecture's slide dates LeNet-5 1980; the network is from LeCun, Bottou, Bengio and Haffner's 1998 paper",
            "as a modern reading: every C3 filter sees all 6 maps and pooling has no weights; the 1998 paper connected C3 to chosen subsets of maps (1,516 trainable parameters, its biases included, where this reading has 2,416) and gave each subsampling map a trainable coefficient and bias",
        ])
    }

    // MARK: AlexNet

    static func alexnet(_ bias: Bool) throws -> ArchitectureReport {
        var b = try ArchitectureBuilder(input: Volume(width: 227, height: 227, depth: 3), countBiases: bias)
        try b.conv("CONV1", filters: 96, size: 11, stride: 4, pad: 0)
        try b.pool("POOL1", size: 3, stride: 2)
        try b.passThrough("NORM1", type: "norm", detail: "local response")
        try b.conv("CONV2", filters: 256, size: 5, stride: 1, pad: 2)
        try b.pool("POOL2", size: 3, stride: 2)
        try b.passThrough("NORM2", type: "norm", detail: "local response")
        try b.conv("CONV3", filters: 384, size: 3, stride: 1, pad: 1)
        try b.conv("CONV4", filters: 384, size: 3, stride: 1, pad: 1)
        try b.conv("CONV5", filters: 256, size: 3, stride: 1, pad: 1)
        try b.pool("POOL3", size: 3, stride: 2)
        try b.fc("FC6", units: 4096)
        try b.fc("FC7", units: 4096)
        try b.fc("FC8", units: 1000)
        let rows = b.rows
        // The lecture's list of output volumes, in order, and CONV1's "35K" parameters.
        let printed = ["55x55x96", "27x27x96", "27x27x96", "27x27x256", "13x13x256", "13x13x256", "13x13x384", "13x13x384",
                       "13x13x256", "6x6x256", "1x1x4096", "1x1x4096", "1x1x1000"]
        let computed = rows.dropFirst().map(\.output)
        let conv1 = rows[1].weights
        return try b.report(
            name: "alexnet", title: "AlexNet (Krizhevsky et al. 2012), the lecture's simplified single-tower version",
            notes: ["the original split CONV2, CONV4 and CONV5 across two GPUs, each filter seeing half the depth; this single-tower version has more weights and multiply-adds in those layers",
                    "normalization (NORM1, NORM2) layers have no parameters"],
            lecture: [
                figure("output volumes of all 13 layers", printed: printed.joined(separator: ", "),
                       computed: computed.joined(separator: ", "), agrees: printed == computed, "the sizes differ"),
                figure("CONV1 parameters", printed: "35K", computed: "\(Formatting.grouped(conv1)) weights",
                       agrees: roundsTo(kilo(conv1), 35), "rounding"),
                figure("POOL1 parameters", printed: "0", computed: "\(rows[2].params)", agrees: rows[2].params == 0, ""),
            ])
    }

    // MARK: VGG

    /// Convolutions per stage for each configuration of the VGG paper's Table 1, as (filters, size).
    static func vggStages(_ name: String) -> (config: String, stages: [[(Int, Int)]], lrn: Bool)? {
        func c3(_ k: Int, _ n: Int) -> [(Int, Int)] { Array(repeating: (k, 3), count: n) }
        switch name {
        case "vgg11", "vgg11-lrn":
            return (name == "vgg11" ? "A" : "A-LRN", [c3(64, 1), c3(128, 1), c3(256, 2), c3(512, 2), c3(512, 2)], name == "vgg11-lrn")
        case "vgg13": return ("B", [c3(64, 2), c3(128, 2), c3(256, 2), c3(512, 2), c3(512, 2)], false)
        case "vgg16-c": return ("C", [c3(64, 2), c3(128, 2), c3(256, 2) + [(256, 1)], c3(512, 2) + [(512, 1)], c3(512, 2) + [(512, 1)]], false)
        case "vgg16": return ("D", [c3(64, 2), c3(128, 2), c3(256, 3), c3(512, 3), c3(512, 3)], false)
        case "vgg19": return ("E", [c3(64, 2), c3(128, 2), c3(256, 4), c3(512, 4), c3(512, 4)], false)
        default: return nil
        }
    }

    /// Table 2 of the VGG paper, as the lecture prints it: parameters in millions.
    static let vggPrintedMillions: [String: Int] = ["A": 133, "A-LRN": 133, "B": 133, "C": 134, "D": 138, "E": 144]

    static func vgg(_ name: String, _ bias: Bool) throws -> ArchitectureReport {
        guard let (config, stages, lrn) = vggStages(name) else {
            throw ArchitectureError("no network '\(name)'; VGG variants: vgg11, vgg11-lrn, vgg13, vgg16-c, vgg16, vgg19")
        }
        var b = try ArchitectureBuilder(input: Volume(width: 224, height: 224, depth: 3), countBiases: bias)
        for (s, convs) in stages.enumerated() {
            for (i, (k, f)) in convs.enumerated() {
                try b.conv("CONV\(f)-\(k)", filters: k, size: f, stride: 1, pad: f == 3 ? 1 : 0)
                if lrn && s == 0 && i == 0 { try b.passThrough("LRN", type: "norm", detail: "local response") }
            }
            try b.pool("POOL2", size: 2, stride: 2)
        }
        try b.fc("FC-4096", units: 4096)
        try b.fc("FC-4096", units: 4096)
        try b.fc("FC-1000", units: 1000)
        let withBiases = b.rows.reduce(0) { $0 + $1.weights + $1.biases }
        var lecture: [ArchitectureReport.LectureFigure] = []
        if let m = vggPrintedMillions[config] {
            lecture.append(figure("parameters of configuration \(config) (Table 2, millions)", printed: "\(m)",
                                  computed: "\(Formatting.grouped(withBiases)) = \(String(format: "%.1f", mega(withBiases)))M",
                                  agrees: roundsTo(mega(withBiases), Double(m)), "rounding"))
        }
        var notes = ["configuration \(config) of the VGG paper: 3x3 convs at stride 1 pad 1 and 2x2 max pools at stride 2 only"]
        if name == "vgg16" {
            let rows = b.rows
            // The lecture's per-layer listing (weights, "not counting biases").
            let printedWeights = [1_728, 36_864, 73_728, 147_456, 294_912, 589_824, 589_824, 1_179_648, 2_359_296, 2_359_296,
                                  2_359_296, 2_359_296, 2_359_296, 102_760_448, 16_777_216, 4_096_000]
            let computedWeights = rows.filter { $0.weights > 0 }.map(\.weights)
            lecture.append(figure("per-layer parameters, 16 weight layers (not counting biases)",
                                  printed: printedWeights.map(Formatting.grouped).joined(separator: ", "),
                                  computed: computedWeights.map(Formatting.grouped).joined(separator: ", "),
                                  agrees: printedWeights == computedWeights, "a row differs"))
            let weights = rows.reduce(0) { $0 + $1.weights }
            lecture.append(figure("total parameters", printed: "138M", computed: "\(Formatting.grouped(weights)) weights, \(Formatting.grouped(withBiases)) with biases",
                                  agrees: roundsTo(mega(weights), 138), "rounding"))
            let acts = rows.reduce(0) { $0 + $1.activations }
            lecture.append(figure("total activation memory per image (forward)", printed: "24M * 4 bytes ~= 93MB",
                                  computed: "\(Formatting.grouped(acts)) * 4 bytes = \(String(format: "%.1f", mega(acts * 4))) MB (\(String(format: "%.1f", Double(acts * 4) / 1_048_576)) MiB)",
                                  agrees: roundsTo(mega(acts), 24),
                                  "the slide's own rows (150K + 3.2M + 3.2M + 800K + ...) add up to \(String(format: "%.1f", mega(acts)))M, not 24M: the printed total is a slip on the slide, and 24M * 4 bytes would itself be \(String(format: "%.0f", mega(24_000_000 * 4))) MB (\(String(format: "%.1f", Double(24_000_000 * 4) / 1_048_576)) MiB), not 93MB; the forward-plus-backward figure is about twice the computed one"))
            notes.append("the lecture lists weights only (\"not counting biases\"); bias=off gives the same totals")
        }
        return try b.report(name: name, title: "VGG \(config) (Simonyan and Zisserman 2014), \(b.rows.reduce(0) { $0 + $1.depth }) weight layers",
                            notes: notes, lecture: lecture)
    }

    // MARK: GoogLeNet

    /// One row of the lecture's GoogLeNet table: name and the printed params (K = 1024) and ops (M = 10^6).
    struct GoogLeNetPrinted { let name: String; let paramsK: Double; let opsM: Double }

    static func googlenet(_ bias: Bool) throws -> ArchitectureReport {
        var b = try ArchitectureBuilder(input: Volume(width: 224, height: 224, depth: 3), countBiases: bias)
        try b.conv("convolution", filters: 64, size: 7, stride: 2, pad: 3, rounding: .floor)
        try b.pool("max pool", size: 3, stride: 2, rounding: .ceil)
        try b.conv("conv 3x3 reduce", filters: 64, size: 1)
        try b.conv("convolution", filters: 192, size: 3, stride: 1, pad: 1)
        try b.pool("max pool", size: 3, stride: 2, rounding: .ceil)
        try b.inception("inception (3a)", c1: 64, r3: 96, c3: 128, r5: 16, c5: 32, poolProj: 32)
        try b.inception("inception (3b)", c1: 128, r3: 128, c3: 192, r5: 32, c5: 96, poolProj: 64)
        try b.pool("max pool", size: 3, stride: 2, rounding: .ceil)
        try b.inception("inception (4a)", c1: 192, r3: 96, c3: 208, r5: 16, c5: 48, poolProj: 64)
        try b.inception("inception (4b)", c1: 160, r3: 112, c3: 224, r5: 24, c5: 64, poolProj: 64)
        try b.inception("inception (4c)", c1: 128, r3: 128, c3: 256, r5: 24, c5: 64, poolProj: 64)
        try b.inception("inception (4d)", c1: 112, r3: 144, c3: 288, r5: 32, c5: 64, poolProj: 64)
        try b.inception("inception (4e)", c1: 256, r3: 160, c3: 320, r5: 32, c5: 128, poolProj: 128)
        try b.pool("max pool", size: 3, stride: 2, rounding: .ceil)
        try b.inception("inception (5a)", c1: 256, r3: 160, c3: 320, r5: 32, c5: 128, poolProj: 128)
        try b.inception("inception (5b)", c1: 384, r3: 192, c3: 384, r5: 48, c5: 128, poolProj: 128)
        try b.pool("avg pool", size: 7, stride: 1, kind: .avg)
        try b.passThrough("dropout (40%)", type: "dropout")
        try b.fc("linear", units: 1000)
        try b.passThrough("softmax", type: "softmax")

        let printed = [GoogLeNetPrinted(name: "inception (3a)", paramsK: 159, opsM: 128), .init(name: "inception (3b)", paramsK: 380, opsM: 304),
                       .init(name: "inception (4a)", paramsK: 364, opsM: 73), .init(name: "inception (4b)", paramsK: 437, opsM: 88),
                       .init(name: "inception (4c)", paramsK: 463, opsM: 100), .init(name: "inception (4d)", paramsK: 580, opsM: 119),
                       .init(name: "inception (4e)", paramsK: 840, opsM: 170), .init(name: "inception (5a)", paramsK: 1072, opsM: 54),
                       .init(name: "inception (5b)", paramsK: 1388, opsM: 71), .init(name: "linear", paramsK: 1000, opsM: 1)]
        var lecture: [ArchitectureReport.LectureFigure] = []
        let rows = b.rows
        // The table's second row combines the 1x1 reduce and the 3x3 conv (depth 2).
        let conv2W = rows[3].weights + rows[4].weights, conv2M = rows[3].macs + rows[4].macs
        let c1 = rows[1]
        lecture.append(figure("convolution 7x7/2 params and ops", printed: "2.7K, 34M",
                              computed: "\(Formatting.grouped(c1.weights)) weights, \(Formatting.grouped(c1.macs)) multiply-adds",
                              agrees: false,
                              "7*7*3*64 = \(Formatting.grouped(c1.weights)) weights and 112*112*\(Formatting.grouped(c1.weights)) = \(String(format: "%.0f", mega(c1.macs)))M multiply-adds; the printed ops match the printed params (112*112*2.7K = 34M), so the table's parameter figure for this layer is what differs, and it does not follow from the layer as described"))
        lecture.append(figure("convolution 3x3/1 (with its 1x1 reduce) params and ops", printed: "112K, 360M",
                              computed: "\(Formatting.grouped(conv2W)) = \(String(format: "%.1f", Double(conv2W) / 1024))K (K = 1024), \(String(format: "%.1f", mega(conv2M)))M",
                              agrees: roundsTo(Double(conv2W) / 1024, 112) && roundsTo(mega(conv2M), 360), "rounding"))
        for p in printed {
            guard let r = rows.first(where: { $0.name == p.name }) else { continue }
            let k = Double(r.weights) / 1024, m = mega(r.macs)
            // The paper rounds loosely: call it agreement within 1% on params and 1M on ops.
            let paramsOK = abs(k - p.paramsK) <= 0.01 * p.paramsK, opsOK = abs(m - p.opsM) <= 1
            let area = Double(r.out_w * r.out_h)
            let why: String
            if opsOK {
                why = "the printed ops agree with the computed parameters (\(r.out_w)*\(r.out_h)*\(Formatting.grouped(r.weights)) = \(String(format: "%.1f", m))M), so it is the params column that is off"
            } else if abs(area * p.paramsK * 1024 / 1e6 - p.opsM) <= 0.03 * p.opsM {
                why = "the printed params and ops agree with each other (\(r.out_w)*\(r.out_h)*\(Int(p.paramsK))K = \(String(format: "%.0f", area * p.paramsK * 1024 / 1e6))M) but not with the module's own #1x1 ... pool proj columns, which give \(Formatting.grouped(r.weights))"
            } else {
                why = "neither printed figure follows from the module's own columns"
            }
            lecture.append(figure("\(p.name) params and ops", printed: "\(Int(p.paramsK))K, \(Int(p.opsM))M",
                                  computed: "\(Formatting.grouped(r.weights)) = \(String(format: "%.1f", k))K (K = 1024), \(String(format: "%.1f", m))M",
                                  agrees: paramsOK && opsOK, why))
        }
        let weights = rows.reduce(0) { $0 + $1.weights }
        lecture.append(figure("total parameters", printed: "5 million", computed: "\(Formatting.grouped(weights)) weights = \(String(format: "%.1f", mega(weights)))M",
                              agrees: roundsTo(mega(weights), 5),
                              "the rows of the table add up to \(String(format: "%.1f", mega(weights)))M (\(String(format: "%.1f", mega(weights - rows[rows.count - 2].weights)))M without the final linear layer); the 5M is the paper's round claim, not the sum of its own table"))
        let alex = try alexnet(true)
        let ratio = Double(alex.weights) / Double(weights)
        lecture.append(figure("AlexNet has 12x more parameters", printed: "12x", computed: String(format: "%.1fx (%@ / %@ weights)", ratio, Formatting.grouped(alex.weights), Formatting.grouped(weights)),
                              agrees: roundsTo(ratio, 12),
                              "12x is 60M/5M, the round figures usually quoted; the computed tables give \(String(format: "%.1f", ratio))x"))
        let googMACs = rows.reduce(0) { $0 + $1.macs }
        let macRatio = Double(googMACs) / Double(alex.macs)
        // The original AlexNet's CONV2, CONV4 and CONV5 filters each saw half the input depth (two GPUs).
        let halved = alex.layers.filter { ["CONV2", "CONV4", "CONV5"].contains($0.name) }.reduce(0) { $0 + $1.macs } / 2
        let twoGPU = alex.macs - halved
        let twoGPURatio = Double(googMACs) / Double(twoGPU)
        lecture.append(figure("GoogLeNet uses 2x the compute of AlexNet", printed: "2x", computed: String(format: "%.1fx (%.2fG / %.2fG)", macRatio, Double(googMACs) / 1e9, Double(alex.macs) / 1e9),
                              agrees: roundsTo(macRatio, 2),
                              String(format: "against the single-tower AlexNet here; the original two-GPU AlexNet, whose CONV2, CONV4 and CONV5 filters each saw half the depth, does %.2fG multiply-adds, and against it the ratio is %.1fx", Double(twoGPU) / 1e9, twoGPURatio)))
        return try b.report(name: "googlenet", title: "GoogLeNet (Szegedy et al. 2014), 22 weight layers, no large fully connected layers",
                            notes: ["the table's params use K = 1024 (159K = 163,328 / 1024 for inception (3a)); ops are multiply-adds in millions",
                                    "conv1 and the max pools do not divide evenly; like the original (Caffe) implementation, the conv rounds down and the pools round up"],
                            lecture: lecture)
    }

    // MARK: ResNet

    static let resnetBlocks: [Int: ([Int], Bool)] = [
        18: ([2, 2, 2, 2], false), 34: ([3, 4, 6, 3], false), 50: ([3, 4, 6, 3], true),
        101: ([3, 4, 23, 3], true), 152: ([3, 8, 36, 3], true),
    ]
    static let resnetPrintedGFLOPs: [Int: Double] = [18: 1.8, 34: 3.6, 50: 3.8, 101: 7.6, 152: 11.3]

    static func resnet(_ name: String, _ bias: Bool) throws -> ArchitectureReport {
        guard let depth = Int(name.dropFirst("resnet".count)), let (blocks, bottleneck) = resnetBlocks[depth] else {
            throw ArchitectureError("no network '\(name)'; ResNets: resnet18, resnet34, resnet50, resnet101, resnet152")
        }
        var b = try ArchitectureBuilder(input: Volume(width: 224, height: 224, depth: 3), countBiases: bias)
        try b.conv("conv1", filters: 64, size: 7, stride: 2, pad: 3, rounding: .floor, bias: false, batchNorm: true)
        try b.pool("max pool", size: 3, stride: 2, pad: 1, rounding: .floor)
        for (i, n) in blocks.enumerated() {
            try b.residualStage("conv\(i + 2)_x", blocks: n, width: 64 << i, bottleneck: bottleneck, stride: i == 0 ? 1 : 2)
        }
        try b.globalAveragePool("avg pool")
        try b.fc("fc", units: 1000)
        let macs = b.rows.reduce(0) { $0 + $1.macs }
        var lecture: [ArchitectureReport.LectureFigure] = []
        if let g = resnetPrintedGFLOPs[depth] {
            let x = Double(macs) / 1e9
            lecture.append(figure("FLOPs (multiply-adds)", printed: "\(g) x 10^9", computed: String(format: "%.3f x 10^9", x),
                                  agrees: roundsTo(x, g, digits: 1),
                                  String(format: "%.1f%% %@ the printed figure: the paper's tally does not say whether it counts the projection shortcuts and the final fc layer; here both are counted, with the stride on the first conv of each downsampling block as in the paper", abs(x - g) / g * 100, x > g ? "above" : "below")))
        }
        var notes = ["batch normalization after every conv (its gamma and beta are counted as biases); convs have no biases of their own",
                     "conv1 and the max pool do not divide evenly (112.5 and 56.5); like the frameworks, they round down"]
        if depth == 152 {
            notes.append("conv4_x has 36 blocks: 3*(3 + 8 + 36 + 3) + 2 = 152 layers (the lecture's extracted table shows x3 there, which would give 53 layers)")
        }
        // The lecture's training recipe, with its one number that differs from the paper (He et al.
        // 2015, section 3.4: weight decay 0.0001).
        let lectureDecay = 1e-5, paperDecay = 1e-4
        lecture.append(figure("training recipe: weight decay", printed: "1e-5", computed: "1e-4 in the ResNet paper",
                              agrees: lectureDecay == paperDecay,
                              "the rest of the recipe matches the paper (SGD with momentum 0.9, rate 0.1 divided by 10 on a plateau, batches of 256, no dropout); the paper's weight decay is \(String(format: "%g", paperDecay / lectureDecay)) times the lecture's"))
        let kind = bottleneck ? "bottleneck blocks (1x1, 3x3, 1x1)" : "basic blocks (3x3, 3x3)"
        return try b.report(name: name, title: "ResNet-\(depth) (He et al. 2015), \(kind)", notes: notes, lecture: lecture)
    }
}

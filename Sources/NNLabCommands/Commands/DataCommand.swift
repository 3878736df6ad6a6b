import Foundation
import NNLabCore
import NNLabExperiments

/// `data NAME ...`: load a data set into the session (`model`, `train`, `evaluate` read it), and
/// look at it: `data show [i]`, `data stats`, `data` alone.
public struct DataCommand: Command {
    /// What `data` does: load one of the sets, or look at the loaded one.
    public enum Action: String, Choice {
        case digits, spiral, blobs, xor, circles, mnist, cifar10, show, stats

        var pointSet: PointSet? { PointSet(rawValue: rawValue) }
    }

    static let action = Arg.choice("SET", Action.self, positional: true,
                                   help: "digits, spiral, blobs, xor, circles, mnist DIR, cifar10 DIR; or show, stats (no word: what is loaded)")
    static let target = Arg.text("WHERE", positional: true,
                                 help: "the folder for mnist and cifar10; the example's index for show (default 0)")
    static let n = Arg.integer("n", PointSet.pointsRange, help: "points per class of a generated set (default 100)")
    static let classes = Arg.integer("classes", 2...10, help: "classes of a generated set (default: spiral 3, blobs 3, xor 2, circles 2)")
    static let noise = Arg.real("noise", PointSet.noiseRange, help: "noise of a generated set (default: spiral 0.2, blobs 0.5, xor 0.3, circles 0.05)")
    static let split = Arg.choice("split", Dataset.Split.self, default: .train, help: "the split show draws from")
    static let scale = Arg.choice("scale", Dataset.DigitsScaling.self, default: .standard,
                                  help: "digits: standard (per pixel, training mean and std) or unit (pixel/16)")
    static let limit = Arg.integer("limit", 1...60_000, help: "mnist, cifar10: read at most this many examples from each file (default: all)")

    /// The generated 2-D sets, which n=, classes= and noise= shape.
    static let generated = Action.allCases.filter { $0.pointSet != nil }.map(\.rawValue)

    public static let spec = CommandSpec(
        name: "data", topic: .data,
        summary: "load a data set (digits, spiral, blobs, xor, circles, mnist DIR, cifar10 DIR); show an example; stats",
        discussion: """
            `data digits` loads the 1797 shipped 8x8 digits (UCI, Alpaydin and Kaynak, CC BY 4.0) as 1x8x8 images \
            split 60/20/20 (1078 train, 359 val, 360 test) by numpy's permutation \
            after np.random.seed(0): the same split whatever the session's seed; features are standardized per \
            pixel with the training part's mean and std (scale=standard, the default), or pixel/16 in [0, 1] with \
            scale=unit. \
            `data spiral|blobs|xor|circles [n=] [classes=] [noise=]` draws 2-D points from the session's generator \
            (n per class, 5 to 10000; classes 2 to 10, xor 2 only), then a permutation from the same generator splits \
            them 60/20/20; spiral is CS231n's: r = linspace(0, 1, N), t = linspace(4j, 4(j+1), N) + randn(N)*noise. \
            `data mnist DIR` reads the four IDX files (train-images-idx3-ubyte, train-labels-idx1-ubyte, \
            t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, each plain or .gz): the last sixth of the training files \
            (10000 of 60000) is validation, t10k is test, features pixel/255. `data cifar10 DIR` reads the binary \
            batches: data_batch_1 to 4 train, data_batch_5 validation, test_batch test, features byte/255 channel \
            first, names from batches.meta.txt. A file that is missing, truncated, of the wrong size or magic number \
            is refused with one line naming it, and the data set loaded before stays. \
            `data show [i] [split=]` draws example i (an image in shades, scaled to the width; a point set as a \
            scatter of the split), `data stats` gives each split's size, class counts, mean and std.
            """,
        arguments: [action.spec, target.spec.only(["mnist", "cifar10", "show"]),
                    n.spec.only(generated), classes.spec.only(generated), noise.spec.only(generated),
                    split.spec.only(["show"]), limit.spec.only(["mnist", "cifar10"]), scale.spec.only(["digits"])],
        fields: [
            FieldDoc("loaded", "whether a data set is loaded (data alone)"),
            FieldDoc("name, input_shape, features, classes, class_names", "the data set: [C, H, W] for images, [2] for points"),
            FieldDoc("train, val, test", "examples in each split"),
            FieldDoc("notes", "where it comes from, how it was split and scaled"),
            FieldDoc("load_seconds", "how long loading took"),
            FieldDoc("split, index, label, class_name, features", "data show: the example (features as stored)"),
            FieldDoc("points", "data show on a point set: x, y, label of every point of the split"),
            FieldDoc("splits", "data stats: per split: split, count, class_counts, mean, std, min, max, channel_mean, channel_std"),
        ],
        examples: [
            Example("data digits", "the shipped 8x8 digits, fixed 60/20/20 split"),
            Example("data show 0", "the first training digit drawn in the terminal", after: "data digits"),
            Example("data stats", "split sizes, class counts, mean and std", after: "data digits"),
            Example("data spiral n=100 classes=3", "CS231n's three-armed spiral from the session's generator"),
            Example("data show split=val", "the spiral's validation points as a scatter", after: "data spiral"),
            Example("data mnist /nonexistent", "refused: the folder does not exist", fails: true),
        ],
        complete: { previous, _ in previous.isEmpty ? Action.names : nil })

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        guard let action = args[Self.action] else {
            guard args.given.isEmpty else { throw CommandError("options need a set or show/stats first, e.g. data spiral n=50") }
            guard let d = context.session.data else { return Loaded(loaded: false, summary: nil, load_seconds: nil) }
            return Loaded(loaded: true, summary: d.summary, load_seconds: nil)
        }
        switch action {
        case .show:
            let data = try loadedData(context)
            let split = try args.value(Self.split)
            let index = try parseIndex(args[Self.target], in: data, split: split)
            if data.inputShape.count == 3 {
                do { return ShowImage(example: try data.example(index, split: split)) } catch { throw CommandError.from(error, command: "data") }
            }
            let p = data.part(split)
            guard p.count > 0 else { throw CommandError("the \(split.rawValue) split of \(data.name) is empty") }
            let d = data.featureCount
            let pts = (0..<p.count).map { i in [p.x.data[i * d], d > 1 ? p.x.data[i * d + 1] : 0, Double(p.y[i])] }
            return ShowPoints(name: data.name, split: split, index: index, label: p.y[index],
                              class_name: data.classNames[p.y[index]], features: Array(p.x.data[(index * d)..<((index + 1) * d)]),
                              class_names: data.classNames, points: pts)
        case .stats:
            let data = try loadedData(context)
            return Stats(name: data.name, input_shape: data.inputShape, classes: data.classes, class_names: data.classNames,
                         splits: Dataset.Split.allCases.map { data.statistics($0) })
        case .digits, .spiral, .blobs, .xor, .circles, .mnist, .cifar10:
            let start = DispatchTime.now().uptimeNanoseconds
            let data = try load(action, args, &context)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            context.session.data = data
            return Loaded(loaded: true, summary: data.summary, load_seconds: seconds)
        }
    }

    static func loadedData(_ context: CommandContext) throws -> Dataset {
        guard let d = context.session.data else { throw CommandError("no data set is loaded; load one first, e.g. data digits") }
        return d
    }

    static func parseIndex(_ raw: String?, in data: Dataset, split: Dataset.Split) throws -> Int {
        let count = data.part(split).count
        guard let raw else { return 0 }
        guard let i = Int(raw), i >= 0 else {
            throw CommandError("the index must be a whole number from 0 to \(max(0, count - 1)) (the \(split.rawValue) split of \(data.name) holds \(count)), got '\(raw)'; e.g. data show 3")
        }
        guard i < count else {
            throw CommandError("example \(i) is not in the \(split.rawValue) split of \(data.name), which holds 0 to \(count - 1); e.g. data show \(count - 1)")
        }
        return i
    }

    static func load(_ action: Action, _ args: Arguments, _ context: inout CommandContext) throws -> Dataset {
        do {
            switch action {
            case .digits: return try Dataset.digits(scaling: try args.value(Self.scale))
            case .mnist, .cifar10:
                guard let raw = args[Self.target] else {
                    throw CommandError("data \(action.rawValue) needs the folder holding its files, e.g. data \(action.rawValue) ~/\(action.rawValue)")
                }
                let folder = SafeFileWriter.expandingTilde(raw)
                return action == .mnist ? try Dataset.mnist(folder: folder, limit: args[Self.limit], monitor: context.monitor)
                                        : try Dataset.cifar10(folder: folder, limit: args[Self.limit], monitor: context.monitor)
            case .spiral, .blobs, .xor, .circles:
                guard let set = action.pointSet else { throw CommandError("internal: \(action.rawValue) is not a point set") }
                let k = args[Self.classes] ?? set.defaultClasses
                guard set.classRange.contains(k) else {
                    throw CommandError("\(set.rawValue) has \(set.classRange.lowerBound) classes only, got classes=\(k); e.g. data xor n=100",
                                       token: args.offsets["classes"])
                }
                // Draw into a copy: the session's generator moves only if the set is made.
                var rng = context.session.rng
                let d = try set.dataset(perClass: args[Self.n] ?? 100, classes: k, noise: args[Self.noise] ?? set.defaultNoise,
                                        rng: &rng, seed: context.session.seed)
                context.session.rng = rng
                return d
            case .show, .stats:
                throw CommandError("internal: \(action.rawValue) loads nothing")
            }
        } catch let e as CommandError {
            throw e
        } catch let e as DataFileError {
            throw CommandError(e.description + (context.session.data.map { "; \($0.name) stays loaded" } ?? ""))
        } catch {
            throw CommandError.from(error, command: "data")
        }
    }

    // MARK: results

    /// `data` alone, or a set just loaded.
    public struct Loaded: CommandOutput {
        public var loaded: Bool
        public var summary: Dataset.Summary?
        public var load_seconds: Double?

        enum CodingKeys: String, CodingKey { case loaded, load_seconds }
        public func encode(to encoder: Encoder) throws {
            // The summary's fields sit at the top level, as `help data` documents them.
            try summary?.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(loaded, forKey: .loaded)
            try c.encodeIfPresent(load_seconds, forKey: .load_seconds)
        }

        public func renderText(_ style: TextStyle) -> String {
            guard let s = summary else {
                return wrap("no data set loaded; load one with data digits, data spiral, data mnist DIR or data cifar10 DIR", width: style.width).joined(separator: "\n")
            }
            let shape = s.input_shape.count == 3 ? "images \(s.input_shape.map(String.init).joined(separator: "x")) (channels x height x width)"
                                                 : "points in \(s.features) dimensions"
            var out = wrap(s.name + ": \(s.classes) classes, \(shape)", width: style.width, hanging: "  ")
            out.append("  train \(Format.grouped(s.train)), val \(Format.grouped(s.val)), test \(Format.grouped(s.test))")
            if s.class_names != (0..<s.classes).map(String.init) {
                out += wrap("classes: " + s.class_names.enumerated().map { "\($0.offset) \($0.element)" }.joined(separator: ", "), width: style.width, indent: "  ")
            }
            for n in s.notes { out += wrap(n, width: style.width, indent: "  ", hanging: "    ") }
            if let t = load_seconds { out.append(style.dim("  loaded in \(String(format: "%.3f", t)) s")) }
            return out.joined(separator: "\n")
        }
    }

    /// `data show` on an image set.
    public struct ShowImage: CommandOutput {
        public var example: Dataset.Example
        public func encode(to encoder: Encoder) throws { try example.encode(to: encoder) }

        public func renderText(_ style: TextStyle) -> String {
            let e = example
            var out = [style.bold("\(e.name) \(e.split.rawValue) example \(e.index)") + ": label \(e.label)" + (e.class_name == String(e.label) ? "" : " (\(e.class_name))")]
            let art = DataCommand.picture(e.features, shape: e.input_shape, maxWidth: style.width - 2)
            out += art.lines.map { "  " + $0 }
            out += wrap(art.caption, width: style.width, indent: "  ").map { style.dim($0) }
            return out.joined(separator: "\n")
        }
    }

    /// `data show` on a point set: the whole split as a scatter, the example marked.
    public struct ShowPoints: CommandOutput {
        public var name: String
        public var split: Dataset.Split
        public var index: Int
        public var label: Int
        public var class_name: String
        public var features: [Double]
        public var class_names: [String]
        /// x, y, label per point.
        public var points: [[Double]]

        public func renderText(_ style: TextStyle) -> String {
            let marks: [Character] = ["o", "x", "*", "#", "@", "%", "&", "s", "v", "^"]
            var out = wrap("\(name) \(split.rawValue) split: \(points.count) points; example \(index) is at ("
                           + features.map { String(format: "%.3f", $0) }.joined(separator: ", ") + "), class \(class_name)",
                           width: style.width, hanging: "  ")
            // The plot's row labels take up to 8 columns and a space.
            var plot = Plot(width: max(20, min(71, style.width - 11)), height: style.width >= 100 ? 21 : 15)
            for c in 0..<class_names.count {
                plot.add(marks[c % marks.count], class_names[c], points.filter { Int($0[2]) == c }.map { ($0[0], $0[1]) })
            }
            out += plot.render(style).split(separator: "\n", omittingEmptySubsequences: false).map { String($0.prefix(style.width)) }
            return out.joined(separator: "\n")
        }
    }

    /// `data stats`.
    public struct Stats: CommandOutput {
        public var name: String
        public var input_shape: [Int]
        public var classes: Int
        public var class_names: [String]
        public var splits: [Dataset.SplitStatistics]

        public func renderText(_ style: TextStyle) -> String {
            func g(_ x: Double) -> String { x.isFinite ? String(format: "%.4f", x) : "-" }
            var out = [style.bold("\(name)") + ": " + splits.map { "\($0.split.rawValue) \(Format.grouped($0.count))" }.joined(separator: ", ")]
            var t = Table(["split", "examples", "mean", "std", "min", "max"], align: [.left, .right, .right, .right, .right, .right])
            for s in splits { t.add([s.split.rawValue, Format.grouped(s.count), g(s.mean), g(s.std), g(s.min), g(s.max)]) }
            out.append(t.render(style, indent: "  "))
            if input_shape.count == 3, input_shape[0] > 1 {
                var c = Table(["split"] + (0..<input_shape[0]).flatMap { ["mean \($0)", "std \($0)"] }, align: nil)
                c.align = c.headers.indices.map { $0 == 0 ? .left : .right }
                for s in splits { c.add([s.split.rawValue] + zip(s.channel_mean, s.channel_std).flatMap { [g($0), g($1)] }) }
                out.append("  per channel:")
                out.append(c.render(style, indent: "  "))
            } else if input_shape.count == 1 {
                var c = Table(["split"] + (0..<input_shape[0]).flatMap { ["mean x\($0)", "std x\($0)"] }, align: nil)
                c.align = c.headers.indices.map { $0 == 0 ? .left : .right }
                for s in splits { c.add([s.split.rawValue] + zip(s.channel_mean, s.channel_std).flatMap { [g($0), g($1)] }) }
                out.append("  per coordinate:")
                out.append(c.render(style, indent: "  "))
            }
            let named = class_names != (0..<classes).map(String.init)
            var k = Table(["class"] + (named ? ["name"] : []) + splits.map { $0.split.rawValue } + (style.wide ? splits.map { "% " + $0.split.rawValue } : []))
            k.align = k.headers.indices.map { $0 == 0 || (named && $0 == 1) ? .left : .right }
            for c in 0..<classes {
                var row = ["\(c)"] + (named ? [class_names[c]] : [])
                row += splits.map { String($0.class_counts[c]) }
                if style.wide { row += splits.map { $0.count > 0 ? String(format: "%.1f", 100 * Double($0.class_counts[c]) / Double($0.count)) : "-" } }
                k.add(row)
            }
            out += wrap("class counts" + (style.wide ? "" : " (--wide adds each class's share of its split)") + ":", width: style.width, indent: "  ")
            out.append(k.render(style, indent: "  "))
            return out.joined(separator: "\n")
        }
    }

    // MARK: drawing

    /// Shades from background to ink, ten levels.
    static let shades: [Character] = [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"]

    /// An image (C, H, W) as lines of shade characters no wider than `maxWidth`: two characters
    /// per pixel when that fits (square pixels), else one, else the mean of k x k blocks. Values
    /// are read on [0, 1] (clamped); colour images are shown as gray, 0.299 R + 0.587 G + 0.114 B.
    static func picture(_ pixels: [Double], shape: [Int], maxWidth: Int) -> (lines: [String], caption: String) {
        let c = shape.count == 3 ? shape[0] : 1
        let h = shape.count == 3 ? shape[1] : 1, w = shape.count == 3 ? shape[2] : pixels.count
        guard c * h * w == pixels.count, h > 0, w > 0 else { return ([], "(nothing to draw)") }
        var gray = [Double](repeating: 0, count: h * w)
        if c == 3 {
            for i in 0..<(h * w) { gray[i] = 0.299 * pixels[i] + 0.587 * pixels[h * w + i] + 0.114 * pixels[2 * h * w + i] }
        } else {
            for i in 0..<(h * w) { gray[i] = pixels[i] }
        }
        // Features outside [0, 1] (standardized digits) are shown on the image's own range.
        let lo = gray.min() ?? 0, hi = gray.max() ?? 1
        let rescale = lo < 0 || hi > 1
        if rescale { for i in gray.indices { gray[i] = hi > lo ? (gray[i] - lo) / (hi - lo) : 0 } }
        let avail = max(1, maxWidth)
        let (perPixel, block) = 2 * w <= avail ? (2, 1) : (w <= avail ? (1, 1) : (1, (w + avail - 1) / avail))
        var lines: [String] = []
        for r in stride(from: 0, to: h, by: block) {
            var line = ""
            for k in stride(from: 0, to: w, by: block) {
                var s = 0.0, n = 0.0
                for rr in r..<min(h, r + block) { for kk in k..<min(w, k + block) { s += gray[rr * w + kk]; n += 1 } }
                let v = min(max(s / n, 0), 1)
                let ch = shades[min(shades.count - 1, Int(v * Double(shades.count) - 1e-9).clamped(0, shades.count - 1))]
                line += String(repeating: ch, count: perPixel)
            }
            while line.last == " " { line.removeLast() }
            lines.append(line)
        }
        var caption = "\(h)x\(w)" + (c == 3 ? " colour image shown in gray" : "") + (rescale ? ", shades ' .:-=+*#%@' from its lowest value (\(String(format: "%.2f", lo))) to its highest (\(String(format: "%.2f", hi)))" : ", shades ' .:-=+*#%@' for 0 to 1")
        if block > 1 { caption += ", each character the mean of \(block)x\(block) pixels to fit \(avail) columns" }
        return (lines, caption)
    }

    /// Greedy word wrap; continuation lines take `hanging` (default: the same indent).
    static func wrap(_ text: String, width: Int, indent: String = "", hanging: String? = nil) -> [String] {
        var lines: [String] = []
        var line = indent
        let next = hanging ?? indent
        var fresh = true
        for word in text.split(separator: " ") {
            if !fresh, line.count + 1 + word.count > width {
                lines.append(line); line = next; fresh = true
            }
            if fresh, line.count + word.count > width {
                // A word longer than the line: cut it.
                var rest = Substring(word)
                while line.count + rest.count > width, width - line.count > 0 {
                    let room = width - line.count
                    lines.append(line + rest.prefix(room)); rest = rest.dropFirst(room); line = next
                }
                line += rest; fresh = false
                continue
            }
            line += (fresh ? "" : " ") + word
            fresh = false
        }
        if !fresh { lines.append(line) }
        return lines
    }
}

extension Dataset.DigitsScaling: Choice {}

extension Int {
    fileprivate func clamped(_ lo: Int, _ hi: Int) -> Int { Swift.min(Swift.max(self, lo), hi) }
}

import NNLabCore

/// The structure of a network `model` builds, without its numbers: what a model file stores
/// beside the parameters, and what `model reset` rebuilds from.
///
/// Layers run in order on one example of shape `inputShape` ([C, H, W] or [D]); the last one
/// outputs `classes` scores and the loss (softmax) sits on top. Weights are drawn as numpy's
/// `randn(fan_in, fan_out) * scale(fan_in)` of `initialization` layer by layer (conv filters
/// `randn(K, C, F, F)`), biases are 0.
public struct ModelBlueprint: Codable, Sendable, Equatable {
    public enum Layer: Codable, Sendable, Equatable {
        /// A fully connected layer to `units` outputs.
        case fc(units: Int)
        case activation(ActivationKind)
        /// Batch norm over the features (or channels).
        case batchNorm
        /// Inverted dropout keeping each unit with probability `keep`.
        case dropout(keep: Double)
        /// K filters F x F at stride S with padding P.
        case conv(filters: Int, size: Int, stride: Int, pad: Int)
        /// Max pooling F x F at stride S.
        case pool(size: Int, stride: Int)

        /// How the layer is written in `model show`: `fc 100`, `relu`, `conv 16 3 1 1`.
        public var text: String {
            switch self {
            case let .fc(n): return "fc \(n)"
            case let .activation(a): return a.rawValue
            case .batchNorm: return "bn"
            case let .dropout(p): return "dropout \(p)"
            case let .conv(k, f, s, p): return "conv \(k) \(f) \(s) \(p)"
            case let .pool(f, s): return "pool \(f) \(s)"
            }
        }

        var spec: LayerSpec {
            switch self {
            case let .fc(n): return .fc(units: n)
            case let .activation(a): return .activation(a.rawValue)
            case .batchNorm: return .batchNorm
            case let .dropout(p): return .dropout(keep: p)
            case let .conv(k, f, s, p): return .conv(filters: k, size: f, stride: s, pad: p, rounding: .exact)
            case let .pool(f, s): return .pool(size: f, stride: s, kind: .max, rounding: .exact)
            }
        }
    }

    public var inputShape: [Int]
    public var classes: Int
    public var layers: [Layer]
    /// The scheme's name (`xavier`, `he`, ...) or a standard deviation (`0.0001`).
    public var initialization: String

    public init(inputShape: [Int], classes: Int, layers: [Layer], initialization: String) {
        self.inputShape = inputShape; self.classes = classes; self.layers = layers; self.initialization = initialization
    }

    /// The most numbers a model may hold: 50 million (400 MB of doubles, several times that while
    /// training), far above anything the shipped data needs.
    public static let maxParameters = 50_000_000

    /// A fully connected net D - hidden... - classes: each hidden layer is fc, then batch norm when
    /// `batchNorm`, the activation, then dropout when keep < 1 (the order of the course's
    /// assignments); the last fc gives the scores.
    public static func mlp(inputShape: [Int], hidden: [Int], classes: Int, activation: ActivationKind,
                           keep: Double = 1, batchNorm: Bool = false, initialization: String) -> ModelBlueprint {
        var layers: [Layer] = []
        for h in hidden {
            layers.append(.fc(units: h))
            if batchNorm { layers.append(.batchNorm) }
            layers.append(.activation(activation))
            if keep < 1 { layers.append(.dropout(keep: keep)) }
        }
        layers.append(.fc(units: classes))
        return ModelBlueprint(inputShape: inputShape, classes: classes, layers: layers, initialization: initialization)
    }

    /// A small convnet for an image [C, H, W]: blocks of conv (3x3, pad 1, so the size is kept) -
    /// [bn] - activation - pool 2x2 while the image halves evenly and stays at least 2x2 (at most
    /// `blocks`), filters doubling from `filters`; then fc `hidden` - activation - fc classes.
    /// 8x8 digits: 8x8 -> 4x4 -> 2x2; 28x28 MNIST: -> 14 -> 7; 32x32 CIFAR-10: -> 16 -> 8.
    public static func convnet(inputShape: [Int], classes: Int, activation: ActivationKind, filters: Int = 8,
                               blocks: Int = 2, hidden: Int = 64, batchNorm: Bool = false,
                               initialization: String) throws -> ModelBlueprint {
        guard inputShape.count == 3 else {
            throw NumericsError.invalidShape("a convnet needs images (C, H, W); this data has examples of shape \(Tensor.describe(inputShape))")
        }
        var layers: [Layer] = []
        var h = inputShape[1], w = inputShape[2], k = filters, n = 0
        while n < blocks, h % 2 == 0, w % 2 == 0, h >= 4, w >= 4 {
            layers.append(.conv(filters: k, size: 3, stride: 1, pad: 1))
            if batchNorm { layers.append(.batchNorm) }
            layers.append(.activation(activation))
            layers.append(.pool(size: 2, stride: 2))
            h /= 2; w /= 2; k *= 2; n += 1
        }
        guard n > 0 else {
            throw NumericsError.invalidShape("images of \(inputShape[1])x\(inputShape[2]) are too small to pool: a convnet needs at least 4x4 with even sides")
        }
        layers += [.fc(units: hidden), .activation(activation), .fc(units: classes)]
        return ModelBlueprint(inputShape: inputShape, classes: classes, layers: layers, initialization: initialization)
    }

    /// Multiply-adds of one example's forward pass: fc D x M; conv K C F F per output position.
    public var multiplyAdds: Double {
        var shape = inputShape, total = 0.0
        for l in layers {
            switch l {
            case let .fc(n): total += Double(shape.reduce(1, *)) * Double(n); shape = [n]
            case let .conv(k, f, s, p):
                guard shape.count == 3 else { return total }
                let h = (shape[1] - f + 2 * p) / s + 1, w = (shape[2] - f + 2 * p) / s + 1
                total += Double(k * shape[0] * f * f) * Double(h * w); shape = [k, h, w]
            case let .pool(f, s):
                guard shape.count == 3 else { return total }
                shape = [shape[0], (shape[1] - f) / s + 1, (shape[2] - f) / s + 1]
            case .batchNorm, .activation, .dropout: total += Double(shape.reduce(1, *))
            }
        }
        return total
    }

    public var scheme: InitExperiment.Scheme? { InitExperiment.Scheme(initialization) }

    /// The layer names parameters are prefixed with: `fc1`, `relu2`, `conv1`, ... (kind and
    /// position, like the rows of a `net` table).
    public var layerNames: [String] { layers.enumerated().map { "\($0.element.spec.kind)\($0.offset + 1)" } }

    /// The network with fresh weights drawn from `rng` layer by layer. Refuses a structure whose
    /// last layer does not give `classes` scores or whose size exceeds `maxParameters`.
    public func build(rng: inout NumpyRandom) throws -> Sequential {
        guard let scheme else { throw NumericsError.outOfRange("unknown initialization '\(initialization)'") }
        var shape = inputShape, count = 0
        // Size first (nothing drawn), so a huge model is refused before any allocation.
        for (i, l) in layers.enumerated() {
            switch l {
            case let .fc(n):
                let d = try Tensor.count(of: shape)
                let (p, o) = d.multipliedReportingOverflow(by: n)
                guard !o else { throw NumericsError.tooLarge("layer \(i + 1) (fc \(n)) is too large") }
                count += p + n
                shape = [n]
            case let .conv(k, f, s, p):
                guard shape.count == 3 else { throw NumericsError.invalidShape("conv needs an image, got \(Tensor.describe(shape))") }
                let geometry = (shape[1] - f + 2 * p)
                guard geometry >= 0, geometry % s == 0 else {
                    throw NumericsError.invalidShape("conv \(k) \(f) \(s) \(p) does not fit \(shape[1])x\(shape[2]): (W - F + 2P)/S + 1 is not whole")
                }
                count += k * shape[0] * f * f + k
                shape = [k, geometry / s + 1, (shape[2] - f + 2 * p) / s + 1]
            case let .pool(f, s):
                guard shape.count == 3, shape[1] >= f, (shape[1] - f) % s == 0, (shape[2] - f) % s == 0 else {
                    throw NumericsError.invalidShape("pool \(f) \(s) does not fit \(Tensor.describe(shape))")
                }
                shape = [shape[0], (shape[1] - f) / s + 1, (shape[2] - f) / s + 1]
            case .batchNorm: count += 2 * (shape.first ?? 0)
            case .activation, .dropout: break
            }
            guard count <= Self.maxParameters else {
                throw NumericsError.tooLarge("the model would hold more than \(Self.maxParameters) parameters (at layer \(i + 1), \(l.text))")
            }
        }
        guard shape == [classes] else {
            throw NumericsError.invalidShape("the last layer gives \(Tensor.describe(shape)) numbers per example, not the \(classes) class scores")
        }
        shape = inputShape
        var built: [any NNLabCore.Layer] = []
        for l in layers {
            guard let layer = try l.spec.makeLayer(inputShape: shape, initialization: scheme, rng: &rng) else { continue }
            shape = try layer.outputShape(for: shape)
            built.append(layer)
        }
        return try Sequential(built, names: layerNames, loss: .softmax)
    }
}

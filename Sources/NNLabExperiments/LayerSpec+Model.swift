import NNLabCore

/// The numbers behind a row of a `net` table: the same `LayerSpec` that sizes a layer in the table
/// builds it as a `Layer` of the core, so a network drawn with `net` can be built and trained.
extension LayerSpec {
    /// The layer for one example of shape `inputShape` (no batch dimension: (C, H, W) for a volume,
    /// (D) for a vector), its weights drawn from `rng` as numpy's `randn(...) * scale` with the scale
    /// of `initialization` for the layer's fan-in, biases 0 (nothing drawn for `zero`). Returns nil
    /// for `softmax`, which is the model's loss rather than a layer.
    ///
    /// - conv K F S P: W (K, C, F, F), fan-in C*F*F; `same` padding is (F - 1)/2 at stride 1.
    /// - fc N: W (D, N) with D the numbers per example (a volume is read as one vector), fan-in D.
    /// - pool / avgpool F S: max or average windows; gap: an average window over the whole (square) image.
    /// - bn: batch norm over the D features or the C channels; dropout p: inverted dropout keeping p.
    /// - relu, tanh, ...: the activation; flatten: (C, H, W) to C*H*W.
    /// Windows must fit exactly (the `floor` and `ceil` roundings describe other frameworks' tables),
    /// and local response normalization (`norm`) has no layer: both are errors naming the layer.
    public func makeLayer(inputShape: [Int], initialization: InitExperiment.Scheme,
                          rng: inout NumpyRandom) throws -> (any Layer)? {
        func exact(_ r: Rounding) throws {
            switch r {
            case .exact: return
            case .floor, .ceil:
                throw ArchitectureError("\(text): a model needs windows that fit exactly; '\(r.rawValue)' rounding is for tables only")
            }
        }
        func weights(_ shape: [Int], fanIn: Int) throws -> Tensor {
            if initialization == .zero { return try Tensor(shape: shape) }
            return try Tensor.randn(shape, scale: initialization.scale(fanIn: fanIn), using: &rng)
        }
        switch self {
        case let .conv(k, f, s, p, r):
            try exact(r)
            guard inputShape.count == 3 else { throw ArchitectureError("\(text) needs an image (C, H, W), got \(Tensor.describe(inputShape))") }
            let pad: Int
            if let p { pad = p } else {
                guard s == 1, f % 2 == 1 else {
                    throw ArchitectureError("\(text): same padding (F - 1)/2 needs an odd filter at stride 1")
                }
                pad = (f - 1) / 2
            }
            let c = inputShape[0]
            let fanIn = try Checked.product([c, f, f], "the fan-in")
            return try Conv(weight: try weights([k, c, f, f], fanIn: fanIn), bias: try Tensor(shape: [k]), stride: s, pad: pad)
        case let .pool(f, s, kind, r):
            try exact(r)
            return try Pool(kind, size: f, stride: s)
        case .globalAveragePool:
            guard inputShape.count == 3, inputShape[1] == inputShape[2] else {
                throw ArchitectureError("gap needs a square image (C, H, H), got \(Tensor.describe(inputShape))")
            }
            return try Pool(.avg, size: inputShape[1], stride: inputShape[1])
        case let .fc(n):
            let d = try Tensor.count(of: inputShape)
            return try Linear(weight: try weights([d, n], fanIn: d), bias: try Tensor(shape: [n]))
        case let .activation(name):
            guard let kind = ActivationKind(rawValue: name) else {
                throw ArchitectureError("'\(name)' is not an activation a model can build; known: \(ActivationKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return ActivationLayer(kind.activation())
        case .norm:
            throw ArchitectureError("norm (local response normalization) has no model layer yet: leave it out to build the network")
        case .batchNorm:
            guard let d = inputShape.first else { throw ArchitectureError("bn needs features to normalize") }
            return try BatchNormLayer(features: d)
        case .softmax:
            return nil
        case .flatten:
            return Flatten()
        case let .dropout(p):
            return try DropoutLayer(keep: p, mode: .inverted)
        }
    }
}

extension NetworkDraft {
    /// The network as a `Sequential` model: each layer built by `LayerSpec.makeLayer` in order (the
    /// weights drawn from `rng` layer by layer) and named like its row of the table (`conv1`, `fc4`),
    /// so its parameters are `conv1.w`, `conv1.b`, ... The loss is softmax; a `softmax` layer may
    /// only come last (it is that loss). Examples have shape (D, H, W) for the table's WxHxD input.
    public func makeModel(initialization: InitExperiment.Scheme, rng: inout NumpyRandom) throws -> Sequential {
        guard let depth = input.depth else { throw ArchitectureError("the input needs a depth, e.g. 32x32x3") }
        var shape = [depth, input.height, input.width]
        var built: [any Layer] = [], names: [String] = []
        for (i, spec) in layers.enumerated() {
            let name = "\(spec.kind)\(i + 1)"
            guard let layer = try spec.makeLayer(inputShape: shape, initialization: initialization, rng: &rng) else {
                guard i == layers.count - 1 else {
                    throw ArchitectureError("\(name): softmax is the model's loss, so it can only be the last layer")
                }
                continue
            }
            do { shape = try layer.outputShape(for: shape) } catch { throw ArchitectureError("\(name) (\(spec.text)): \(error)") }
            built.append(layer)
            names.append(name)
        }
        return try Sequential(built, names: names, loss: .softmax)
    }
}

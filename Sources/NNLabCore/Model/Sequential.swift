/// A network as a list of layers applied in order, with a classification loss on top and an
/// optional weight penalty: the model `train` fits and `gradcheck` can check end to end.
///
/// Shapes: x (N, ...) is the batch the first layer takes; scores (N, C) come out of the last;
/// labels y are N classes in 0..<C.
/// Loss: L = loss(scores, y) + sum over regularized parameters of the penalty (`Regularization`).
/// Backward runs the layers in reverse from dL/dscores; each layer sets its parameters' gradients,
/// to which the penalty's gradient is then added.
///
/// Parameters are named `<layer name>.<parameter>`: `layer1.w`, `layer1.b`, `layer3.gamma` by
/// default, or the names given (a network drawn with `net` uses its table's row names, `conv1.w`).
/// The model is a value: `let saved = model` keeps everything (parameters, batch norm's running
/// averages, caches); `checkpoint()` keeps the parameters only.
public struct Sequential: Sendable {
    public internal(set) var layers: [any Layer]
    /// One per layer, unique: the prefix of its parameters' names.
    public let names: [String]
    public var loss: LossKind
    public var regularization: Regularization?

    /// What one loss evaluation gave.
    public struct Evaluation: Sendable {
        /// dataLoss + penalty.
        public var loss: Double
        /// The loss of the scores alone.
        public var dataLoss: Double
        /// The weight penalty (0 without regularization).
        public var penalty: Double
        /// The last layer's output (N, C).
        public var scores: Tensor
    }

    public init(_ layers: [any Layer], names: [String]? = nil, loss: LossKind = .softmax,
                regularization: Regularization? = nil) throws {
        let names = names ?? layers.indices.map { "layer\($0 + 1)" }
        guard names.count == layers.count else {
            throw NumericsError.invalidShape("\(layers.count) layers but \(names.count) names")
        }
        guard Set(names).count == names.count else {
            throw NumericsError.invalidShape("two layers share a name: \(names.joined(separator: ", "))")
        }
        self.layers = layers
        self.names = names
        self.loss = loss
        self.regularization = regularization
    }

    /// Every layer's parameters in layer order, each named `<layer name>.<parameter>`.
    public var parameters: ParameterSet {
        var all: [Parameter] = []
        for (name, layer) in zip(names, layers) { all += layer.parameters.prefixed(name + ".").entries }
        return ParameterSet(unchecked: all)
    }

    /// How many numbers the model learns.
    public var parameterCount: Int { layers.reduce(0) { $0 + $1.parameters.scalarCount } }

    /// The shape of one example's scores for one example's input shape (no batch dimension).
    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        var shape = inputShape
        for layer in layers { shape = try layer.outputShape(for: shape) }
        return shape
    }

    /// The layers applied in order. Training-mode forwards draw dropout masks from `rng`, in layer
    /// order; test-mode forwards draw nothing.
    public mutating func forward(_ x: Tensor, mode: ForwardMode, rng: inout NumpyRandom) throws -> Tensor {
        var h = x
        for i in layers.indices { h = try layers[i].forward(h, mode: mode, rng: &rng) }
        return h
    }

    /// The layers' backward passes in reverse from dL/dscores; returns dL/dx and leaves every
    /// parameter's gradient set (without the penalty: `lossAndGradients` adds it).
    public mutating func backward(_ dscores: Tensor) throws -> Tensor {
        var d = dscores
        for i in layers.indices.reversed() { d = try layers[i].backward(d) }
        return d
    }

    /// Every parameter's gradient in `parameters`' order, without building their names (the
    /// training loop's global norm reads them every batch).
    public var gradients: [Tensor] {
        var all: [Tensor] = []
        for layer in layers { for p in layer.parameters.entries { all.append(p.gradient) } }
        return all
    }

    /// The penalty over every regularized parameter (0 without regularization).
    public var penalty: Double {
        guard let reg = regularization else { return 0 }
        var total = 0.0
        for layer in layers { for p in layer.parameters where p.regularized { total += reg.loss(p.value) } }
        return total
    }

    /// The loss of a batch without the backward pass (a validation loss in `.test` mode).
    public mutating func loss(_ x: Tensor, _ y: [Int], mode: ForwardMode, rng: inout NumpyRandom) throws -> Evaluation {
        let scores = try forward(x, mode: mode, rng: &rng)
        let data = try loss.value(scores, y)
        let p = penalty
        return Evaluation(loss: data + p, dataLoss: data, penalty: p, scores: scores)
    }

    /// A training-mode forward, the loss, and the backward pass: afterwards every parameter's
    /// gradient is dL/dparameter for this batch, penalty included.
    public mutating func lossAndGradients(_ x: Tensor, _ y: [Int], rng: inout NumpyRandom) throws -> Evaluation {
        let scores = try forward(x, mode: .train, rng: &rng)
        let (data, dscores) = try loss.evaluate(scores, y)
        // The layers' backward passes as `backward` runs them, except that the first layer's dx
        // (returned by `backward`, unused here) is not computed.
        var d = dscores
        for i in layers.indices.reversed() {
            if i == layers.startIndex { try layers[i].backwardParameters(d) } else { d = try layers[i].backward(d) }
        }
        var p = 0.0
        if let reg = regularization {
            for i in layers.indices {
                for j in layers[i].parameters.indices where layers[i].parameters[j].regularized {
                    let w = layers[i].parameters.entries[j].value
                    guard layers[i].parameters.entries[j].gradient.shape == w.shape else {
                        throw NumericsError.shapeMismatch(operation: "add", lhs: layers[i].parameters.entries[j].gradient.shape, rhs: w.shape)
                    }
                    p += reg.addGradient(of: w, to: &layers[i].parameters.entries[j].gradient)
                }
            }
        }
        return Evaluation(loss: data + p, dataLoss: data, penalty: p, scores: scores)
    }

    /// Test-mode scores for x (N, C): no dropout masks, batch norm with its running averages.
    public mutating func scores(_ x: Tensor) throws -> Tensor {
        var unused = NumpyRandom(seed: 0)  // a test-mode forward draws nothing (see `Layer`)
        return try forward(x, mode: .test, rng: &unused)
    }

    /// The predicted class of each example: the argmax of its test-mode scores.
    public mutating func predict(_ x: Tensor) throws -> [Int] { try scores(x).argmaxRows() }

    /// One step of `rule` on every parameter, in order, under the model's parameter names.
    public mutating func update(using rule: inout some UpdateRule) throws {
        for i in layers.indices {
            try layers[i].parameters.updateValues(prefix: names[i] + ".") { name, value, gradient in
                try rule.update(name, value: &value, gradient: gradient)
            }
        }
    }

    /// Sets every gradient to zero.
    public mutating func zeroGradients() {
        for i in layers.indices { layers[i].parameters.zeroGradients() }
    }

    /// A copy of the parameters' values and gradients (a checkpoint to `restore` later).
    public func checkpoint() -> ParameterSet { parameters }

    /// Puts back the values of a checkpoint of this model (same names and shapes).
    public mutating func restore(_ checkpoint: ParameterSet) throws {
        guard checkpoint.names == parameters.names else {
            throw NumericsError.invalidShape("the checkpoint holds \(checkpoint.names.joined(separator: ", ")), not this model's \(parameters.names.joined(separator: ", "))")
        }
        var k = 0
        for i in layers.indices {
            for j in layers[i].parameters.indices {
                try ParameterSet.sameShape(checkpoint[k].value, layers[i].parameters[j].value, "restoring \(checkpoint[k].name)")
                layers[i].parameters.entries[j].value = checkpoint[k].value
                k += 1
            }
        }
    }
}

/// An elementwise nonlinearity as a `Layer`: out = f(x), dx = dout * f'(x), for any shape (the
/// functions and derivatives are `Activation`'s).
///
/// For tanh, sigmoid and relu backward reads f' off the output (1 - y^2, (1 - y) y, [y > 0]) and
/// keeps only the output; the others keep the input. PReLU's slope is a learned parameter
/// `alpha` (shape [1], not regularized) with dL/dalpha = sum of dout * min(0, x); the other
/// functions have no parameters.
public struct ActivationLayer: Layer {
    /// The function; for PReLU its slope is `parameters["alpha"]`, which this value's alpha started.
    public let activation: Activation
    public var parameters: ParameterSet
    private var input: Tensor?, output: Tensor?

    public var kind: String { activation.name }

    public init(_ activation: Activation) {
        self.activation = activation
        if case let .prelu(alpha) = activation {
            // One parameter of one number: cannot clash.
            parameters = ParameterSet(unchecked: [Parameter(name: "alpha", value: Tensor(unchecked: [1], data: [alpha]))])
        } else {
            parameters = ParameterSet()
        }
    }

    /// The function with its current learned slope.
    public var current: Activation {
        if case .prelu = activation, let a = parameters.entries.first?.value.data.first { return .prelu(alpha: a) }
        return activation
    }

    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        _ = try Tensor.count(of: inputShape)
        return inputShape
    }

    public mutating func forward(_ x: Tensor, mode: ForwardMode, rng: inout NumpyRandom) throws -> Tensor {
        let f = current
        let out = f.forward(x)
        output = out
        input = f.backwardFromOutput ? nil : x
        return out
    }

    public mutating func backward(_ dout: Tensor) throws -> Tensor {
        guard let y = output else { throw noForward() }
        let f = current
        let dx = try f.backward(dout, input: input, output: y)
        if case .prelu = f, let x = input {
            parameters.entries[0].gradient = Tensor(unchecked: [1], data: [try f.alphaGradient(dout, input: x)])
        }
        return dx
    }
}

/// The activation functions by name: the one list that parsing, help, completion and settings
/// use. `activation(alpha:)` gives the function with its slope or scale; each kind's default is
/// the lecture's (leaky 0.01, PReLU's starting 0.25, ELU 1).
public enum ActivationKind: String, CaseIterable, Sendable, Codable {
    case sigmoid, tanh, relu, leaky, prelu, elu

    /// The slope (leaky, prelu) or scale (elu) used when none is given; nil for the others.
    public var defaultAlpha: Double? {
        switch self {
        case .sigmoid, .tanh, .relu: return nil
        case .leaky: return 0.01
        case .prelu: return 0.25
        case .elu: return 1
        }
    }

    public func activation(alpha: Double? = nil) -> Activation {
        switch self {
        case .sigmoid: return .sigmoid
        case .tanh: return .tanh
        case .relu: return .relu
        case .leaky: return .leaky(alpha: alpha ?? 0.01)
        case .prelu: return .prelu(alpha: alpha ?? 0.25)
        case .elu: return .elu(alpha: alpha ?? 1)
        }
    }

    /// Whether the function saturates (its derivative tends to 0 for large |x|): sigmoid and tanh
    /// on both sides, ELU for very negative inputs.
    public var saturates: Bool {
        switch self {
        case .sigmoid, .tanh, .elu: return true
        case .relu, .leaky, .prelu: return false
        }
    }
}

extension Activation {
    /// The kind of this function, without its parameter.
    public var kind: ActivationKind {
        switch self {
        case .sigmoid: return .sigmoid
        case .tanh: return .tanh
        case .relu: return .relu
        case .leaky: return .leaky
        case .prelu: return .prelu
        case .elu: return .elu
        }
    }
}

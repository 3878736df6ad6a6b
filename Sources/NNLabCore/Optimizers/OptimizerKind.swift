/// The update rules by name: one list feeding parsing, help, completion and errors.
public enum OptimizerKind: String, CaseIterable, Sendable, Codable {
    case sgd
    case momentum
    case momentumClassic = "momentum-classic"
    case nesterov
    case nesterovLookAhead = "nesterov-lookahead"
    case adagrad
    case rmsprop
    case rmspropNesterov = "rmsprop-nesterov"
    case adam
    case adamNoBias = "adam-nobias"

    /// The settings a rule reads; those it does not use are ignored by `make`.
    public struct Settings: Sendable, Equatable {
        public var learningRate: Double
        public var mu = 0.9
        public var decay = 0.9
        public var beta1 = 0.9
        public var beta2 = 0.999
        public init(learningRate: Double, mu: Double = 0.9, decay: Double = 0.9, beta1: Double = 0.9, beta2: Double = 0.999) {
            self.learningRate = learningRate; self.mu = mu; self.decay = decay; self.beta1 = beta1; self.beta2 = beta2
        }
    }

    /// The learning rate each rule starts with on the 2-D landscapes (the lectures' defaults are for
    /// networks: Adam's 1e-3 would take thousands of steps to cross a landscape of size 10). Chosen so
    /// that each rule is stable on the ravine x^2/20 + y^2, whose steep curvature is 2: plain SGD needs
    /// lr < 2/2 = 1; momentum's bound is (2 + 2 mu)/2 = 1.9, taken well below.
    public var defaultLearningRate: Double {
        switch self {
        case .sgd: return 0.1
        case .momentum, .momentumClassic, .nesterov, .nesterovLookAhead: return 0.1
        case .adagrad: return 1.0
        case .rmsprop, .rmspropNesterov: return 0.1
        case .adam, .adamNoBias: return 0.1
        }
    }

    /// Which optional settings the rule reads (for help and for refusing those that do not apply).
    public var reads: (mu: Bool, decay: Bool, betas: Bool) {
        switch self {
        case .sgd, .adagrad: return (false, false, false)
        case .momentum, .momentumClassic, .nesterov, .nesterovLookAhead: return (true, false, false)
        case .rmsprop: return (false, true, false)
        case .rmspropNesterov: return (true, true, false)
        case .adam, .adamNoBias: return (false, false, true)
        }
    }

    public var formula: String {
        switch self {
        case .sgd: return "x -= lr * dx"
        case .momentum: return "v = mu * v - lr * dx; x += v"
        case .momentumClassic: return "v = mu * v + dx; x -= lr * v"
        case .nesterov: return "v_prev = v; v = mu * v - lr * dx; x += -mu * v_prev + (1 + mu) * v"
        case .nesterovLookAhead: return "v = mu * v - lr * grad(x + mu * v); x += v"
        case .adagrad: return "cache += dx^2; x -= lr * dx / (sqrt(cache) + 1e-7)"
        case .rmsprop: return "cache = decay * cache + (1 - decay) * dx^2; x -= lr * dx / (sqrt(cache) + 1e-7)"
        case .rmspropNesterov: return "g = grad(x + mu v); r = decay r + (1 - decay) g^2; v = mu v - lr g / sqrt(1e-6 + r); x += v"
        case .adam: return "s = b1 s + (1-b1) dx; r = b2 r + (1-b2) dx^2; x -= lr (s/(1-b1^t)) / (sqrt(r/(1-b2^t)) + 1e-8)"
        case .adamNoBias: return "s = b1 s + (1-b1) dx; r = b2 r + (1-b2) dx^2; x -= lr s / (sqrt(r) + 1e-8)"
        }
    }

    public func make(_ s: Settings) -> any GradientStepRule {
        switch self {
        case .sgd: return GradientDescent(learningRate: s.learningRate)
        case .momentum: return Momentum(learningRate: s.learningRate, mu: s.mu)
        case .momentumClassic: return ClassicMomentum(learningRate: s.learningRate, rho: s.mu)
        case .nesterov: return Nesterov(learningRate: s.learningRate, mu: s.mu)
        case .nesterovLookAhead: return NesterovLookAhead(learningRate: s.learningRate, mu: s.mu)
        case .adagrad: return AdaGrad(learningRate: s.learningRate)
        case .rmsprop: return RMSProp(learningRate: s.learningRate, decay: s.decay)
        case .rmspropNesterov: return RMSPropNesterov(learningRate: s.learningRate, rho: s.decay, alpha: s.mu)
        case .adam: return Adam(learningRate: s.learningRate, beta1: s.beta1, beta2: s.beta2)
        case .adamNoBias: return Adam(learningRate: s.learningRate, beta1: s.beta1, beta2: s.beta2, biasCorrection: false)
        }
    }
}

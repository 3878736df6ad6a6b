import Foundation

/// Adam (Algorithm 8.7): t += 1; s = b1 s + (1 - b1) g; r = b2 r + (1 - b2) g^2;
/// s_hat = s / (1 - b1^t); r_hat = r / (1 - b2^t); x -= lr s_hat / (sqrt(r_hat) + eps),
/// with lr 1e-3, b1 0.9, b2 0.999, eps 1e-8.
///
/// Without bias correction (the lecture's "incomplete, but close" form, `biasCorrection: false`) the
/// first step is lr (1 - b1) g / (sqrt(1 - b2) |g| + eps): the corrected step lr sign(g) times
/// (1 - b1) / sqrt(1 - b2) = 0.1 / 0.0316 = 3.16 for the defaults.
///
/// Algorithm 8.7 as printed writes the moments into s_hat and r_hat (s_hat <- rho1 s + (1 - rho1) g);
/// read literally s and r stay 0, so every step would use only the current gradient,
/// s_hat = (1 - b1) g / (1 - b1^t). This type follows the intended algorithm.
public struct Adam: GradientStepRule {
    public var learningRate: Double
    public var beta1: Double
    public var beta2: Double
    public var epsilon: Double
    public var biasCorrection: Bool
    public private(set) var s: [Double] = []
    public private(set) var r: [Double] = []
    public private(set) var t = 0
    public private(set) var effectiveStep: [Double] = []
    public init(learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
                biasCorrection: Bool = true) {
        self.learningRate = learningRate; self.beta1 = beta1; self.beta2 = beta2; self.epsilon = epsilon
        self.biasCorrection = biasCorrection
    }

    public mutating func step(_ x: inout [Double], gradient: ([Double]) throws -> [Double]) rethrows {
        sized(&s, x.count)
        sized(&r, x.count)
        sized(&effectiveStep, x.count)
        let g = try gradient(x)
        t += 1
        let c1 = biasCorrection ? 1 - pow(beta1, Double(t)) : 1
        let c2 = biasCorrection ? 1 - pow(beta2, Double(t)) : 1
        for i in x.indices {
            s[i] = beta1 * s[i] + (1 - beta1) * g[i]
            r[i] = beta2 * r[i] + (1 - beta2) * g[i] * g[i]
            let sHat = s[i] / c1, rHat = r[i] / c2
            effectiveStep[i] = learningRate / (rHat.squareRoot() + epsilon)
            x[i] -= effectiveStep[i] * sHat
        }
    }
}

import Foundation
import NNLabCore

extension InitExperiment {
    /// What the activation statistics say about an initialization, decided per activation from the
    /// quantities that matter for it, in this order (the first that applies wins):
    ///
    /// 1. `overflow`: some layer's mean or std is not a finite number (overflow).
    /// 2. `collapse`: the last layer's std is 0 (every unit computes the same value), or below
    ///    `collapseStd` or below `collapseRatio` times the first layer's std.
    /// 3. `saturate` (tanh, sigmoid only): more than `saturatedFraction` of the last layer's units
    ///    have a local derivative below `flatDerivative` times its largest value
    ///    (tanh: 1 - h^2 < 0.1, i.e. |h| > 0.949; sigmoid: h (1 - h) < 0.025, i.e. h < 0.026 or h > 0.974).
    /// 4. `explode`: the last layer's std is above `explodeRatio` times the first's, or above `explodeStd`.
    /// 5. `shrink`: the last layer's std is below `shrinkRatio` times the first's.
    /// 6. `dead` (relu-like): more than `deadFraction` of the last layer's units are 0 for every example.
    /// 7. With the backward pass, `vanishingGradient` / `explodingGradient`: the std of the gradient
    ///    passed back to layer 1 is below `gradientShrink` / above `gradientGrowth` times the std of
    ///    the one passed back from the last layer.
    /// 8. `healthy` otherwise.
    public enum Verdict: String, Codable, CaseIterable, Sendable {
        case overflow, collapse, saturate, explode, shrink, dead
        case vanishingGradient = "vanishing-gradient", explodingGradient = "exploding-gradient"
        case healthy, interrupted
    }

    public enum Thresholds {
        public static let collapseStd = 1e-3, collapseRatio = 0.01
        public static let flatDerivative = 0.1, saturatedFraction = 0.5
        public static let explodeRatio = 100.0, explodeStd = 1e3
        public static let shrinkRatio = 0.25
        public static let deadFraction = 0.5
        public static let gradientShrink = 0.01, gradientGrowth = 100.0
    }

    /// Whether the activation squashes (tanh, sigmoid: a saturation verdict applies) and the largest
    /// value of its local derivative (1 for tanh, 1/4 for sigmoid).
    static func squashing(_ act: Activation) -> Double? {
        switch act {
        case .tanh: return 1
        case .sigmoid: return 0.25
        case .relu, .leaky, .prelu, .elu: return nil
        }
    }

    /// The local derivative read off the output h: tanh 1 - h^2, sigmoid h (1 - h); nil for the rectifiers.
    static func localDerivative(_ act: Activation, output h: Double) -> Double? {
        switch act {
        case .tanh: return 1 - h * h
        case .sigmoid: return h * (1 - h)
        case .relu, .leaky, .prelu, .elu: return nil
        }
    }

    static func verdict(_ layers: [Layer], act: Activation, gradients: Bool) -> (Verdict, String) {
        guard let first = layers.first, let last = layers.last else { return (.healthy, "") }
        typealias T = Thresholds
        func f(_ x: Double) -> String { x.isFinite ? String(format: "%.3g", x) : (x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf")) }
        func pct(_ x: Double) -> String { "\(Int((x * 100).rounded()))%" }
        let L = last.layer
        if let bad = layers.first(where: { !$0.mean.isFinite || !$0.std.isFinite }) {
            return (.overflow, "layer \(bad.layer)'s activations overflowed (mean \(f(bad.mean)), std \(f(bad.std))): "
                    + "the numbers are no longer finite, so no statistic from layer \(bad.layer) on means anything")
        }
        if last.std == 0 {
            return (.collapse, "every activation of layer \(L) is \(SharedValue.g(last.mean)) (std 0): all units compute the same value "
                    + "and get the same gradient, so nothing tells them apart")
        }
        if last.std < T.collapseStd || last.std < T.collapseRatio * first.std {
            return (.collapse, "the std falls from \(f(first.std)) to \(f(last.std)) by layer \(L) (below \(f(T.collapseStd)) or 1% of layer 1's): "
                    + "the activations sit at \(f(last.mean)) and carry almost no signal")
        }
        if let top = squashing(act), let flat = last.flat, flat > T.saturatedFraction {
            let rule = act == .tanh ? "1 - h^2" : "h(1 - h)"
            return (.saturate, "\(pct(flat)) of layer \(L)'s activations have a local derivative \(rule) below \(f(T.flatDerivative * top)) "
                    + "(a tenth of its largest value, \(f(top))): those units pass back almost no gradient")
        }
        if last.std > T.explodeRatio * first.std || last.std > T.explodeStd {
            return (.explode, "the std grows from \(f(first.std)) to \(f(last.std)) by layer \(L) (\(f(last.std / first.std))x): "
                    + "the activations, and the gradients through them, explode")
        }
        if last.std < T.shrinkRatio * first.std {
            let hint = squashing(act) == nil ? "; a rectifier passes on only part of each layer's variance, which He's 2/n makes up for" : ""
            return (.shrink, "the std shrinks from \(f(first.std)) to \(f(last.std)) by layer \(L) (below a quarter of layer 1's)\(hint)")
        }
        if squashing(act) == nil, let dead = last.dead, dead > T.deadFraction {
            return (.dead, "\(pct(dead)) of layer \(L)'s units are 0 for every example: dead units get no gradient and never recover")
        }
        let forward = "std \(f(first.std)) -> \(f(last.std)) over \(layers.count) layers, \(f(last.std / first.std))x, "
            + "within \(f(T.shrinkRatio)) to \(f(T.explodeRatio))x of layer 1's"
        if gradients, let topG = last.grad_x_std, let bottomG = first.grad_x_std, topG > 0, topG.isFinite, bottomG.isFinite {
            let ratio = bottomG / topG
            if ratio < T.gradientShrink {
                return (.vanishingGradient, "the activations keep their scale (\(forward)), but the gradient passed back shrinks to "
                        + "\(f(ratio)) of its size from layer \(L) to layer 1 (std \(f(topG)) -> \(f(bottomG))): the first layers get basically no updates")
            }
            if ratio > T.gradientGrowth {
                return (.explodingGradient, "the activations keep their scale (\(forward)), but the gradient passed back grows "
                        + "\(f(ratio))x from layer \(L) to layer 1 (std \(f(topG)) -> \(f(bottomG)))")
            }
        }
        return (.healthy, "the activations keep their scale (\(forward))")
    }
}

/// `0.5`, `0`: the value every activation shares, written as a person would.
enum SharedValue {
    static func g(_ x: Double) -> String {
        var s = String(format: "%.6g", x)
        if s == "-0" { s = "0" }
        return s
    }
}

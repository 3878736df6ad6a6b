import XCTest
import NNLabCore
@testable import NNLabExperiments

/// Issue 11 §2: the verdict of `init` is decided per activation from the statistics it prints.
final class InitVerdictTests: XCTestCase {
    static let acts: [Activation] = [.tanh, .sigmoid, .relu, .leaky(alpha: 0.01), .prelu(alpha: 0.25), .elu(alpha: 1)]
    static let schemes: [InitExperiment.Scheme] = [.zero, .small, .big, .xavier, .he]

    /// The verdict the printed numbers imply, by the rules written in `InitExperiment.Verdict`'s
    /// documentation, recomputed here from the layer statistics alone.
    static func implied(_ layers: [InitExperiment.Layer], squashing: Bool) -> String {
        let first = layers[0], last = layers[layers.count - 1]
        if layers.contains(where: { !$0.mean.isFinite || !$0.std.isFinite }) { return "overflow" }
        if last.std == 0 || last.std < 1e-3 || last.std < 0.01 * first.std { return "collapse" }
        if squashing, (last.flat ?? 0) > 0.5 { return "saturate" }
        if last.std > 100 * first.std || last.std > 1e3 { return "explode" }
        if last.std < 0.25 * first.std { return "shrink" }
        if !squashing, (last.dead ?? 0) > 0.5 { return "dead" }
        if let top = last.grad_x_std, let bottom = first.grad_x_std, top > 0 {
            if bottom / top < 0.01 { return "vanishing-gradient" }
            if bottom / top > 100 { return "exploding-gradient" }
        }
        return "healthy"
    }

    /// What each combination should give, from how each scheme scales and each activation behaves:
    /// zero weights make every unit equal; 0.01 * randn shrinks the signal ~ 0.01 sqrt(n) per layer
    /// (collapse), except that sigmoid's outputs sit near 0.5 with a steady spread while its
    /// derivative (at most 1/4) shrinks the gradient; 1.0 * randn saturates the squashing functions
    /// and blows up the rectifiers; Xavier's 1/n halves a ReLU layer's second moment (shrink) but
    /// suits tanh, while sigmoid's local derivative (at most 1/4) times weights of std 1/sqrt(n) or
    /// sqrt(2/n) still shrinks the gradient passed back layer by layer; He's 2/n
    /// keeps the rectifiers' scale.
    static let expected: [String: [String]] = [
        //          zero        small                 big         xavier                 he
        "tanh":    ["collapse", "collapse",           "saturate", "healthy",             "healthy"],
        "sigmoid": ["collapse", "vanishing-gradient", "saturate", "vanishing-gradient",  "vanishing-gradient"],
        "relu":    ["collapse", "collapse",           "explode",  "shrink",              "healthy"],
        "leaky":   ["collapse", "collapse",           "explode",  "shrink",              "healthy"],
        "prelu":   ["collapse", "collapse",           "explode",  "shrink",              "healthy"],
        "elu":     ["collapse", "collapse",           "explode",  "healthy",             "healthy"],
    ]

    func testEverySchemeAndActivationGetsTheVerdictItsNumbersImply() throws {
        for act in Self.acts {
            for (k, scheme) in Self.schemes.enumerated() {
                var rng = NumpyRandom(seed: 0)
                let r = try InitExperiment.run(.init(scheme: scheme, act: act, width: 200, batch: 200, gradients: true), rng: &rng)
                let squashing = act == .tanh || act == .sigmoid
                XCTAssertEqual(r.verdict, Self.implied(r.layers, squashing: squashing), "\(scheme.name) \(act.name): \(r.verdict_text)")
                XCTAssertEqual(r.verdict, Self.expected[act.name]?[k], "\(scheme.name) \(act.name): \(r.verdict_text)")
                // The verdict names the number it rests on.
                switch r.verdict {
                case "saturate": XCTAssertTrue(r.verdict_text.contains("\(Int(((r.layers.last?.flat ?? 0) * 100).rounded()))%"))
                case "explode", "shrink", "healthy", "vanishing-gradient":
                    XCTAssertTrue(r.verdict_text.contains(String(format: "%.3g", r.layers.last?.std ?? 0)), r.verdict_text)
                default: break
                }
                // Rectifiers never get the saturation verdict nor tanh's derivative in their text.
                if !squashing { XCTAssertFalse(r.verdict_text.contains("1 - h^2"), r.verdict_text) }
            }
        }
    }

    /// Schemes given as a number (the std): no expected table, but the verdict must still be the one
    /// its printed statistics imply, and name the number it rests on.
    func testNumericSchemesGetTheVerdictTheirNumbersImply() throws {
        for act in Self.acts {
            for std in [0.0, 0.03, 0.07, 0.2, 3.0] {
                var rng = NumpyRandom(seed: 1)
                let r = try InitExperiment.run(.init(scheme: .std(std), act: act, layers: 6, width: 100, batch: 100, gradients: true), rng: &rng)
                let squashing = act == .tanh || act == .sigmoid
                XCTAssertEqual(r.verdict, Self.implied(r.layers, squashing: squashing), "std \(std) \(act.name): \(r.verdict_text)")
                if !squashing { XCTAssertNotEqual(r.verdict, "saturate") }
                if squashing { XCTAssertNotEqual(r.verdict, "dead") }
            }
        }
    }

    static func layer(_ n: Int, mean: Double = 0, std: Double, flat: Double? = nil, dead: Double? = nil, gx: Double? = nil) -> InitExperiment.Layer {
        InitExperiment.Layer(layer: n, mean: mean, std: std, saturated: 0, zeros: 0, flat: flat, dead: dead, histogram: [], grad_w_std: nil, grad_x_std: gx)
    }

    /// Each rule fires just above its stated threshold and not just below it (hand-made statistics).
    func testEachRuleFlipsAtItsThreshold() {
        typealias E = InitExperiment
        func v(_ layers: [E.Layer], _ act: Activation, grad: Bool = false) -> String { E.verdict(layers, act: act, gradients: grad).0.rawValue }
        func L(_ n: Int, mean: Double = 0, std: Double, flat: Double? = nil, dead: Double? = nil, gx: Double? = nil) -> E.Layer {
            Self.layer(n, mean: mean, std: std, flat: flat, dead: dead, gx: gx)
        }
        // saturate: flat fraction over 1/2, tanh and sigmoid only.
        XCTAssertEqual(v([L(1, std: 0.6, flat: 0.1), L(2, std: 0.6, flat: 0.51)], .tanh), "saturate")
        XCTAssertEqual(v([L(1, std: 0.6, flat: 0.1), L(2, std: 0.6, flat: 0.49)], .tanh), "healthy")
        XCTAssertEqual(v([L(1, std: 0.3, flat: 0.1), L(2, std: 0.3, flat: 0.51)], .sigmoid), "saturate")
        // explode: 100x the first layer's std.
        XCTAssertEqual(v([L(1, std: 1), L(2, std: 101)], .relu), "explode")
        XCTAssertEqual(v([L(1, std: 1), L(2, std: 99)], .relu), "healthy")
        XCTAssertEqual(v([L(1, std: 20), L(2, std: 1001)], .relu), "explode")  // above 1e3 absolute
        // shrink: below a quarter; collapse: below 1% or 1e-3.
        XCTAssertEqual(v([L(1, std: 1), L(2, std: 0.24)], .relu), "shrink")
        XCTAssertEqual(v([L(1, std: 1), L(2, std: 0.26)], .relu), "healthy")
        XCTAssertEqual(v([L(1, std: 1), L(2, std: 0.009)], .relu), "collapse")
        XCTAssertEqual(v([L(1, std: 0.05), L(2, std: 0.0009)], .tanh), "collapse")
        // dead: over half the units 0 for every example, rectifiers only.
        XCTAssertEqual(v([L(1, std: 1, dead: 0), L(2, std: 1, dead: 0.51)], .relu), "dead")
        XCTAssertEqual(v([L(1, std: 1, dead: 0), L(2, std: 1, dead: 0.49)], .relu), "healthy")
        // gradients: 1/100 and 100x of the top layer's, only with the backward pass.
        XCTAssertEqual(v([L(1, std: 1, gx: 0.009), L(2, std: 1, gx: 1)], .tanh, grad: true), "vanishing-gradient")
        XCTAssertEqual(v([L(1, std: 1, gx: 0.011), L(2, std: 1, gx: 1)], .tanh, grad: true), "healthy")
        XCTAssertEqual(v([L(1, std: 1, gx: 101), L(2, std: 1, gx: 1)], .elu(alpha: 1), grad: true), "exploding-gradient")
        XCTAssertEqual(v([L(1, std: 1, gx: 101), L(2, std: 1, gx: 1)], .elu(alpha: 1), grad: false), "healthy")
        // non-finite comes first, whatever else the numbers say.
        XCTAssertEqual(v([L(1, std: 1), L(2, std: .infinity, flat: 1)], .tanh), "overflow")
        XCTAssertEqual(v([L(1, mean: .nan, std: 1), L(2, std: 0)], .relu), "overflow")
    }

    /// `act sigmoid` says the local factor (at most 1/4) shrinks the gradient but the weights can grow
    /// it back: with 1.0 * randn weights the gradient passed back through 10 sigmoid layers grows.
    func testSigmoidLayersCanGrowTheGradient() throws {
        let p = try ActivationExperiment.profile("sigmoid", at: [-1, 0, 1], alpha: nil, maxout: .init())
        XCTAssertTrue(p.properties.contains { $0.contains("local factor alone") && $0.contains("can shrink the gradient or grow it") }, "\(p.properties)")
        var rng = NumpyRandom(seed: 0)
        let r = try InitExperiment.run(.init(scheme: .big, act: .sigmoid, width: 200, batch: 200, gradients: true), rng: &rng)
        let top = r.layers.last?.grad_x_std ?? 1, bottom = r.layers.first?.grad_x_std ?? 0
        XCTAssertGreaterThan(bottom / top, 1, "the weights outgrow sigmoid's factor 1/4 per layer")
    }

    func testSigmoidAtZeroSaysItsActivationsAreOneHalf() throws {
        var rng = NumpyRandom(seed: 0)
        let r = try InitExperiment.run(.init(scheme: .zero, act: .sigmoid, width: 50, batch: 60), rng: &rng)
        XCTAssertEqual(r.verdict, "collapse")
        XCTAssertTrue(r.verdict_text.contains("is 0.5 (std 0)"), r.verdict_text)  // sigmoid(0) = 1/2
    }

    func testOverflowIsNamedBeforeAnyStatistic() throws {
        // std 1e6 per weight over 50 inputs multiplies the scale by ~ 1e6 * sqrt(25) per ReLU layer: inf by layer 60.
        var rng = NumpyRandom(seed: 0)
        let r = try InitExperiment.run(.init(scheme: .std(1e6), act: .relu, layers: 60, width: 50, batch: 50, gradients: false), rng: &rng)
        XCTAssertEqual(r.verdict, "overflow", r.verdict_text)
        XCTAssertTrue(r.verdict_text.contains("1.8e308"), r.verdict_text)
    }

    func testDeadUnitsAreCounted() {
        // Two examples, three units: unit 1 is 0 on both examples (dead), the others are not.
        let h = try! Tensor(shape: [2, 3], data: [0, 0, 2, 1, 0, 0])
        let s = InitExperiment.statistics(h, layer: 1, act: .relu)
        XCTAssertNotNil(s)
        XCTAssertEqual(s?.dead ?? -1, 1.0 / 3, accuracy: 1e-12)
        XCTAssertNil(s?.flat)
        // tanh: |h| > 0.9487 has 1 - h^2 < 0.1.
        let t = try! Tensor(shape: [1, 4], data: [0.96, -0.95, 0.94, 0])
        XCTAssertEqual(InitExperiment.statistics(t, layer: 1, act: .tanh)?.flat ?? -1, 0.5, accuracy: 1e-12)
    }
}

/// Issue 11 §3: a large step across relu's kink is not called a wrong analytic gradient.
final class GradcheckStepTests: XCTestCase {
    func testALargeStepBlamesTheNumericDifferenceOnlyWhenTheSmallStepAgrees() throws {
        for name in ["relu", "leaky", "sigmoid", "affine"] {
            for h in [1e-5, 1e-2, 0.5] {
                var rng = NumpyRandom(seed: 0)
                let r = try GradientCheck.run([name], rng: &rng, h: h)
                for row in r.rows {
                    if row.verdict == "step too large" {
                        XCTAssertGreaterThan(h, GradientCheck.smallStep)
                        XCTAssertLessThan(row.error_at_small_h ?? 1, 1e-6, "\(name) \(row.input)")
                    } else {
                        XCTAssertEqual(row.verdict, GradientCheck.verdict(row.relative_error), "\(name) \(row.input) h=\(h)")
                    }
                    if h == 1e-5 { XCTAssertNil(row.error_at_small_h) }
                }
            }
        }
        var rng = NumpyRandom(seed: 0)
        let relu = try GradientCheck.run(["relu"], rng: &rng, h: 0.5)
        XCTAssertEqual(relu.rows.first?.verdict, "step too large")
        XCTAssertGreaterThan(relu.rows.first?.kinks_crossed ?? 0, 0)
    }
}

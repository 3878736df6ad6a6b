import Foundation
import NNLabCore

/// Dropout's expectation, proved and measured. For one neuron a = w0 x0 + ... + w(n-1) x(n-1) whose
/// inputs are each kept with probability p, the expected training-time output is the sum over all
/// 2^n masks of P(mask) * a(mask) = p * (w0 x0 + ... ), because each term w_i x_i survives in exactly
/// the masks that keep input i, whose probabilities add up to p. So at test time, with every unit on,
/// scaling by p (vanilla) or dividing by p during training (inverted) makes test output equal the
/// expected training output.
public enum DropoutExperiment {
    public struct MaskTerm: Codable, Sendable, Equatable {
        /// 1 = kept, 0 = dropped, one per input.
        public var mask: [Int]
        public var probability: String
        /// `w0*x + w1*0`
        public var term: String
    }
    public struct MonteCarlo: Codable, Sendable, Equatable {
        public var samples: Int
        public var average: Double
        public var error: Double
    }
    public struct Report: Codable, Sendable, Equatable {
        public var p: String
        public var p_value: Double
        public var n: Int
        public var mode: String
        public var masks: [MaskTerm]
        /// The coefficient of each w_i x_i in E[a], summed exactly: all equal to p (vanilla), or to
        /// p * (1/p) = 1 (inverted, whose kept terms are divided by p).
        public var coefficients: [String]
        /// `E[a] = 1/4 (w0*0 + w1*0) + ... = 1/2 (w0*x + w1*y)`; inverted:
        /// `E[a] = 1/4 (w0*0 + w1*0) + 1/4 (w0*0 + w1*y/(1/2)) + ... = w0*x + w1*y, the test-time output`
        public var proof: String
        public var weights: [Double], inputs: [Double]
        public var a_test: Double
        public var expected_train: Double
        public var monte_carlo: [MonteCarlo]
        /// Vanilla: test output p * a_test; inverted: training divides by p, test output a_test.
        public var vanilla_test: Double, inverted_expected_train: Double, inverted_test: Double
        /// The lecture's 3-layer network: predict() against the average of many train_step() outputs.
        public var network_predict: [Double]
        public var network_train_average: [Double]
        /// max |diff| / max |average| over the outputs.
        public var network_max_relative_difference: Double
        /// Largest |average of U1 * H1 - p * H1| (the first layer, where the expectation is exact).
        public var first_layer_max_error: Double
        /// Masked passes of the 3-layer network the averages are over (20,000 unless interrupted).
        public var network_trials: Int
        /// Ctrl-C stopped the Monte Carlo part: `monte_carlo` ends at the samples drawn and the
        /// network averages cover `network_trials` passes only.
        public var interrupted: Bool
        /// Where p came from, set by the command: "argument", "drop=", "setting" or "default" (the
        /// lecture's 1/2).
        public var p_from: String = "argument"
    }

    static func names(_ n: Int) -> [String] { n == 2 ? ["x", "y"] : (0..<n).map { "x\($0)" } }

    public static func run(keep p: Fraction, n: Int, mode: Dropout.Mode, rng: inout NumpyRandom, interrupt: InterruptFlag? = nil) throws -> Report {
        guard p.numerator > 0, p.numerator <= p.denominator else {
            throw NumericsError.outOfRange("the keep probability must be in (0, 1], got \(p)")
        }
        let q = try Fraction(1) - p
        // Inverted dropout divides each kept activation by p during training: the terms carry 1/p.
        let inverted = mode == .inverted
        let overP = try Fraction(p.denominator, p.numerator)
        let pText = p.denominator == 1 ? p.description : "(\(p))"
        let xs = names(n)
        var masks: [MaskTerm] = []
        var coeff = [Fraction](repeating: try Fraction(0), count: n)
        var total = try Fraction(0)
        for m in 0..<(1 << n) {
            // Input 0 is the highest bit, so the masks come in the lecture's order: 00, 01, 10, 11.
            let bits = (0..<n).map { (m >> (n - 1 - $0)) & 1 }
            let kept = bits.reduce(0, +)
            let prob = try p.power(kept) * (try q.power(n - kept))
            total = try total + prob
            for i in 0..<n where bits[i] == 1 { coeff[i] = try coeff[i] + (inverted ? prob * overP : prob) }
            let term = (0..<n).map { bits[$0] == 1 ? "w\($0)*\(xs[$0])\(inverted ? "/" + pText : "")" : "w\($0)*0" }
                .joined(separator: " + ")
            if masks.count < 64 { masks.append(MaskTerm(mask: bits, probability: prob.description, term: term)) }
        }
        guard total == (try Fraction(1)) else { throw NumericsError.invalidShape("mask probabilities sum to \(total), not 1") }
        let full = (0..<n).map { "w\($0)*\(xs[$0])" }.joined(separator: " + ")
        var proof = "E[a] = "
        if n <= 3 {
            proof += masks.map { "\($0.probability) (\($0.term))" }.joined(separator: " + ")
        } else {
            proof += "sum over \(1 << n) masks of P(mask) * a(mask)"
        }
        let allSame = Set(coeff).count == 1
        if allSame, coeff[0] == (try Fraction(1)) {
            proof += " = \(full), the test-time output"
        } else {
            proof += allSame ? " = \(coeff[0]) (\(full))" : " = " + (0..<n).map { "\(coeff[$0]) w\($0)*\(xs[$0])" }.joined(separator: " + ")
        }

        // Numbers: random weights and inputs.
        let w = (0..<n).map { _ in rng.randn() }, x = (0..<n).map { _ in rng.randn() }
        let aTest = zip(w, x).map(*).reduce(0, +)
        let pv = p.value
        var mc: [MonteCarlo] = []
        var sum = 0.0, drawn = 0
        var stopped = false
        for target in [10, 100, 1_000, 10_000, 100_000] where !stopped {
            while drawn < target {
                if interrupt?.isRaised == true { stopped = true; break }
                var a = 0.0
                for i in 0..<n where rng.rand() < pv { a += w[i] * x[i] }
                sum += mode == .inverted ? a / pv : a
                drawn += 1
            }
            // An interrupted row is the average over the samples actually drawn, and says how many.
            guard drawn > 0 else { break }
            let avg = sum / Double(drawn)
            let expected = mode == .inverted ? aTest : pv * aTest
            mc.append(MonteCarlo(samples: drawn, average: avg, error: abs(avg - expected)))
        }

        // The lecture's 3-layer example: H1 = relu(W1 x + b1) * U1, H2 = relu(W2 H1 + b2) * U2, out = W3 H2 + b3.
        let d = 10, h = 20, c = 3
        let w1 = try Tensor.randn([h, d], using: &rng) * (2.0 / Double(d)).squareRoot()
        let w2 = try Tensor.randn([h, h], using: &rng) * (2.0 / Double(h)).squareRoot()
        let w3 = try Tensor.randn([c, h], using: &rng) * (1.0 / Double(h)).squareRoot()
        let b1 = try Tensor.randn([h, 1], using: &rng) * 0.1, b2 = try Tensor.randn([h, 1], using: &rng) * 0.1
        let b3 = try Tensor(shape: [c, 1])
        let input = try Tensor.randn([d, 1], using: &rng)
        func relu(_ t: Tensor) -> Tensor { Activation.relu.forward(t) }
        // predict: every unit on, activations scaled (vanilla) or left alone (inverted).
        let s = mode == .vanilla ? pv : 1
        let p1 = relu(try w1.matmul(input) + b1) * s
        let p2 = relu(try w2.matmul(p1) + b2) * s
        let predict = try w3.matmul(p2) + b3
        var avg = [Double](repeating: 0, count: c)
        let h1Clean = relu(try w1.matmul(input) + b1)
        var firstAvg = [Double](repeating: 0, count: h)
        let trials = 20_000
        var done = 0
        for _ in 0..<trials where !stopped {
            if interrupt?.isRaised == true { stopped = true; break }
            var h1 = relu(try w1.matmul(input) + b1)
            let u1 = try Dropout.mask(like: h1, keep: pv, rng: &rng)
            h1 = try Dropout.forwardTrain(h1, mask: u1, keep: pv, mode: mode)
            for k in 0..<h { firstAvg[k] += h1.data[k] }
            var h2 = relu(try w2.matmul(h1) + b2)
            let u2 = try Dropout.mask(like: h2, keep: pv, rng: &rng)
            h2 = try Dropout.forwardTrain(h2, mask: u2, keep: pv, mode: mode)
            let out = try w3.matmul(h2) + b3
            for k in 0..<c { avg[k] += out.data[k] }
            done += 1
        }
        // Averages over the passes made (never over the 20,000 planned when Ctrl-C cut it short).
        avg = done == 0 ? [] : avg.map { $0 / Double(done) }
        firstAvg = done == 0 ? [] : firstAvg.map { $0 / Double(done) }
        let rel = (zip(predict.data, avg).map { abs($0 - $1) }.max() ?? 0) / max(avg.map(abs).max() ?? 0, 1e-12)
        let firstExpected = h1Clean.data.map { mode == .vanilla ? $0 * pv : $0 }
        let firstError = zip(firstAvg, firstExpected).map { abs($0 - $1) }.max() ?? 0
        return Report(p: p.description, p_value: pv, n: n, mode: mode.rawValue, masks: masks, coefficients: coeff.map(\.description),
                      proof: proof, weights: w, inputs: x, a_test: aTest, expected_train: mode == .inverted ? aTest : pv * aTest,
                      monte_carlo: mc, vanilla_test: pv * aTest, inverted_expected_train: aTest, inverted_test: aTest,
                      network_predict: predict.data, network_train_average: avg, network_max_relative_difference: rel,
                      first_layer_max_error: firstError, network_trials: done, interrupted: stopped)
    }
}

import Foundation
import NNLabCore
import NNLabExperiments

// `batchnorm`, `preprocess` and `dropout`: the one-time setup experiments besides `init`.

public struct BatchnormCommand: Command {
    public static let spec = CommandSpec(
        name: "batchnorm", topic: .setup,
        summary: "batch normalization on features of very different scales: before and after, the identity, running averages, gradients",
        discussion: """
            Four features drawn with scales 1, 10, 100 and 0.01 and means 5, -20, 300 and 0.5 go through a \
            batch norm layer: each comes out with mean 0 and variance 1 (slightly less: var/(var + eps)). \
            Setting gamma = sqrt(var + eps) and beta = mean gives the input back, so the layer can learn to \
            undo itself. Test mode uses running averages, moved towards each batch's statistics by \
            running = momentum * running + (1 - momentum) * batch; the table shows them converging. Last, \
            the backward pass (the lecture's formulas) against numeric gradients.
            """,
        arguments: [
            .keyword("n", .integer(2...100_000), default: "200", help: "examples in the first batch"),
            .keyword("batch", .integer(2...10_000), default: "32", help: "size of the later mini-batches"),
            .keyword("batches", .integer(1...10_000), default: "100", help: "mini-batches for the running averages"),
            .keyword("momentum", .real(0...1, exclusiveLower: false), default: "0.9", help: "running-average momentum"),
        ],
        fields: [
            FieldDoc("n, batch, momentum", "the setup"),
            FieldDoc("features", "per feature: feature, mean_before, var_before, mean_after, var_after"),
            FieldDoc("identity_max_error", "largest |y - x| with gamma = sqrt(var + eps), beta = mean"),
            FieldDoc("running", "after some batches: batches, mean_error (in stds), var_error (relative)"),
            FieldDoc("test_vs_train_max_diff", "largest difference between test-mode and train-mode outputs on a fresh batch"),
            FieldDoc("gradcheck_error", "relative error of the backward pass against numeric gradients"),
        ],
        examples: [Example("batchnorm", "normalize four very different features and watch the running averages converge")])

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        try BatchNormExperiment.run(rng: &context.session.rng, n: try args.int("n"), batch: try args.int("batch"),
                                    batches: try args.int("batches"), momentum: try args.real("momentum"),
                                    interrupt: context.interrupt)
    }
}

extension BatchNormExperiment.Report: CommandOutput {
    public func renderText(_ style: TextStyle) -> String {
        func g(_ x: Double) -> String { Format.sci3(x) }
        var t = Table(["feature", "mean before", "var before", "mean after", "var after"], align: [.right, .right, .right, .right, .right])
        for f in features { t.add(["\(f.feature)", g(f.mean_before), g(f.var_before), g(f.mean_after), g(f.var_after)]) }
        var r = Table(["batches", "running mean error (stds)", "running var error"], align: [.right, .right, .right])
        for x in running { r.add(["\(x.batches)", g(x.mean_error), g(x.var_error)]) }
        return [style.bold("batch normalization of \(n) examples, 4 features"),
                t.render(style, indent: "  "),
                "  a feature whose variance is near eps = 1e-5 comes out with variance var/(var + eps) < 1 (feature 3 here)",
                "  identity: with gamma = sqrt(var + eps) and beta = mean the output equals the input to \(Format.sci(identity_max_error))",
                style.bold("test mode") + ": running averages with momentum \(Format.number(momentum)), batches of \(batch)",
                r.render(style, indent: "  "),
                "  test-mode output against train-mode output on a fresh batch: largest difference \(g(test_vs_train_max_diff))",
                "  backward pass against numeric gradients: relative error \(Format.sci(gradcheck_error)) (\(GradientCheck.verdict(gradcheck_error)))",
        ].joined(separator: "\n")
    }
}

public struct PreprocessCommand: Command {
    public static let spec = CommandSpec(
        name: "preprocess", topic: .setup,
        summary: "zero-centre, normalize, decorrelate (PCA) and whiten a 2-D cloud; mean image and splits on the digits",
        discussion: """
            A correlated 2-D Gaussian cloud goes through each preprocessing step; after each the mean and \
            covariance are printed: zero-centring moves the mean to 0, normalizing makes both variances 1, \
            PCA rotates onto the principal axes (the covariance becomes diagonal), whitening divides by \
            sqrt(eigenvalue) (the covariance becomes the identity). Then the 8x8 digits (Alpaydin and Kaynak, \
            UCI, CC BY 4.0): the mean image versus the single per-channel mean, statistics computed on the \
            training split only and applied to validation, and the mean estimated from M random images against \
            the full mean as M grows.
            """,
        arguments: [.keyword("n", .integer(10...100_000), default: "500", help: "points in the cloud")],
        fields: [
            FieldDoc("n", "points"),
            FieldDoc("steps", "per step: step, mean, covariance, points"),
            FieldDoc("eigenvalues", "of the cloud's covariance, largest first"),
            FieldDoc("digits_train, digits_val, digits_test", "split sizes (60/20/20, seed 0)"),
            FieldDoc("mean_image", "the 64 pixels of the mean training image"),
            FieldDoc("channel_mean", "one mean over every pixel"),
            FieldDoc("val_mean_after_train_mean", "validation mean after subtracting the training mean image"),
            FieldDoc("samples", "m, rms_error: the mean of M random training images against the full mean"),
        ],
        examples: [Example("preprocess", "each step on a 2-D cloud, then the digits")])

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        let digits: Digits
        do { digits = try Digits.bundled() } catch { throw CommandError("\(error)") }
        return try PreprocessExperiment.run(rng: &context.session.rng, n: try args.int("n"), digits: digits)
    }
}

extension PreprocessExperiment.Report: CommandOutput {
    public func renderText(_ style: TextStyle) -> String {
        func g(_ x: Double) -> String { String(format: "%.3f", x) }
        var t = Table(["step", "mean", "var x", "var y", "cov"], align: [.left, .left, .right, .right, .right])
        for s in steps {
            t.add([s.step, "(\(g(s.mean[0])), \(g(s.mean[1])))", g(s.covariance[0][0]), g(s.covariance[1][1]), g(s.covariance[0][1])])
        }
        var out = [style.bold("preprocessing a correlated 2-D cloud of \(n) points"), t.render(style, indent: "  ")]
        out.append("  principal variances (eigenvalues): \(eigenvalues.map(g).joined(separator: ", "))")
        for name in ["original", "whitened"] {
            guard let s = steps.first(where: { $0.step == name }) else { continue }
            var plot = Plot(width: 41, height: 12)
            plot.add("*", name, s.points.map { ($0[0], $0[1]) })
            out.append(plot.render(style))
        }
        out.append(style.bold("digits") + ": \(digits_train) training, \(digits_val) validation, \(digits_test) test images (statistics from the training split only)")
        out.append("  mean image (8x8, darker = larger):")
        let shades: [Character] = [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"]
        let top = max(mean_image.max() ?? 1, 1e-12)
        for r in 0..<8 {
            out.append("    " + String((0..<8).flatMap { c -> [Character] in
                let v = mean_image[r * 8 + c] / top
                let ch = shades[min(9, Int(v * 9.99))]
                return [ch, ch]
            }))
        }
        out.append("  per-channel mean (one number for a gray image): \(g(channel_mean))")
        out.append("  validation mean after subtracting the training mean image: \(Format.sci3(val_mean_after_train_mean)) (close to 0, not exactly: it was not computed from validation)")
        var s = Table(["M images", "RMS error of their mean"], align: [.right, .right])
        for x in samples { s.add(["\(x.m)", g(x.rms_error)]) }
        out.append(s.render(style, indent: "  "))
        out.append(style.dim("  the error shrinks roughly like 1/sqrt(M) (faster as M nears the \(digits_train) training images, since the sample then is almost all of them): a mean from a random sample is close to the full one"))
        return out.joined(separator: "\n")
    }
}

public struct DropoutCommand: Command {
    public static let spec = CommandSpec(
        name: "dropout", topic: .setup,
        summary: "dropout's expectation: every mask written out, E[a] = p * (test-time output), then measured",
        discussion: """
            P is the probability of KEEPING a unit, as in the lecture's code (U = np.random.rand(*H.shape) < p). \
            Some slides speak of the probability of dropping; drop=0.2 means keep 0.8. For one neuron \
            a = w0 x + w1 y (n=2), every mask is listed with its probability p^k (1-p)^(n-k) and its term, and \
            the sum is done in exact fractions: E[a] = p (w0 x + w1 y). Then numbers: a Monte Carlo average over \
            more and more masks converging to p a_test; vanilla dropout scaling by p at test time; inverted \
            dropout dividing by p during training; and the lecture's 3-layer network, predict() against the \
            average of many train_step() passes (close but not equal: the ReLUs in between are not linear). \
            Sets the session's dropout.
            """,
        arguments: [
            .positional("P", .text, optional: true, help: "probability of keeping a unit: 0.5, 0.25, 1/3 ... (default 0.5)"),
            .keyword("drop", .text, help: "probability of dropping a unit instead (keep = 1 - drop)"),
            .keyword("n", .integer(1...10), default: "2", help: "inputs of the neuron (2^n masks)"),
            .keyword("mode", .choice(["vanilla", "inverted"]), default: "vanilla", help: "scale at test time, or divide by p in training"),
        ],
        fields: [
            FieldDoc("p, p_value, n, mode", "the setup (p as a fraction and as a number)"),
            FieldDoc("masks", "each mask: mask (1 kept, 0 dropped), probability, term"),
            FieldDoc("coefficients", "the exact coefficient of each w_i x_i in E[a]"),
            FieldDoc("proof", "the sum written out"),
            FieldDoc("weights, inputs, a_test, expected_train", "the numeric example"),
            FieldDoc("monte_carlo", "samples, average, error against the expectation"),
            FieldDoc("vanilla_test, inverted_expected_train, inverted_test", "test-time outputs of both schemes"),
            FieldDoc("network_predict, network_train_average, network_max_relative_difference, first_layer_max_error", "the 3-layer example"),
        ],
        examples: [
            Example("dropout 0.5", "the lecture's proof: E[a] = 1/2 (w0*x + w1*y)"),
            Example("dropout 0.25 n=3", "eight masks, E[a] = 1/4 (...)"),
            Example("dropout drop=0.2 mode=inverted", "keep 0.8, inverted dropout"),
        ],
        complete: { previous, _ in previous.isEmpty ? ["0.5", "0.25", "0.75"] : nil })

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        let keep: Fraction
        if case let .text(d)? = args.value("drop") {
            if args.value("P") != nil { throw CommandError("give the keep probability P or drop=, not both; e.g. dropout 0.5 or dropout drop=0.5") }
            guard let f = Fraction.parse(d), f.numerator >= 0, f.numerator < f.denominator else {
                throw CommandError("drop must be a probability in [0, 1) like 0.2 or 1/5, got '\(d)'; e.g. dropout drop=0.2")
            }
            keep = try Fraction(1) - f
        } else if case let .text(p)? = args.value("P") {
            guard let f = Fraction.parse(p), f.numerator > 0, f.numerator <= f.denominator else {
                throw CommandError("P is the probability of keeping a unit, a number in (0, 1] like 0.5 or 1/3, got '\(p)'; e.g. dropout 0.5")
            }
            keep = f
        } else {
            keep = try Fraction(1, 2)
        }
        let mode: Dropout.Mode = try args.word("mode") == "inverted" ? .inverted : .vanilla
        let report = try DropoutExperiment.run(keep: keep, n: try args.int("n"), mode: mode, rng: &context.session.rng, interrupt: context.interrupt)
        context.session.set("dropout", Format.number(keep.value))
        return report
    }
}

extension DropoutExperiment.Report: CommandOutput {
    public func renderText(_ style: TextStyle) -> String {
        let xs = n == 2 ? ["x", "y"] : (0..<n).map { "x\($0)" }
        let neuron = (0..<n).map { "w\($0)*\(xs[$0])" }.joined(separator: " + ")
        var out = [style.bold("dropout, keep probability p = \(p)") + " (\(mode)); one neuron a = \(neuron)"]
        var t = Table(["mask", "P(mask)", "a under the mask"], align: [.left, .right, .left])
        for m in masks.prefix(16) { t.add([m.mask.map(String.init).joined(), m.probability, m.term]) }
        out.append(t.render(style, indent: "  "))
        if masks.count > 16 { out.append("  ... \(1 << n) masks in all") }
        out.append("  " + proof)
        out.append("  each w_i x_i appears in the masks that keep input i; their probabilities add up to \(coefficients.first ?? p) = p")
        func g(_ x: Double) -> String { Format.short6(x) }
        out.append(style.bold("numbers") + ": w = (\(weights.map(g).joined(separator: ", "))), \(xs.joined(separator: ", ")) = (\(inputs.map(g).joined(separator: ", "))), test-time a = \(g(a_test))")
        var m = Table(["masks averaged", "average a", "error against \(mode == "inverted" ? "a_test" : "p * a_test")"], align: [.right, .right, .right])
        for r in monte_carlo { m.add(["\(r.samples)", g(r.average), Format.sci3(r.error)]) }
        out.append(m.render(style, indent: "  "))
        out.append("  vanilla: training output averages p * a = \(g(p_value * a_test)); at test time multiply by p: \(g(vanilla_test)) (equal)")
        out.append("  inverted: training divides by p, so it averages a = \(g(inverted_expected_train)); test time leaves a alone: \(g(inverted_test)) (equal)")
        out.append(style.bold("3-layer network") + " (H1 = relu(W1 x + b1) with mask U1, H2 likewise with U2, out = W3 H2 + b3):")
        out.append("  predict():                      (\(network_predict.map(g).joined(separator: ", ")))")
        out.append("  average of 20000 train_step()s: (\(network_train_average.map(g).joined(separator: ", ")))")
        out.append("  first layer: the average of U1 * H1 over the masks is p * H1 to \(Format.sci3(first_layer_max_error)) (exact in expectation)")
        out.append("  whole network: they differ by \(String(format: "%.1f", network_max_relative_difference * 100))% of the largest output: the scaled pass is exact for one linear step, but a ReLU of an average is not the average of ReLUs, so through several layers it is only an approximation of the ensemble")
        return out.joined(separator: "\n")
    }
}

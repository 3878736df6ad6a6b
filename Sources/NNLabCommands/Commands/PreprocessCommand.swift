import Foundation
import NNLabCore
import NNLabExperiments

/// `preprocess`: zero-centring, normalization, PCA and whitening; the digits' mean image.
public struct PreprocessCommand: Command {
    static let n = Arg.integer("n", 10...100_000, default: 500, help: "points in the cloud")

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
            the full mean as M grows. `save FILE.svg` then draws the cloud after each step (up to 500 points \
            each, the ones the JSON's steps hold).
            """,
        arguments: [n.spec],
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
        let report = try PreprocessExperiment.run(rng: &context.session.rng, n: try args.value(n), digits: digits)
        context.session.lastFigure = report.figure()
        return report
    }
}

extension PreprocessExperiment.Report {
    /// The 2-D cloud after each step, one panel per step.
    func figure() -> Figure {
        let r = self
        return Figure.lazy(title: "preprocessing") {
            let panel = 300.0, cols = 3
            let rows = (r.steps.count + cols - 1) / cols
            var b = SVGBuilder(width: Double(cols) * (panel + 40) + 40, height: Double(rows) * (panel + 60) + 50,
                               title: "preprocessing a correlated 2-D cloud of \(r.n) points")
            for (i, s) in r.steps.enumerated() {
                let x = 50 + Double(i % cols) * (panel + 40), y = 60 + Double(i / cols) * (panel + 60)
                b.scatter(s.points.map { (x: $0[0], y: $0[1], color: "#4a7ab5") }, box: (x, y, panel, panel),
                          title: s.step, xLabel: "", logX: false)
            }
            return b.figure(title: "preprocessing")
        }
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
        return out.joined(separator: "\n").fitted(style)
    }
}

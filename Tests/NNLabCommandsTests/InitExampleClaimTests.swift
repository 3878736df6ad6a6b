import XCTest
@testable import NNLabCommands

/// Issue 11 §3: each `help init` example says what its result shows; this runs the example as
/// written and checks that claim on the numbers it prints.
final class InitExampleClaimTests: XCTestCase {
    func num(_ v: JSONValue?) -> Double { if case let .number(d)? = v { return d }; return .nan }
    func str(_ v: JSONValue?) -> String { if case let .string(s)? = v { return s }; return "" }

    func layers(_ r: JSONValue, _ key: String) -> [Double] {
        guard case let .array(a)? = r["layers"] else { return [] }
        return a.map { num($0[key]) }
    }

    /// The example's text, so a reworded help page is noticed here.
    func claim(_ line: String) -> String {
        InitCommand.spec.examples.first { $0.line == line }?.explanation ?? ""
    }

    func testXavierKeepsTheScaleAndHeKeepsReLU() throws {
        for line in ["init xavier", "init he act=relu", "init small bn=on"] {
            let r = try result(line)
            XCTAssertEqual(str(r["verdict"]), "healthy", line)
            let std = layers(r, "std")
            XCTAssertGreaterThan(std.last ?? 0, 0.25 * (std.first ?? 1), line)
        }
        XCTAssertTrue(claim("init xavier").contains("keep their scale"))
    }

    func testSmallCollapsesTheActivationsAndTheGradientPassedBack() throws {
        XCTAssertTrue(claim("init small grad=on").contains("so does the gradient passed back"))
        let r = try result("init small grad=on")
        XCTAssertEqual(str(r["verdict"]), "collapse")
        let gx = layers(r, "grad_x_std")
        XCTAssertLessThan((gx.first ?? 1) / (gx.last ?? 1), 1e-3, "passed back to layer 1 against layer 10")
    }

    func testBigSaturatesTanhWhileTheGradientPassedBackGrows() throws {
        XCTAssertTrue(claim("init big grad=on").contains("grows"))
        let r = try result("init big grad=on")
        XCTAssertEqual(str(r["verdict"]), "saturate")
        XCTAssertGreaterThan(layers(r, "flat").last ?? 0, 0.5)
        let gx = layers(r, "grad_x_std")
        XCTAssertGreaterThan((gx.first ?? 0) / (gx.last ?? 1), 10)
    }

    /// Var(W) = 1/n through a ReLU: each layer keeps half the second moment, so the variance
    /// (not the std) roughly halves from one layer to the next.
    func testXavierWithReLUHalvesTheVariance() throws {
        XCTAssertTrue(claim("init xavier act=relu").contains("variance halves"))
        let r = try result("init xavier act=relu")
        XCTAssertEqual(str(r["verdict"]), "shrink")
        let std = layers(r, "std")
        for k in 1..<std.count {
            let ratio = (std[k] * std[k]) / (std[k - 1] * std[k - 1])
            XCTAssertEqual(ratio, 0.5, accuracy: 0.08, "layer \(k + 1) over layer \(k)")
        }
    }

    func testZeroKeepsEveryUnitIdentical() throws {
        let r = try result("init zero")
        XCTAssertEqual(str(r["verdict"]), "collapse")
        XCTAssertEqual(num(r["symmetry.distinct_from_zero"]), 1)
        XCTAssertEqual(num(r["symmetry.distinct_from_equal"]), 1)
        XCTAssertEqual(num(r["symmetry.distinct_from_random"]), num(r["symmetry.hidden_units"]))
    }

    /// The ReLU histograms' words against their numbers: a line says "log" exactly when the
    /// layer's counts are drawn on a log scale, and "N outside" with the layer's outside count.
    func testReLUHistogramLabelsAreTrueOfTheCounts() throws {
        var i = Interpreter()
        guard case let .success(c, out)? = i.execute(line: "init he act=relu layers=4 width=80 batch=200").last else { return XCTFail("init failed") }
        let text = out.renderText(TextStyle(color: false, width: 80, wide: false))
        let r = try i.resultValue(command: c, output: out)
        guard case let .array(ls)? = r["layers"] else { return XCTFail("no layers") }
        let lines = text.split(separator: "\n").map(String.init)
        for (k, l) in ls.enumerated() {
            let line = try XCTUnwrap(lines.first { $0.hasPrefix(String(format: "  %2d  |", k + 1)) }, "layer \(k + 1)")
            guard case let .bool(log)? = l["histogram_log"], case let .array(counts)? = l["histogram"] else { return XCTFail("fields") }
            let bins = counts.map { num($0) }
            XCTAssertEqual(log, (bins.max() ?? 0) > 0.5 * bins.reduce(0, +), "layer \(k + 1)")
            XCTAssertEqual(line.contains(" log"), log, line)
            let outside = Int(num(l["histogram_outside"]))
            XCTAssertEqual(line.contains("; \(outside) outside"), outside > 0, line)
            XCTAssertGreaterThan(outside, 0, "a ReLU layer's largest 0.1% lie beyond its range")
        }
        XCTAssertTrue(text.contains("log: counts drawn as log(1 + count)"), text)
        XCTAssertTrue(lines.allSatisfy { $0.count <= 80 }, text)
    }
}

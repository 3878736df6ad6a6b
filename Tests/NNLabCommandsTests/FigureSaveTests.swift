import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import NNLabCommands

/// `save FILE.svg` after each command that draws: the file is well-formed SVG (parsed with
/// XMLParser) and holds as many bars or points as the result it draws has rows.
final class FigureSaveTests: XCTestCase {
    /// Elements of an SVG document, counted by name and class.
    final class Census: NSObject, XMLParserDelegate {
        var root: String?
        var bars: [Double] = []
        var points = 0, circles = 0, references: [Double] = []
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            if root == nil { root = name }
            if name == "rect", attributes["class"] == "bar" { bars.append(Double(attributes["data-value"] ?? "") ?? .nan) }
            if name == "circle" { circles += 1; if attributes["class"] == "point" { points += 1 } }
            if name == "line", attributes["class"] == "reference" { references.append(Double(attributes["data-value"] ?? "") ?? .nan) }
        }
    }

    /// Runs `line`, then `save` into a scratch file, and parses what was written.
    func saved(_ line: String, file: StaticString = #filePath, lineNo: UInt = #line) throws -> (Census, JSONValue) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nnlab-figures-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("f.svg").path
        var i = Interpreter()
        var value: JSONValue = .null
        for o in i.execute(line: line) {
            switch o {
            case let .success(c, out): value = try i.resultValue(command: c, output: out)
            case let .failure(e): XCTFail("`\(line)` failed: \(e)", file: file, line: lineNo)
            case .quit: break
            }
        }
        for o in i.execute(line: "save \(path)") {
            if case let .failure(e) = o { XCTFail("save after `\(line)` failed: \(e)", file: file, line: lineNo) }
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let parser = XMLParser(data: data)
        let census = Census()
        parser.delegate = census
        XCTAssertTrue(parser.parse(), "well-formed XML after `\(line)`: \(parser.parserError.map { "\($0)" } ?? "")", file: file, line: lineNo)
        XCTAssertEqual(census.root, "svg", file: file, line: lineNo)
        return (census, value)
    }

    func count(_ v: JSONValue?) -> Int? { if case let .array(a)? = v { return a.count } else { return nil } }

    func testArchDrawsMemoryAndParameterBarsPerLayer() throws {
        let (c, r) = try saved("arch lenet5")
        let layers = try XCTUnwrap(count(r["layers"]))
        XCTAssertEqual(layers, 8, "INPUT, C1, S2, C3, S4, C5, F6, OUTPUT")
        XCTAssertEqual(c.bars.count, 2 * layers, "one memory bar and one parameter bar per layer")
        // C1: 28x28x6 = 4,704 numbers at 4 bytes = 18,816 bytes; its parameters (5*5*1 + 1)*6 = 156.
        XCTAssertEqual(c.bars[1], 18_816)
        XCTAssertEqual(c.bars[layers + 1], 156)
    }

    func testArchComparisonDrawsOneBarPerNetwork() throws {
        let (c, r) = try saved("arch alexnet vgg16 resnet50")
        XCTAssertEqual(count(r["networks"]), 3)
        XCTAssertEqual(c.bars.count, 6)
        XCTAssertEqual(c.bars[4], 138_357_544, "VGG-16's parameters, biases counted")
    }

    func testNetDrawsItsLayers() throws {
        let (c, _) = try saved("net new 32x32x3 conv 10 5 1 2, relu, pool 2 2, fc 10")
        XCTAssertEqual(c.bars.count, 2 * 5, "INPUT and four layers")
        XCTAssertEqual(c.bars[5 + 1], 760, "the lecture's 760 parameters of ten 5x5x3 filters")
    }

    func testDropoutDrawsTheMonteCarloAverages() throws {
        let (c, r) = try saved("dropout 0.5")
        XCTAssertEqual(c.points, try XCTUnwrap(count(r["monte_carlo"])))
        guard case let .number(a)? = r["a_test"] else { return XCTFail() }
        XCTAssertEqual(try XCTUnwrap(c.references.first), 0.5 * a, accuracy: 1e-12, "the expectation p * a_test, dashed")
    }

    func testBatchnormDrawsFeaturesAndRunningAverages() throws {
        let (c, r) = try saved("batchnorm n=50 batch=8 batches=10")
        XCTAssertEqual(c.bars.count, 8, "variance before and after for each of the 4 features")
        XCTAssertEqual(c.points, 2 * (try XCTUnwrap(count(r["running"]))), "mean and variance errors per row")
        guard case let .number(v)? = r["features[2].var_before"] else { return XCTFail() }
        XCTAssertEqual(c.bars[2], v, accuracy: abs(v) * 1e-12)
    }

    func testPreprocessDrawsEveryStep() throws {
        let (c, r) = try saved("preprocess n=40")
        guard case let .array(steps)? = r["steps"] else { return XCTFail() }
        let points = steps.map { count($0["points"]) ?? 0 }.reduce(0, +)
        XCTAssertEqual(points, 40 * steps.count, "40 points in each step")
        XCTAssertEqual(c.circles, points)
    }

    func testSaveNamesEveryDrawingCommand() {
        for name in ["init", "batchnorm", "preprocess", "dropout", "arch", "net", "descend", "race", "newton", "lbfgs", "search", "curves", "train"] {
            XCTAssertTrue(SaveCommand.spec.discussion.contains(name), "help save names \(name)")
        }
    }

    func testFiguresAreBuiltOnlyWhenSaved() throws {
        // The figure keeps how to draw itself: running arch leaves a figure whose SVG is made on demand.
        var i = Interpreter()
        _ = i.execute(line: "arch vgg16")
        let f = try XCTUnwrap(i.context.session.lastFigure)
        XCTAssertTrue(f.svg.hasPrefix("<svg"))
    }
}

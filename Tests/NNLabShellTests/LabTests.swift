import Foundation
import XCTest
import NNLabCommands
@testable import NNLabShell

/// Every lab in labs/ runs here, one test per file so a failure names the lab.
/// Adding a lab means adding its line below; `testEveryLabHasATest` fails until you do.
final class LabTests: XCTestCase {
    static let labsWithTests = ["conv-arithmetic", "lenet5", "alexnet", "vgg16", "googlenet", "resnet", "backprop", "activations", "gradcheck",
                                 "init-tanh", "init-relu", "batchnorm", "preprocessing", "dropout",
                                 "optimizers", "adaptive", "schedules", "second-order", "data", "augmentation",
                                 "regularization", "clipping", "ensembles", "transfer", "hard-mining"]

    func testConvArithmetic() { runLab("conv-arithmetic") }
    func testLeNet5() { runLab("lenet5") }
    func testAlexNet() { runLab("alexnet") }
    func testVGG16() { runLab("vgg16") }
    func testGoogLeNet() { runLab("googlenet") }
    func testResNet() { runLab("resnet") }
    func testBackprop() { runLab("backprop") }
    func testActivations() { runLab("activations") }
    func testGradcheck() { runLab("gradcheck") }
    func testInitTanh() { runLab("init-tanh") }
    func testInitReLU() { runLab("init-relu") }
    func testBatchNorm() { runLab("batchnorm") }
    func testPreprocessing() { runLab("preprocessing") }
    func testDropout() { runLab("dropout") }
    func testOptimizers() { runLab("optimizers") }
    func testAdaptive() { runLab("adaptive") }
    func testSchedules() { runLab("schedules") }
    func testSecondOrder() { runLab("second-order") }
    func testData() { runLab("data") }
    func testAugmentation() { runLab("augmentation") }
    func testRegularization() { runLab("regularization") }
    func testClipping() { runLab("clipping") }
    func testEnsembles() { runLab("ensembles") }
    func testTransfer() { runLab("transfer") }
    func testHardMining() { runLab("hard-mining") }

    func testEveryLabHasATest() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: packageRoot + "/labs")
            .filter { $0.hasSuffix(".lab") }.map { String($0.dropLast(4)) }.sorted()
        XCTAssertEqual(files, Self.labsWithTests.sorted(), "each lab needs a test method in LabTests")
    }
}

let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

func runLab(_ name: String, file: StaticString = #filePath, line: UInt = #line) {
    let path = packageRoot + "/labs/\(name).lab"
    var interpreter = Interpreter()
    let runner = LabRunner(mode: .quiet, printer: Printer(out: BufferSink(), err: BufferSink()))
    let report = runner.run(path: path, interpreter: &interpreter)
    XCTAssertGreaterThan(report.checks, 0, "\(name).lab has no checks", file: file, line: line)
    for f in report.failures { XCTFail(f, file: file, line: line) }
}

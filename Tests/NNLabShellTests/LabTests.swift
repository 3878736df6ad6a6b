import Foundation
import XCTest
import NNLabCommands
@testable import NNLabShell

/// Every lab in labs/ runs here, one test per file so a failure names the lab.
/// Adding a lab means adding its test method below; `testEveryLabHasATest` fails until you do.
final class LabTests: XCTestCase {
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
    func testRandom() { runLab("random") }
    func testAugmentation() { runLab("augmentation") }
    func testRegularization() { runLab("regularization") }
    func testClipping() { runLab("clipping") }
    func testQuiz() { runLab("quiz") }
    func testSanityChecks() { runLab("sanity-checks") }
    func testLearningRate() { runLab("learning-rate") }
    func testDigitsMLP() { runLab("digits-mlp") }
    func testDigitsConvnet() { runLab("digits-convnet") }
    func testHyperparameterSearch() { runLab("hyperparameter-search") }
    func testEnsembles() { runLab("ensembles") }
    func testTransfer() { runLab("transfer") }
    func testHardMining() { runLab("hard-mining") }

    /// The labs the test methods of this file run (read from its source, so a lab named in a list
    /// but never run by a method cannot pass unnoticed) against the lab files.
    func testEveryLabHasATest() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: packageRoot + "/labs")
            .filter { $0.hasSuffix(".lab") }.map { String($0.dropLast(4)) }.sorted()
        let source = try String(contentsOfFile: #filePath, encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: #"^    func test\w+\(\) \{ runLab\("([^"]+)"\) \}$"#, options: [.anchorsMatchLines])
        let ran = pattern.matches(in: source, range: NSRange(source.startIndex..., in: source)).compactMap { m in
            Range(m.range(at: 1), in: source).map { String(source[$0]) }
        }
        XCTAssertEqual(Set(ran).count, ran.count, "a lab is run by two methods")
        XCTAssertEqual(ran.sorted(), files, "each lab needs a test method `func testName() { runLab(\"name\") }` in LabTests")
    }
}

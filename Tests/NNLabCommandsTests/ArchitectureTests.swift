import XCTest
import NNLabCore
@testable import NNLabExperiments
@testable import NNLabCommands

/// Totals against independent sources: torchvision's published parameter counts (which include
/// batch-norm gamma/beta and all biases), the VGG paper's Table 2, and hand derivations.
final class ArchitectureTests: XCTestCase {
    func testParameterCountsMatchTorchvision() throws {
        let published = ["resnet18": 11_689_512, "resnet34": 21_797_672, "resnet50": 25_557_032, "resnet101": 44_549_160,
                         "resnet152": 60_192_808, "vgg11": 132_863_336, "vgg13": 133_047_848, "vgg16": 138_357_544,
                         "vgg19": 143_667_240]
        for (name, count) in published {
            XCTAssertEqual(try ArchitectureZoo.build(name).params, count, name)
        }
    }

    func testAlexNetByHand() throws {
        let r = try ArchitectureZoo.build("alexnet", countBiases: false)
        // 11*11*3*96 + 5*5*96*256 + 3*3*256*384 + 3*3*384*384 + 3*3*384*256 + 6*6*256*4096 + 4096*4096 + 4096*1000
        let byHand = 34_848 + 614_400 + 884_736 + 1_327_104 + 884_736 + 37_748_736 + 16_777_216 + 4_096_000
        XCTAssertEqual(r.params, byHand)
        XCTAssertEqual(r.layers[1].macs, 55 * 55 * 96 * 363)
    }

    func testGoogLeNetInceptionByHand() throws {
        let r = try ArchitectureZoo.build("googlenet")
        let a = try XCTUnwrap(r.layers.first { $0.name == "inception (3a)" })
        // On 28x28x192: 192*64 + 192*96 + 3*3*96*128 + 192*16 + 5*5*16*32 + 192*32
        XCTAssertEqual(a.weights, 12_288 + 18_432 + 110_592 + 3_072 + 12_800 + 6_144)
        XCTAssertEqual(a.macs, 28 * 28 * a.weights)
        XCTAssertEqual(a.out_d, 64 + 128 + 32 + 32)
        XCTAssertEqual(r.depth, 22)
    }

    func testResNetFLOPsNearTheLectureAndDepths() throws {
        // Exact multiply-adds (convs and the fc, 224x224x3, the paper's Table 1 with downsampling in each
        // stage's first block and 1x1 projection shortcuts) from an independent loop over Table 1 written
        // in Python (scripts/derivations/resnet_macs.py); parameters are torchvision's resnet18...152 counts. The paper prints GFLOPs to one
        // decimal, truncating some (3.66 -> 3.6, 3.86 -> 3.8) and rounding others (7.57 -> 7.6), so the
        // comparison with its figure allows its last digit: 0.1e9.
        let expected: [(Int, Int, Int, Double)] = [
            (18, 1_814_073_344, 11_689_512, 1.8), (34, 3_663_761_408, 21_797_672, 3.6), (50, 3_857_973_248, 25_557_032, 3.8),
            (101, 7_570_194_432, 44_549_160, 7.6), (152, 11_282_415_616, 60_192_808, 11.3),
        ]
        for (depth, macs, params, paper) in expected {
            let r = try ArchitectureZoo.build("resnet\(depth)")
            XCTAssertEqual(r.depth, depth)
            XCTAssertEqual(r.macs, macs, "resnet\(depth)")
            XCTAssertEqual(r.params, params, "resnet\(depth)")
            XCTAssertEqual(Double(r.macs) / 1e9, paper, accuracy: 0.1, "resnet\(depth) against the paper's printed GFLOPs")
        }
    }

    func testBiasOptionAndVGGTableTwo() throws {
        let with = try ArchitectureZoo.build("vgg16"), without = try ArchitectureZoo.build("vgg16", countBiases: false)
        XCTAssertEqual(with.params - without.params, 64 * 2 + 128 * 2 + 256 * 3 + 512 * 6 + 4096 * 2 + 1000)
        for (name, m) in [("vgg11", 133), ("vgg11-lrn", 133), ("vgg13", 133), ("vgg16-c", 134), ("vgg16", 138), ("vgg19", 144)] {
            XCTAssertEqual((Double(try ArchitectureZoo.build(name).params) / 1e6).rounded(), Double(m), name)
        }
    }

    func testEveryLectureFigureIsComputedNotAssumed() throws {
        // The VGG memory total is the one the slide got wrong; the per-layer list must agree.
        let r = try ArchitectureZoo.build("vgg16")
        XCTAssertEqual(r.lecture.first { $0.what.hasPrefix("per-layer") }?.agrees, true)
        XCTAssertEqual(r.lecture.first { $0.what.hasPrefix("total activation") }?.agrees, false)
        XCTAssertTrue(r.lecture.allSatisfy { $0.agrees || !$0.explanation.isEmpty }, "a difference always says why")
        // 24,000,000 * 4 bytes = 96,000,000 bytes = 96 MB (91.6 MiB): neither is the slide's 93MB.
        let memory = r.lecture.first { $0.what.hasPrefix("total activation") }?.explanation ?? ""
        XCTAssertTrue(memory.contains("would itself be 96 MB (91.6 MiB), not 93MB"), memory)
        // The lecture's ResNet recipe prints weight decay 1e-5; He et al. 2015 (section 3.4) use 1e-4.
        let resnet = try ArchitectureZoo.build("resnet50").lecture.first { $0.what.contains("weight decay") }
        XCTAssertEqual(resnet?.agrees, false)
        XCTAssertEqual(resnet?.printed, "1e-5")
        XCTAssertTrue(resnet?.explanation.contains("10 times the lecture's") == true, resnet?.explanation ?? "")
    }

    func testNetCommandBuildsAndRefusesWithTheFormula() throws {
        var i = Interpreter()
        _ = i.execute(line: "net new 32x32x3 conv 10 5 1 2, relu, pool 2 2, fc 10")
        XCTAssertEqual(i.session.network?.layers.count, 4)
        guard case let .failure(e) = i.execute(statement: "net add pool 3 2") else { return XCTFail() }
        XCTAssertEqual(e.description, "net: pool5 (max pool 3/2) on 1x1 does not fit: the 3x3 window is larger than the padded input (1)")
        XCTAssertEqual(i.session.network?.layers.count, 4, "a refused layer leaves the network as it was")
        guard case let .failure(e2) = i.execute(statement: "net new 6x6x16 pool 3 2") else { return XCTFail() }
        XCTAssertEqual(e2.description, "net: pool1 (max pool 3/2) on 6x6 does not fit: (6 - 3 + 2*0)/2 + 1 = 2.5")
        _ = i.execute(line: "net undo; net undo")
        XCTAssertEqual(i.session.network?.layers.count, 2)
        let r = try result("net new 32x32x3 conv 10 5 1 2, bn, pool 2, flatten, fc 10")
        // conv: 760; bn: 2*10; fc: 16*16*10*10 + 10
        XCTAssertEqual(r["params"], .number(Double(760 + 20 + 25_600 + 10)))
        for (line, fragment) in [("net add fc 10", "no network yet"), ("net new 32", "needs a depth"), ("net new 32x32x3 cnv 3", "did you mean conv?"),
                                 ("net new 32x32x3 conv 10", "needs the filter size"), ("net new 32x32x3 fc 0", "from 1 to"),
                                 ("net new 32x32x3 conv 4 2 1 same", "odd filter"), ("net new 32x32x3 relu 3", "takes no numbers"),
                                 ("net new 32x32x3 dropout 2", "(0, 1]"), ("net new 32x32x3 conv 1, fc 2", "needs the filter size"),
                                 ("net new 32x32x3 , relu", "empty layer"), ("net add", "no network yet")] {
            let m = errorMessage(line)
            XCTAssertTrue(m?.contains(fragment) == true, "\(line): \(m ?? "succeeded")")
        }
    }

    func testFCvsConv() throws {
        let r = try result("fc-vs-conv")
        XCTAssertEqual(r["inputs"], .number(3072))          // 32*32*3
        XCTAssertEqual(r["fc_weights"], .number(30_720))    // 10*3072
        XCTAssertEqual(r["conv_weights_per_filter"], .number(75))  // 5*5*3
        XCTAssertEqual(r["conv_output"], .string("28x28x10"))
    }
}

import XCTest
@testable import NNLabCommands

/// Every setting changes every command documented to read it (`Setting.readers`), and an argument
/// typed on the line still wins. Expected values are the lecture's numbers or worked by hand.
final class SettingsEffectTests: XCTestCase {
    /// Runs statements on one interpreter and returns the last result.
    func last(_ line: String, file: StaticString = #filePath, lineNo: UInt = #line) throws -> JSONValue {
        try result(line, file: file, lineNo: lineNo)
    }

    // init: `init` without a scheme, `model` without init=.
    func testInitSettingReachesInit() throws {
        XCTAssertEqual(try last("set init he; init layers=2 width=10 batch=5")["scheme"], .string("he"))
        XCTAssertEqual(try last("set init he; init xavier layers=2 width=10 batch=5")["scheme"], .string("xavier"), "a typed scheme wins")
    }

    func testInitSettingReachesModel() throws {
        XCTAssertEqual(try last("set init he; data digits; model 64-20-10")["initialization"], .string("he"))
        XCTAssertEqual(try last("data digits; model 64-20-10")["initialization"], .string("xavier"), "the default is xavier")
    }

    // act: `init` without act=, `model` without act=.
    func testActSettingReachesInit() throws {
        XCTAssertEqual(try last("set act relu; init layers=2 width=10 batch=5")["act"], .string("relu"))
        XCTAssertEqual(try last("init layers=2 width=10 batch=5")["act"], .string("tanh"))
    }

    func testActSettingReachesModel() throws {
        XCTAssertEqual(try last("set act relu; data digits; model 64-20-10")["layers[1].layer"], .string("relu"))
        XCTAssertEqual(try last("data digits; model 64-20-10")["layers[1].layer"], .string("tanh"))
    }

    // dropout: `dropout` without P, `model` without dropout=, net's dropout layer without P.
    func testDropoutSettingReachesDropout() throws {
        let r = try last("set dropout 0.3; dropout")
        XCTAssertEqual(r["p"], .string("3/10"))
        XCTAssertEqual(r["p_from"], .string("setting"))
        // With 2 inputs and p = 3/10, the mask keeping both has probability (3/10)^2 = 9/100.
        XCTAssertEqual(r["masks[3].probability"], .string("9/100"))
        let d = try last("dropout")
        XCTAssertEqual(d["p"], .string("1/2"), "while the setting is 1 (no dropout) the lecture's 1/2")
        XCTAssertEqual(d["p_from"], .string("default"))
    }

    func testDropoutSettingReachesModel() throws {
        XCTAssertEqual(try last("set dropout 0.5; data digits; model 64-20-10")["layers[2].layer"], .string("dropout 0.5"))
        let none = try last("data digits; model 64-20-10")
        XCTAssertEqual(none["layers"].flatMap { if case let .array(a) = $0 { return a.count } else { return nil } }, 3,
                       "fc, tanh, fc: no dropout layer while the setting is 1")
        XCTAssertEqual(try last("set dropout 0.5; data digits; model 64-20-10 dropout=1")["layers[2].layer"], .string("fc 10"), "a typed dropout= wins")
    }

    func testDropoutSettingReachesNetDropoutLayer() throws {
        XCTAssertEqual(try last("set dropout 0.3; net new 8x8x1 fc 10, dropout")["layers[2].detail"], .string("keep 0.3"))
        XCTAssertEqual(try last("net new 8x8x1 fc 10, dropout")["layers[2].detail"], .string("keep 0.5"))
    }

    // bias: conv, arch, net parameter counts.
    func testBiasSettingReachesConv() throws {
        // The lecture's ten 5x5 filters on 32x32x3: (5*5*3 + 1) * 10 = 760 with biases, 5*5*3*10 = 750 without.
        XCTAssertEqual(try last("conv 32x32x3 5 1 2 10")["params"], .number(760))
        let off = try last("set bias off; conv 32x32x3 5 1 2 10")
        XCTAssertEqual(off["params"], .number(750))
        XCTAssertEqual(off["params_per_filter"], .number(75))
        XCTAssertEqual(off["biases_counted"], .bool(false))
        XCTAssertEqual(try last("set bias off; conv 32x32x3 5 1 2 10 bias=on")["params"], .number(760), "a typed bias= wins")
    }

    func testBiasSettingReachesArch() throws {
        // VGG-16: 138,344,128 weights (the lecture's "138M", biases not counted) and 13,416 biases.
        XCTAssertEqual(try last("set bias off; arch vgg16")["params"], .number(138_344_128))
        XCTAssertEqual(try last("arch vgg16")["params"], .number(138_357_544))
    }

    func testBiasSettingReachesNet() throws {
        // conv 10 5 1 2 on 32x32x3: 750 weights, 10 biases.
        XCTAssertEqual(try last("set bias off; net new 32x32x3 conv 10 5 1 2")["params"], .number(750))
        XCTAssertEqual(try last("net new 32x32x3 conv 10 5 1 2")["params"], .number(760))
    }

    // schedule: descend and race with schedule= of the same kind take its k.
    func testScheduleSettingReachesDescend() throws {
        let base = "descend sgd f=\"x\" from=0,0 lr=1 steps=10 tol=0 schedule=exponential"
        XCTAssertEqual(try last("schedule exponential k=0.5; " + base)["schedule.decay"], .number(0.5))
        // set schedule gives the kind its own default k (0.1): x moves by sum e^(-0.1 t), t = 0..9, = 6.642533.
        let r = try last("schedule exponential k=0.5; set schedule exponential; " + base)
        XCTAssertEqual(r["schedule.decay"], .number(0.1))
        guard case let .number(x)? = r["final_x"] else { return XCTFail("no final_x") }
        XCTAssertEqual(x, -6.642533, accuracy: 1e-6)
    }

    func testScheduleSettingReachesRace() throws {
        let base = "race sgd momentum f=\"x\" from=0,0 steps=5 tol=0 schedule=exponential"
        XCTAssertEqual(try last("schedule exponential k=0.5; " + base)["schedule.decay"], .number(0.5))
        XCTAssertEqual(try last("schedule exponential k=0.5; set schedule exponential; " + base)["schedule.decay"], .number(0.1))
    }

    /// Each setting names its readers in `set`'s help, and each reader's help names the setting.
    func testHelpNamesTheReaders() throws {
        let set = SetCommand.spec.discussion
        for s in Setting.all { XCTAssertTrue(set.contains(s.readers), "help set names \(s.key)'s readers") }
        let readers: [(String, CommandSpec)] = [
            ("init", InitCommand.spec), ("act", InitCommand.spec), ("init", ModelCommand.spec), ("act", ModelCommand.spec),
            ("dropout", ModelCommand.spec), ("dropout", DropoutCommand.spec), ("dropout", NetCommand.spec),
            ("bias", ConvCommand.spec), ("bias", ArchCommand.spec), ("bias", NetCommand.spec),
        ]
        for (key, spec) in readers {
            let text = spec.discussion + " " + spec.arguments.map(\.help).joined(separator: " ")
            XCTAssertTrue(text.contains("session's \(key) setting") || text.contains("session's `\(key)` setting")
                          || text.contains("set \(key)"), "help \(spec.name) says it reads the \(key) setting")
        }
    }
}

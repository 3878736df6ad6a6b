import XCTest
import NNLabCore
import NNLabExperiments
@testable import NNLabCommands

/// reset says what it reset; switches have one spelling; the lecture-slip notes of the commands
/// this file covers are present; every version shown is the one constant.
final class SessionCommandTests: XCTestCase {
    func testResetListsWhatTheSessionHeld() throws {
        var i = Interpreter()
        _ = i.execute(line: "set act relu; set bias off; seed 7; randn 3; net new 32x32x3 conv 10 5 1 2; data digits; model 64-20-10")
        guard case let .success(_, out)? = i.execute(line: "reset").last, let r = out as? ResetOutput else { return XCTFail() }
        let what = r.reset.map(\.what)
        XCTAssertEqual(what, ["setting act", "setting bias", "seed", "network (net)", "figure (save)", "data", "model"])
        XCTAssertEqual(r.reset[0].was, "relu"); XCTAssertEqual(r.reset[0].now, "tanh")
        XCTAssertEqual(r.reset[1].was, "off"); XCTAssertEqual(r.reset[1].now, "on")
        XCTAssertTrue(r.reset[2].was.hasPrefix("7"), r.reset[2].was)
        XCTAssertTrue(r.reset[3].was.contains("32x32x3, 1 layer"), r.reset[3].was)
        // The digits' fixed split: 1078 / 359 / 360 of 1797.
        XCTAssertTrue(r.reset[5].was.contains("1078 training"), r.reset[5].was)
        XCTAssertTrue(r.reset[6].was.contains("fc 20"), r.reset[6].was)
        XCTAssertNil(i.context.session.network); XCTAssertNil(i.context.session.data); XCTAssertNil(i.context.session.model)
        XCTAssertNil(i.context.session.lastFigure)
        XCTAssertEqual(i.context.session.settings, Settings())
        let text = out.renderText(TextStyle(width: 80))
        for w in what { XCTAssertTrue(text.contains(w), "the text lists \(w)") }
        // A fresh session has nothing to reset, and says so.
        guard case let .success(_, again)? = i.execute(line: "reset").last, let r2 = again as? ResetOutput else { return XCTFail() }
        XCTAssertTrue(r2.reset.isEmpty)
        XCTAssertTrue(r2.message.contains("nothing to reset"), r2.message)
    }

    func testResetNoticesDrawsAtTheDefaultSeed() throws {
        var i = Interpreter()
        _ = i.execute(line: "rand")
        guard case let .success(_, out)? = i.execute(line: "reset").last, let r = out as? ResetOutput else { return XCTFail() }
        XCTAssertEqual(r.reset.map(\.what), ["seed"])
        XCTAssertTrue(r.reset[0].was.contains("numbers drawn since"))
        // ... and the generator restarts: the next rand is numpy's first after seed 0, 0.5488135039273248.
        guard case let .success(_, d)? = i.execute(line: "rand").last, let v = d as? RandomDrawOutput else { return XCTFail() }
        XCTAssertEqual(v.reals, [0.5488135039273248])
    }

    /// Switches are written name=on everywhere: no help text, example or message of any command
    /// spells one of its own switches --name.
    func testOneSpellingForSwitches() {
        for c in Registry.standard.commands {
            let s = c.spec
            let switches = s.arguments.filter { $0.kind.choices == ["on", "off"] }.map(\.name)
            let texts = [s.summary, s.discussion, s.synopsis] + s.arguments.map(\.help) + s.examples.flatMap { [$0.line, $0.explanation] }
            for name in switches {
                for t in texts { XCTAssertFalse(t.contains("--\(name)"), "\(s.name): '--\(name)' in \(t)") }
                XCTAssertTrue(s.synopsis.contains("\(name)=") , "\(s.name)'s synopsis shows \(name)=: \(s.synopsis)")
            }
            // A switch is on/off, never yes/no or true/false.
            for a in s.arguments {
                if case let .choice(c) = a.kind { XCTAssertFalse(Set(c).isSuperset(of: ["yes", "no"]) || Set(c).isSuperset(of: ["true", "false"]), "\(s.name) \(a.name)") }
            }
        }
    }

    func testLectureSlipNotes() throws {
        let notes: [String] = try ArchitectureZoo.build("lenet5", countBiases: true).notes
        XCTAssertTrue(notes.contains { $0.contains("dates LeNet-5 1980") && $0.contains("1998 paper") }, "\(notes)")
        XCTAssertTrue(notes.contains { $0.contains("1,516 trainable parameters, its biases included") }, "\(notes)")
        XCTAssertFalse(notes.contains { $0.contains("1,516 weights") })
        // VGG-16: the slide's 24M * 4 bytes is 96 MB (24e6 * 4 = 9.6e7), not 93MB; its rows add up to 15.2M.
        let vgg = try XCTUnwrap(ArchitectureZoo.build("vgg16", countBiases: true).lecture.first { $0.what.contains("memory") })
        XCTAssertTrue(vgg.explanation.contains("96 MB") && vgg.explanation.contains("15.2M"), vgg.explanation)
        // ResNet: weight decay 1e-5 on the slide, 1e-4 in the paper.
        let resnet = try XCTUnwrap(ArchitectureZoo.build("resnet50", countBiases: true).lecture.first { $0.what.contains("weight decay") })
        XCTAssertEqual(resnet.printed, "1e-5")
        XCTAssertTrue(resnet.computed.contains("1e-4"), resnet.computed)
        // dropout: nnlab's convention is stated in the output and in help, with the other one.
        var i = Interpreter()
        guard case let .success(_, d)? = i.execute(line: "dropout 0.5").last else { return XCTFail() }
        let text = d.renderText(TextStyle(width: 80))
        XCTAssertTrue(text.contains("p is the probability of keeping a unit"), text)
        XCTAssertTrue(text.contains("some") && text.contains("notes use p for dropping"), text)
        XCTAssertTrue(DropoutCommand.spec.discussion.contains("some lecture notes use p for the probability of dropping"))
    }

    func testVersionIsOneConstant() throws {
        XCTAssertFalse(NNLabVersion.current.isEmpty)
        let show = try result("show")
        XCTAssertEqual(show["version"], .string(NNLabVersion.current))
        var i = Interpreter()
        guard case let .success(_, h)? = i.execute(line: "help").last else { return XCTFail() }
        XCTAssertTrue(h.renderText(TextStyle(width: 80)).contains("nnlab \(NNLabVersion.current)."))
    }
}

final class SwitchSpellingMessageTests: XCTestCase {
    /// A mistyped --switch is answered in the one spelling help uses.
    func testUnknownOptionOffersNameEqualsOn() throws {
        let m = try XCTUnwrap(errorMessage("arch vgg --compar"))
        XCTAssertTrue(m.contains("did you mean compare=on?"), m)
        XCTAssertTrue(m.contains("compare=on"), m)
        XCTAssertFalse(m.contains("--compare"), m)
    }
}

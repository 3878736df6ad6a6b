import Foundation
import XCTest
import NNLabCore
import NNLabExperiments
@testable import NNLabCommands

/// `train`'s regularization options and `evaluate mc=` through the interpreter: the lines they
/// print follow from the numbers beside them, every screen fits 80 and 140 columns (the harness
/// checks), and bad options are one clear line that leaves the session as it was.
final class RegularizationCommandTests: XCTestCase {
    let h = TrainHarness()

    func testPenaltyLinesAreTheReportsNumbers() throws {
        var i = try h.interpreter()
        _ = try h.run(&i, "model 64-50-10")
        let (r, text) = try h.run(&i, "train epochs=3 lr=0.5 reg=0.003 penalty=l1")
        guard case let .number(data) = r["final_data_loss"], case let .number(pen) = r["final_penalty"],
              case let .number(nz) = r["weights_after.near_zero"], case let .number(count) = r["weights_after.count"] else {
            return XCTFail("fields missing: \(r)")
        }
        XCTAssertEqual(count, 64 * 50 + 50 * 10)
        XCTAssertTrue(text.contains("= data loss \(CFormat.f(data)) + penalty \(CFormat.f(pen))") || text.replacingOccurrences(of: "\n  ", with: " ").contains("= data loss \(CFormat.f(data)) + penalty \(CFormat.f(pen))"), text)
        XCTAssertTrue(text.replacingOccurrences(of: "\n  ", with: " ").contains("weights: \(Format.grouped(Int(nz))) of 3,700"), text)
        XCTAssertTrue(text.hasPrefix("finished optimization") || text.contains("L1 penalty, reg 0.003"), text)
    }

    func testEarlyStoppingSaysWhereItStoppedAndWhatItKept() throws {
        var i = try h.interpreter()
        _ = try h.run(&i, "model 64-50-10")
        let (r, text) = try h.run(&i, "train epochs=40 lr=0.5 patience=2")
        guard case let .number(stopped) = r["stopped_at"], case let .number(best) = r["best_epoch"] else { return XCTFail("\(r)") }
        XCTAssertEqual(stopped - best, 2)
        XCTAssertEqual(r["stop"], .string("patience"))
        let flat = text.replacingOccurrences(of: "\n  ", with: " ")
        XCTAssertTrue(flat.contains("stopped after epoch \(Int(stopped)) of 40; the model kept is epoch \(Int(best))'s"), text)
        // The model kept answers with the best accuracy.
        let (e, _) = try h.run(&i, "evaluate")
        XCTAssertEqual(e["accuracy"], r["best_val_acc"])
    }

    func testClippingRecordsTheNormAndSavesItsPlot() throws {
        var i = try h.interpreter()
        _ = try h.run(&i, "model 64-50-10")
        let (r, text) = try h.run(&i, "train epochs=2 lr=1 clip=norm:0.5")
        guard case let .array(norms) = r["grad_norm_history"], case let .number(clipped) = r["clipped_iterations"] else { return XCTFail("\(r)") }
        XCTAssertEqual(norms.count, 20)
        let above = norms.filter { if case let .number(n) = $0 { return n > 0.5 } else { return false } }.count
        XCTAssertEqual(Int(clipped), above, "clipped iterations are those whose norm exceeded 0.5")
        XCTAssertTrue(text.contains("changed \(above) of 20 iterations") || text.replacingOccurrences(of: "\n  ", with: " ").contains("changed \(above) of 20 iterations"), text)
        XCTAssertTrue(text.contains("log10 gradient norm per iteration"), text)
        XCTAssertEqual(i.session.lastFigure?.title, "gradient norm per iteration")
    }

    func testAugmentRefusesLabelChangingTransformsUnlessForced() throws {
        var i = try h.interpreter()
        _ = try h.run(&i, "model 64-50-10")
        let before = i.session.model?.network.parameters
        let e = try XCTUnwrap(h.error(&i, "train epochs=1 lr=0.5 augment=flip"))
        XCTAssertTrue(e.contains("a mirrored 2 is not a 2") && e.contains("force=on"), e)
        XCTAssertFalse(e.contains("\n"), e)
        XCTAssertEqual(i.session.model?.network.parameters, before, "a refused run changes nothing")
        let (r, text) = try h.run(&i, "train epochs=1 lr=0.5 augment=flip,shift force=on")
        XCTAssertEqual(r["augmented_examples"], .number(1000))
        XCTAssertEqual(r["augment_checks[0].forced"], .bool(true))
        XCTAssertTrue(text.contains("(forced)"), text)
        let (s, _) = try h.run(&i, "train epochs=1 lr=0.5 augment=rotate")
        XCTAssertEqual(s["augment_checks[0].changes"], .array([]))
    }

    func testMonteCarloEvaluationAgreesWithTheSinglePass() throws {
        var i = try h.interpreter()
        _ = try h.run(&i, "model 64-50-10 dropout=0.5")
        _ = try h.run(&i, "train epochs=5 lr=0.5")
        let (r, text) = try h.run(&i, "evaluate mc=30")
        guard case let .number(single) = r["single_accuracy"], case let .number(mc) = r["mc_accuracy"],
              case let .number(agree) = r["agreement"] else { return XCTFail("\(r)") }
        XCTAssertGreaterThan(agree, 0.9)
        XCTAssertEqual(r["passes"], .number(30))
        XCTAssertTrue(text.contains("accuracy \(CFormat.f(single)) single, \(CFormat.f(mc)) averaged"), text)
        if abs(mc - single) <= 0.01 { XCTAssertTrue(text.contains("within 0.01"), text) } else { XCTAssertFalse(text.contains("within 0.01"), text) }
    }

    /// baseline=on is two runs a user could type: `seed 5; model 64-40-10; train ...` (the same
    /// weights, since dropout draws nothing when the net is built) and the dropout run itself.
    func testBaselineIsTheSameNetWithoutDropoutFromTheSameStart() throws {
        var a = try h.interpreter()
        _ = try h.run(&a, "seed 5")
        _ = try h.run(&a, "model 64-40-10 dropout=0.5")
        let (r, text) = try h.run(&a, "train epochs=4 lr=0.5 baseline=on")
        var b = try h.interpreter()
        _ = try h.run(&b, "seed 5")
        _ = try h.run(&b, "model 64-40-10")
        let (plain, _) = try h.run(&b, "train epochs=4 lr=0.5")
        var c = try h.interpreter()
        _ = try h.run(&c, "seed 5")
        _ = try h.run(&c, "model 64-40-10 dropout=0.5")
        let (dropped, _) = try h.run(&c, "train epochs=4 lr=0.5")
        XCTAssertEqual(r["dropout_comparison.without_gap"], plain["gap"])
        XCTAssertEqual(r["dropout_comparison.with_gap"], dropped["gap"])
        XCTAssertEqual(r["gap"], dropped["gap"])
        guard case let .number(x) = plain["gap"], case let .number(y) = dropped["gap"] else { return XCTFail() }
        let verdict = DropoutComparison.verdict(without: x, with: y)
        XCTAssertEqual(r["dropout_comparison.verdict"], .string(verdict))
        let flat = text.replacingOccurrences(of: "\n  ", with: " ")
        switch verdict {
        case "narrowed": XCTAssertTrue(flat.contains("narrowed the train/val gap from \(String(format: "%.3f", x))"), text)
        case "widened": XCTAssertTrue(flat.contains("did not narrow"), text)
        default: XCTAssertTrue(flat.contains("about the same"), text)
        }
        XCTAssertEqual(DropoutComparison.verdict(without: 0.03, with: 0.02), "narrowed")
        XCTAssertEqual(DropoutComparison.verdict(without: 0.03, with: 0.033), "about the same")
        XCTAssertEqual(DropoutComparison.verdict(without: 0.03, with: 0.04), "widened")
    }

    func testBadOptionsAreOneLineAndChangeNothing() throws {
        var i = try h.interpreter()
        _ = try h.run(&i, "model 64-50-10")
        let before = i.session.model?.network.parameters
        let rngBefore = i.session.rng
        let cases: [(String, String)] = [
            ("train clip=norm", "positive threshold"), ("train clip=norm:0", "positive threshold"), ("train clip=value:-1", "positive threshold"),
            ("train clip=value:nan", "positive threshold"), ("train clip=sign:2", "takes no number"), ("train clip=bogus", "value:G, norm:C or sign"),
            ("train clip=", "value:G"), ("train penalty=l3 reg=0.1", "l2"), ("train penalty=l1", "reg is 0"), ("train patience=0", "1 to 1000"),
            ("train augment=flop", "separated by commas"), ("train augment=shift,,noise", "separated by commas"), ("train augment=shift,shift", "twice"),
            ("train force=on", "there is no augment="), ("train examples=0", "1 to"), ("train baseline=on", "has no dropout"), ("evaluate mc=10", "no dropout"), ("evaluate mc=0", "1 to 1000"),
        ]
        for (line, part) in cases {
            let e = try XCTUnwrap(h.error(&i, line), line)
            XCTAssertTrue(e.contains(part), "\(line): \(e)")
            XCTAssertFalse(e.contains("\n"), e)
        }
        XCTAssertEqual(i.session.model?.network.parameters, before)
        var a = i.session.rng, b = rngBefore
        XCTAssertEqual(a.rand(), b.rand(), "no refused line draws from the generator")
        var p = try h.interpreter()
        _ = try h.run(&p, "data spiral n=20")
        _ = try h.run(&p, "model hidden=10")
        let e = try XCTUnwrap(h.error(&p, "train augment=shift"))
        XCTAssertTrue(e.contains("transforms images"), e)
    }
}

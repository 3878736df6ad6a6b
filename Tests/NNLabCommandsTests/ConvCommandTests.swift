import XCTest
@testable import NNLabCommands

/// Lecture numbers through the whole command layer (parse, run, encode).
final class ConvCommandTests: XCTestCase {
    func testUsersOwnExample() throws {
        let r = try result("conv 32 5 1 2")
        XCTAssertEqual(r["out"], .number(32))
        XCTAssertEqual(r["formula"], .string("(32 - 5 + 2*2)/1 + 1 = 32"))
    }

    func testTenFiveByFiveFiltersOnCIFARImage() throws {
        let r = try result("conv 32x32x3 5 1 2 10")
        XCTAssertEqual(r["volume"], .string("32x32x10"))
        XCTAssertEqual(r["params_per_filter"], .number(76))  // 5*5*3 + 1
        XCTAssertEqual(r["params"], .number(760))            // 76*10
        XCTAssertEqual(r["macs"], .number(32 * 32 * 10 * 75))
    }

    func testArgumentsByName() throws {
        XCTAssertEqual(try result("conv 32x32x3 F=5 K=10 P=2")["params"], .number(760))
        XCTAssertEqual(try result("conv 32x32x3 5 1 same 10")["volume"], .string("32x32x10"))
    }

    func testDoesNotFitSaysWhatWould() throws {
        let r = try result("conv 7 3 3 0")
        XCTAssertEqual(r["fits"], .bool(false))
        XCTAssertEqual(r["out"], .null)
        XCTAssertEqual(r["suggest_padding"], .array([.number(1)]))
        XCTAssertEqual(r["suggest_stride"], .array([.number(1), .number(2), .number(4)]))
    }

    func testNonSquareInput() throws {
        // 64 wide, 32 high: (64 - 3 + 2)/1 + 1 = 64 and (32 - 3 + 2)/1 + 1 = 32.
        let r = try result("conv 64x32x3 3 1 1 8")
        XCTAssertEqual(r["volume"], .string("64x32x8"))
        XCTAssertEqual(r["out_h"], .number(32))
    }

    func testPoolDefaultsStrideToWindow() throws {
        XCTAssertEqual(try result("pool 224x224x64 2")["volume"], .string("112x112x64"))
        XCTAssertEqual(try result("pool 55x55x96 3 2")["params"], .number(0))
    }

    func testJSONLineHasCommandFirstAndDocumentedNulls() {
        var i = Interpreter()
        let o = i.execute(statement: "conv 7 3 3")
        let line = i.json(o)
        XCTAssertTrue(line.hasPrefix("{\"type\":\"result\",\"command\":\"conv\","), line)
        XCTAssertTrue(line.contains("\"out\":null"), line)
        XCTAssertTrue(line.contains("\"suggest_stride\":[1,2,4]"), line)
        let e = i.json(i.execute(statement: "conv x"))
        XCTAssertTrue(e.contains("\"error\":"), e)
    }

    func testSessionStateSurvivesErrors() {
        var i = Interpreter()
        _ = i.execute(line: "set init he; seed 7")
        _ = i.execute(line: "set init nonsense; seed -3; conv; cnov")
        XCTAssertEqual(i.session.settings.initScheme, .he)
        XCTAssertEqual(i.session.seed, 7)
        _ = i.execute(line: "reset")
        XCTAssertEqual(i.session.settings.initScheme, .xavier)
        XCTAssertEqual(i.session.seed, 0)
    }
}

import Foundation
import XCTest
@testable import NNLabCommands

final class ParsingTests: XCTestCase {
    /// Bad lines and a fragment their one-line error must contain (what was wrong / what is allowed).
    func testBadInputGetsAClearMessage() {
        let table: [(String, String)] = [
            ("conv", "missing INPUT"),
            ("conv 32", "missing F"),
            ("conv x 5", "INPUT is not a size like 32 or 32x32x3"),
            ("conv 32 0", "F must be positive"),
            ("conv 32 5 -1", "S must be positive"),
            ("conv 32 5 1 2.5", "P must be a whole number"),
            ("conv 32 5 1 2 10 11", "too many arguments at '11'"),
            ("conv 99999999999999999999 3", "INPUT is too large"),
            ("conv 32x0x3 3", "needs positive sizes"),
            ("conv 32x32x3x3 3", "not a size"),
            ("conv 32 5 foo=2", "unknown argument 'foo='"),
            ("conv 32 5 s=2 s=3", "S is given twice"),
            ("conv 32 5 repeat=0", "repeat must be positive"),
            ("conv 32 5 1 sme", "unknown P 'sme' (did you mean same?)"),
            ("conv 1000000x1000000x1000000 100000 1 100000 1000000", "too large to count"),
            ("cnov 32 5", "did you mean 'conv'?"),
            ("frobnicate", "unknown command 'frobnicate'"),
            ("conv \"32 5", "never closed"),
            ("seed -1", "allowed: a whole number from 0 to 4294967295"),
            ("seed 4294967296", "too large"),
            ("seed 1.5", "must be a whole number"),
            ("set init xaviar", "did you mean xavier?"),
            ("set dropout 0", "allowed: a number in (0, 1]"),
            ("set dropout nan", "not a number"),
            ("set colour red", "unknown KEY 'colour'"),
            ("set init", "missing VALUE"),
            ("help cnv", "did you mean conv?"),
            ("show extra", "too many arguments"),
            ("pool 6 3 p=-1", "p is too small"),
            ("dropout -9223372036854775808", "probability of keeping a unit"),
            ("dropout drop=-9223372036854775808", "drop must be a probability"),
            ("graph \"" + Array(repeating: "x", count: 2_000).joined(separator: "+") + "\" x=1", "the expression is too long"),
            // Issue 10 item 19: quoted values are values, an empty name is not "did you mean '?'".
            ("act relu x=\"\"", "x "),
            ("\"\"", "the command name is empty"),
            ("conv 32 5 s=2 s=3", "e.g. conv"),
            ("conv 32 5 1 2 k=1 k=2", "e.g. conv"),
            // Item 8: a line longer than the limit is refused before parsing, with the limit.
            ("gradcheck" + String(repeating: " relu", count: 4_000), "at most 16384 characters"),
            ("fc-vs-conv 100000x100000x1 1 1", "too large to count"),
        ]
        for (line, fragment) in table {
            guard let msg = errorMessage(line) else { XCTFail("`\(line)` should fail"); continue }
            XCTAssertTrue(msg.contains(fragment), "`\(line)` gave: \(msg)")
            XCTAssertFalse(msg.contains("\n"), "one line: \(msg)")
            XCTAssertFalse(msg.contains("internal"), msg)
        }
    }

    func testGoodLines() throws {
        for line in ["conv 32 5", "conv 32X32X3 5 1 2 10", "CONV 7 3", "conv 1_000 3", "conv 32 5 1 2 K=1e1",
                     "seed 4294967295", "set dropout 0.5", "set init He", "help", "help conv", "? conv", "show",
                     "  conv   32   5  ", "seed 1; seed 2"] {
            XCTAssertNil(errorMessage(line), line)
        }
        XCTAssertEqual(try result("set init He")["value"], .string("he"), "choices are case-insensitive and normalized")
        XCTAssertEqual(try result("conv 32 5 1 2 K=1e1")["k"], .number(10), "1e1 is a whole number")
    }

    func testTokenizer() throws {
        XCTAssertEqual(try Tokenizer.words("graph \"(x + y) * z\" x=-2").map(\.text), ["graph", "(x + y) * z", "x=-2"])
        XCTAssertEqual(try Tokenizer.words("  a  'b c'").map(\.offset), [2, 5])
        XCTAssertThrowsError(try Tokenizer.words("a \"b"))
        XCTAssertEqual(Tokenizer.statements("seed 0; conv 32 5 ;; "), ["seed 0", "conv 32 5"])
        XCTAssertEqual(Tokenizer.statements("graph \"a;b\"; seed 1"), ["graph \"a;b\"", "seed 1"])
        // A quoted value after key= keeps the word a keyword (item 19: `graph x x='1'` was
        // "too many arguments at 'x=1'"); a quote before the = makes the whole word a value.
        let w = try Tokenizer.words("graph x x='1' f=\"a b\" \"y=2\" 'z'=3")
        XCTAssertEqual(w.map(\.text), ["graph", "x", "x=1", "f=a b", "y=2", "z=3"])
        XCTAssertEqual(w[2].keyword?.key, "x"); XCTAssertEqual(w[2].keyword?.value, "1")
        XCTAssertEqual(w[3].keyword?.value, "a b")
        XCTAssertNil(w[4].keyword); XCTAssertNil(w[5].keyword)
        XCTAssertEqual(w[1].keyword?.key, nil)
        // Comments: `#` starting a word outside quotes ends the line (item 19: piped labs).
        XCTAssertEqual(Tokenizer.statements("# a comment"), [])
        XCTAssertEqual(Tokenizer.statements("conv 7 3  # (7-3)/1+1 = 5; seed 1"), ["conv 7 3"])
        XCTAssertEqual(Tokenizer.statements("graph \"x # y\" x=1 #c"), ["graph \"x # y\" x=1"])
        XCTAssertEqual(Tokenizer.statements("graph x#y"), ["graph x#y"])
    }

    func testQuotedKeywordValuesParseAsKeywords() throws {
        XCTAssertEqual(try result("graph x x='1'")["value"], .number(1))
        XCTAssertEqual(try result("graph \"x*y\" x=\"2\" y='3'")["value"], .number(6))
        XCTAssertNil(errorMessage("# a comment only"), "a comment line is not an unknown command")
        XCTAssertNil(errorMessage("seed 3 # the lecture's seed"))
    }

    /// Item 8: a line at the limit parses in linear time (was quadratic: 32,000 words took 4.9 s).
    /// Not a timing assertion: doubling the words must not much more than double the work, which
    /// a quadratic parser (4x) fails by a wide margin even on a loaded machine.
    func testParsingScalesLinearly() throws {
        let spec = try XCTUnwrap(Registry.standard.command(named: "gradcheck")?.spec)
        func seconds(_ n: Int) throws -> Double {
            let line = "gradcheck" + String(repeating: " relu", count: n)
            let t = Date()
            for _ in 0..<20 { _ = try Arguments(spec: spec, words: Array(try Tokenizer.words(line).dropFirst())) }
            return Date().timeIntervalSince(t)
        }
        _ = try seconds(100)
        let small = try (0..<3).map { _ in try seconds(1_600) }.min() ?? 0
        let large = try (0..<3).map { _ in try seconds(3_200) }.min() ?? 0
        XCTAssertLessThan(large, max(3.2 * small, 0.05), "1,600 words: \(small) s, 3,200 words: \(large) s")
    }

    func testFieldPaths() throws {
        let v = JSONValue.object(["layers": .array([.object(["std": .number(0.5)]), .object(["std": .number(0.25)])])])
        XCTAssertEqual(try v.lookup("layers[1].std"), .number(0.25))
        XCTAssertEqual(try v.lookup("layers[-1].std"), .number(0.25))
        XCTAssertThrowsError(try v.lookup("layers[2].std")) { XCTAssertTrue("\($0)".contains("has 2 entries")) }
        XCTAssertThrowsError(try v.lookup("layer")) { XCTAssertTrue("\($0)".contains("did you mean layers?")) }
        XCTAssertThrowsError(try v.lookup("layers[x]"))
        let w = JSONValue.object(["errors": .object(["dropout-inverted": .number(1e-9)])])
        XCTAssertEqual(try w.lookup("errors[\"dropout-inverted\"]"), .number(1e-9))
        XCTAssertThrowsError(try w.lookup("errors[\"dropout"))
        XCTAssertThrowsError(try v.lookup(""))
    }

    func testSuggestions() {
        XCTAssertEqual(Suggest.closest("cnov", in: ["conv", "pool", "seed"]), "conv")
        XCTAssertEqual(Suggest.closest("xaviar", in: ["zero", "xavier", "he"]), "xavier")
        XCTAssertNil(Suggest.closest("banana", in: ["conv", "pool"]))
        XCTAssertEqual(Suggest.distance("kitten", "sitting"), 3)
    }
}

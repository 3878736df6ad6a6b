import Foundation
import XCTest
@testable import NNLabCommands

/// A result's JSON is its own type's fields: nil optionals are null, nothing is added from other
/// experiments' documentation (issue 9 §4: `act sigmoid --json` printed 19 nulls of other experiments).
final class JSONSchemaTests: XCTestCase {
    struct Inner: Encodable { var a: Int; var b: [Double] }
    struct Sample: Encodable {
        var name: String
        var missing: Int?
        var present: Double?
        var inner: Inner
        var list: [Inner?]
        var flag: Bool
        var odd: [Double]
    }

    func testTheEncoderKeepsNilOptionalsAsNullAndMatchesFoundationElsewhere() throws {
        let s = Sample(name: "x", missing: nil, present: 0.5, inner: Inner(a: 3, b: [1, 2.5]),
                       list: [Inner(a: 1, b: []), nil], flag: true, odd: [.infinity, -.infinity])
        let v = try JSONValueEncoder.encode(s)
        XCTAssertEqual(v["missing"], .null, "a nil optional is a field with no value")
        XCTAssertEqual(v["present"], .number(0.5))
        XCTAssertEqual(v["inner.b[1]"], .number(2.5))
        XCTAssertEqual(v["list[1]"], .null)
        XCTAssertEqual(v["flag"], .bool(true))
        XCTAssertEqual(v.serialized(), #"{"flag":true,"inner":{"a":3,"b":[1,2.5]},"list":[{"a":1,"b":[]},null],"missing":null,"name":"x","odd":["inf","-inf"],"present":0.5}"#)
        // Without optionals, the same tree as Foundation's JSONEncoder read back.
        let inner = Inner(a: 7, b: [0.1, 1e-300, 123456789])
        let foundation = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(inner))
        XCTAssertEqual(try JSONValueEncoder.encode(inner), foundation)
    }

    func testAResultCarriesOnlyItsOwnFields() throws {
        let act = try result("act sigmoid")
        guard case let .object(o) = act else { return XCTFail("not an object") }
        for other in ["trials", "same_sign", "dead_at_init", "learning_rate"] {
            XCTAssertNil(o[other], "act sigmoid has no \(other): it belongs to act positive-inputs or dead-relu")
        }
        XCTAssertEqual(o["alpha"], .null, "sigmoid's own alpha has no value")
        let conv = try result("conv 32 5 1 0")
        XCTAssertEqual(conv["params"], .null, "no depth, so no parameter count: a field of conv's own, null")
        guard case let .object(c) = try result("net clear") else { return XCTFail() }
        XCTAssertEqual(Set(c.keys), ["message", "command", "type"], "net clear's message has no key/value of set's")
    }
}

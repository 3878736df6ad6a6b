import XCTest
@testable import NNLabCore

final class GraphTests: XCTestCase {
    func value(_ s: String, _ v: [String: Double] = [:]) throws -> Double {
        var g = ComputationalGraph(try ExpressionParser.parse(s))
        try g.forward(v)
        return g.value
    }

    func testPrecedenceAndAssociativity() throws {
        XCTAssertEqual(try value("1 + 2 * 3"), 7)
        XCTAssertEqual(try value("(1 + 2) * 3"), 9)
        XCTAssertEqual(try value("2^3^2"), 512, "right-associative: 2^(3^2)")
        XCTAssertEqual(try value("-2^2"), -4, "unary minus binds looser than ^")
        XCTAssertEqual(try value("8 / 4 / 2"), 1, "left-associative")
        XCTAssertEqual(try value("max(x, 0) + min(1, 2)", ["x": -3]), 1)
        XCTAssertEqual(try value("1e-3 * 1000"), 1, accuracy: 1e-15)
    }

    func testWorkedExampleByHand() throws {
        var g = ComputationalGraph(try ExpressionParser.parse("(x+y)*z"))
        try g.forward(["x": -2, "y": 5, "z": -4])
        g.backward()
        XCTAssertEqual(g.value, -12)
        XCTAssertEqual(g.inputGradients, ["x": -4, "y": -4, "z": 3])
    }

    func testVariableUsedTwiceAddsItsGradients() throws {
        // f = x*x + x: df/dx = 2x + 1 = 7 at x = 3.
        var g = ComputationalGraph(try ExpressionParser.parse("x*x + x"))
        try g.forward(["x": 3])
        g.backward()
        XCTAssertEqual(g.inputGradients["x"], 7)
    }

    func testEveryGateAgainstNumericDifferences() throws {
        for (e, v) in [("exp(x)", 0.3), ("log(x)", 2.0), ("sqrt(x)", 2.0), ("tanh(x)", 0.4), ("sigmoid(x)", -1.2),
                       ("relu(x)", 0.5), ("abs(x)", -2.0), ("x^3", 1.5), ("2^x", 1.5), ("x^x", 1.3), ("1/x", 4.0), ("x - 3*x", 2.0)] {
            let expr = try ExpressionParser.parse(e)
            var g = ComputationalGraph(expr)
            try g.forward(["x": v])
            g.backward()
            let n = try ComputationalGraph.numericGradient(expr, at: ["x": v])
            XCTAssertEqual(g.inputGradients["x"] ?? .nan, n["x"] ?? .nan, accuracy: 1e-7, e)
        }
    }

    func testSyntaxErrorsSayWhatAndWhere() {
        for (text, column, fragment) in [("(x+y", 4, "expected ')'"), ("x*", 2, "ends too soon"), ("x $ y", 2, "unexpected character"),
                                         ("foo(x)", 0, "unknown function"), ("max(x)", 0, "two arguments"), ("exp x", 4, "expected '('"),
                                         ("x y", 2, "expected an operator"), ("1..2", 0, "not a number")] {
            XCTAssertThrowsError(try ExpressionParser.parse(text)) { e in
                guard let e = e as? ExpressionError else { return XCTFail("\(e)") }
                XCTAssertEqual(e.column, column, text)
                XCTAssertTrue(e.message.contains(fragment), "\(text): \(e.message)")
            }
        }
        XCTAssertThrowsError(try ExpressionParser.parse(String(repeating: "(", count: 5000) + "x"), "deep nesting is an error, not a stack overflow")
    }

    func testUndefinedStepsAreErrors() throws {
        XCTAssertThrowsError(try value("log(x)", ["x": 0]))
        XCTAssertThrowsError(try value("1/x", ["x": 0]))
        XCTAssertThrowsError(try value("x^y", ["x": -1, "y": 2]), "the derivative in y needs a positive base")
        XCTAssertThrowsError(try value("exp(x)", ["x": 1000]), "overflow")
        XCTAssertThrowsError(try value("x + y", ["x": 1]), "missing value")
        XCTAssertEqual(try value("x^2", ["x": -3]), 9, "a constant exponent works for negative bases")
    }
}

import XCTest
@testable import NNLabCommands

final class CompletionTests: XCTestCase {
    func candidates(_ line: String) -> [String] {
        Completion.complete(line: line, cursor: line.count).candidates
    }

    func testCommandNames() {
        XCTAssertEqual(candidates("co"), ["conv"])
        XCTAssertEqual(candidates("s"), ["set", "show", "seed", "save", "schedule", "sanity", "search"])
        XCTAssertTrue(candidates("").contains("help"))
        XCTAssertEqual(candidates("seed 0; po"), ["pool"], "completes within the current statement")
    }

    func testKeywordsAndValues() {
        XCTAssertEqual(candidates("conv 32 5 re"), ["repeat="])
        XCTAssertEqual(candidates("conv same "), ["repeat="], "F is a number: only the keywords are offered")
        XCTAssertEqual(candidates("conv 32 5 1 s"), ["same"])
        XCTAssertEqual(candidates("set "), ["init", "act", "dropout", "bias", "schedule"])
        XCTAssertEqual(candidates("set schedule e"), ["exponential"])
        XCTAssertEqual(candidates("race sgd ro"), ["rosenbrock"])
        XCTAssertEqual(candidates("set init x"), ["xavier"])
        XCTAssertEqual(candidates("set act "), ["sigmoid", "tanh", "relu", "leaky", "prelu", "elu"], "every activation the experiments run")
        XCTAssertEqual(candidates("help co"), ["conv"])
        XCTAssertEqual(candidates("frob "), [])
    }

    func testReplacementStartPointsAtTheWord() {
        let r = Completion.complete(line: "conv 32 5 repeat=", cursor: 17)
        XCTAssertEqual(r.start, 17, "after key= the value is completed")
        XCTAssertEqual(Completion.complete(line: "set init x", cursor: 10).start, 9)
        XCTAssertEqual(Completion.commonPrefix(["seed", "set", "show"]), "s")
    }
}

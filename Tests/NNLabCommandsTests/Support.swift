import XCTest
@testable import NNLabCommands

/// Runs one statement on a fresh interpreter and returns its JSON result, failing the test on error.
func result(_ line: String, file: StaticString = #filePath, lineNo: UInt = #line) throws -> JSONValue {
    var i = Interpreter()
    var last: JSONValue = .null
    for o in i.execute(line: line) {
        switch o {
        case let .success(c, out): last = try i.resultValue(command: c, output: out)
        case let .failure(e): XCTFail("`\(line)` failed: \(e)", file: file, line: lineNo)
        case .quit: break
        }
    }
    return last
}

/// The error message a line gives, or nil if it succeeded.
func errorMessage(_ line: String) -> String? {
    var i = Interpreter()
    for o in i.execute(line: line) { if case let .failure(e) = o { return e.description } }
    return nil
}

extension JSONValue {
    subscript(_ path: String) -> JSONValue? { try? lookup(path) }
}

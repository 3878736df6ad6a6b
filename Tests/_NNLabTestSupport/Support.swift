import Foundation
import XCTest
import NNLabCommands
import NNLabShell

// Helpers shared by the test targets. Each test target has one small Support.swift holding
// `@_exported import _NNLabTestSupport`, so its test files use these without an import of their own.

/// Runs one statement on a fresh interpreter and returns its JSON result, failing the test on error.
public func result(_ line: String, file: StaticString = #filePath, lineNo: UInt = #line) throws -> JSONValue {
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
public func errorMessage(_ line: String) -> String? {
    var i = Interpreter()
    for o in i.execute(line: line) { if case let .failure(e) = o { return e.description } }
    return nil
}

extension JSONValue {
    public subscript(_ path: String) -> JSONValue? { try? lookup(path) }
}

/// The package's folder (this file is Tests/_NNLabTestSupport/Support.swift).
public let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// The `nnlab` executable of the build that holds the running tests (`.build/debug`, or
/// `.build/release` when the tests were built optimized), falling back to `.build/debug/nnlab`.
public let nnlabBinary: String = {
    let fm = FileManager.default
    var url = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
    // The test runner is `.build/CONFIG/nnlabPackageTests.xctest` (a file on Linux, a bundle
    // with Contents/MacOS/... on macOS): walk up to the folder that holds the products.
    for _ in 0..<4 {
        url.deleteLastPathComponent()
        let candidate = url.appendingPathComponent("nnlab").path
        if fm.isExecutableFile(atPath: candidate), !candidate.hasSuffix(".xctest/nnlab") { return candidate }
    }
    return packageRoot + "/.build/debug/nnlab"
}()

/// A new empty folder under the system's temporary folder, named after `tag`; removed by the
/// caller (or left for the system to clean).
public func temporaryFolder(_ tag: String) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nnlab-\(tag)-\(getpid())-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// Runs `labs/NAME.lab` quietly at the labs' width and fails the test with each failure.
public func runLab(_ name: String, file: StaticString = #filePath, line: UInt = #line) {
    let path = packageRoot + "/labs/\(name).lab"
    var interpreter = Interpreter()
    let runner = LabRunner(mode: .quiet, printer: Printer(out: BufferSink(), err: BufferSink()))
    let report = runner.run(path: path, interpreter: &interpreter)
    XCTAssertGreaterThan(report.checks, 0, "\(name).lab has no checks", file: file, line: line)
    for f in report.failures { XCTFail(f, file: file, line: line) }
}

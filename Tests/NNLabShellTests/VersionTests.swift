import Foundation
import XCTest
import NNLabCommands

/// `nnlab --version` prints the one version constant (the one `help` and `show` print).
final class VersionTests: XCTestCase {
    func testVersionFlag() throws {
        let binary = packageRoot + "/.build/debug/nnlab"
        guard FileManager.default.isExecutableFile(atPath: binary) else { throw XCTSkip("run `swift build` first: \(binary) is missing") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = ["--version"]
        let o = Pipe()
        p.standardOutput = o
        try p.run()
        let out = String(decoding: o.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        XCTAssertEqual(out, NNLabVersion.current + "\n")
    }
}

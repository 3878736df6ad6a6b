import Foundation
import XCTest
@testable import NNLabCommands

/// The README's command table names every command, so documentation cannot fall behind.
final class ReadmeTests: XCTestCase {
    func testCommandTableListsEveryCommand() throws {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let readme = try String(contentsOf: url.appendingPathComponent("README.md"), encoding: .utf8)
        for c in Registry.standard.commands {
            XCTAssertTrue(readme.contains("| `\(c.spec.name)"), "README's command table lacks \(c.spec.name)")
        }
    }
}

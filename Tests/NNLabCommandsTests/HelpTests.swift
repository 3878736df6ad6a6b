import Foundation
import XCTest
@testable import NNLabCommands

final class HelpTests: XCTestCase {
    /// Help screens are compared as exact text, so a layout regression shows as a diff.
    func testSeedHelpScreen() throws {
        var i = Interpreter()
        guard case let .success(_, out) = i.execute(statement: "help seed") else { return XCTFail() }
        let expected = """
            seed N
              restart the random generator, exactly as np.random.seed(N)

              nnlab's generator is numpy's legacy MT19937, bit for bit: after `seed N`,
              experiments draw the same numbers as the lectures' numpy code after
              np.random.seed(N).

            Arguments
              name  default   allowed                         meaning
              ----  --------  ------------------------------  ------------------------------
              N     required  a whole number from 0 to        the seed, 0 to 2^32 - 1 as
                              4294967295                      numpy allows

            Result fields (as --json prints them; lab `expect` lines check them)
              key      always "seed"
              value    the new seed
              message  confirmation

            Examples
              seed 0
                  the seed the lectures' code uses
            """
        XCTAssertEqual(out.renderText(.plain), expected)
    }

    func testIndexListsEveryCommandUnderItsTopic() throws {
        var i = Interpreter()
        guard case let .success(_, out) = i.execute(statement: "help") else { return XCTFail() }
        let text = out.renderText(.plain)
        for c in Registry.standard.commands { XCTAssertTrue(text.contains("  \(c.spec.name) "), c.spec.name) }
        XCTAssertTrue(text.contains("Convolution layers"))
    }

    /// Every command documents every field its results print, documents no field that none of its
    /// examples' results has (a misspelt doc would be a phantom field), and has an example that runs.
    func testFieldsAreDocumentedAndExamplesRun() throws {
        // Examples may write files (save init.svg): run them in a scratch directory.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("nnlab-examples-\(getpid())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(scratch.path)
        defer {
            FileManager.default.changeCurrentDirectoryPath(previous)
            try? FileManager.default.removeItem(at: scratch)
        }
        for c in Registry.standard.commands where c.spec.name != "quit" {
            XCTAssertFalse(c.spec.examples.isEmpty, "\(c.spec.name) has no example")
            let documented = Set(c.spec.fields.flatMap(\.names) + ["command", "type"])
            XCTAssertEqual(c.spec.examples.first?.fails, false, "\(c.spec.name): the first example is quoted in errors")
            var seen: Set<String> = ["command", "type"]
            defer {
                for name in documented.subtracting(seen).sorted() {
                    XCTFail("\(c.spec.name): field '\(name)' is documented but no example's result has it (misspelt, or give an example that shows it)")
                }
            }
            for e in c.spec.examples {
                // Run once and shared with WidthTests (the heavy examples cost seconds in debug).
                let run = ExampleRuns.run(e.line, after: e.after)
                XCTAssertEqual(run.outcomes.count, 1, "example `\(e.line)` is one statement")
                if e.fails {
                    guard case let .failure(err)? = run.outcomes.last else { XCTFail("example `\(e.line)` should fail"); continue }
                    XCTAssertFalse(err.message.isEmpty)
                    continue
                }
                guard case let .success(name, out)? = run.outcomes.last else {
                    XCTFail("example `\(e.line)` fails"); continue
                }
                guard case let .object(o) = try run.interpreter.resultValue(command: name, output: out) else { continue }
                seen.formUnion(o.keys)
                for k in o.keys { XCTAssertTrue(documented.contains(k), "\(c.spec.name): field '\(k)' is not documented (from `\(e.line)`)") }
            }
        }
    }
}

import Foundation
import XCTest
@testable import NNLabCommands

/// Issue 11 §1: every screen fits the terminal. Each command's help page, the index, and every
/// example of every command (the examples cover each command's forms) are rendered at 80 and at
/// 140 columns; no line may be longer than the width, and every example meant to succeed must
/// succeed, so that none is left unchecked.
final class WidthTests: XCTestCase {
    static let widths = [80, 140]

    /// The screens to check: `help`, `help CMD` for every command, and every example that succeeds.
    static func screens() -> [(line: String, after: String?, example: Bool)] {
        var lines: [(String, String?, Bool)] = [("help", nil, false)]
        for c in Registry.standard.commands {
            lines.append(("help \(c.spec.name)", nil, false))
            for e in c.spec.examples where !e.fails { lines.append((e.line, e.after, true)) }
        }
        // Screens the issue measured, beyond the examples.
        for extra in ["arch vgg16", "arch vgg16 compare=on", "arch resnet", "arch vgg", "arch vgg compare=on", "arch googlenet", "arch alexnet",
                      "init xavier", "init big act=relu grad=on", "init small act=sigmoid grad=on", "init zero act=sigmoid",
                      "init variance", "dropout 0.5", "dropout 0.5 mode=inverted", "dropout 0.25 n=3", "gradcheck all",
                      "net new 32x32x3 conv 10 5 1 2, relu, pool 2 2, fc 10", "net lenet5", "act relu", "act positive-inputs",
                      "act dead-relu", "batchnorm", "preprocess", "show", "fc-vs-conv"] {
            lines.append((extra, nil, false))
        }
        return lines
    }

    func testEveryScreenFitsAt80And140Columns() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("nnlab-width-\(getpid())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let previous = FileManager.default.currentDirectoryPath
        _ = FileManager.default.changeCurrentDirectoryPath(scratch.path)
        defer {
            _ = FileManager.default.changeCurrentDirectoryPath(previous)
            try? FileManager.default.removeItem(at: scratch)
        }
        var checked = 0
        for (line, after, example) in Self.screens() {
            // Run once per process and shared with HelpTests, which checks the same examples' fields.
            let outcomes = ExampleRuns.run(line, after: after).outcomes
            for o in outcomes {
                // An example that fails would leave its screen unchecked: it must run (data-dependent
                // ones through their `after` line).
                if case let .failure(e) = o { if example { XCTFail("example `\(line)` (after `\(after ?? "")`) failed: \(e)") }; continue }
                guard case let .success(_, out) = o else { continue }
                for w in Self.widths {
                    let text = out.renderText(TextStyle(width: w))
                    for (n, l) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where l.count > w {
                        XCTFail("`\(line)` at \(w) columns, line \(n + 1) is \(l.count) wide: \(l)")
                    }
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 100)
    }

    /// A table too wide for the screen leaves out its stated columns, says which, and `--wide` brings them back.
    func testArchTableDropsStatedColumnsAndWideShowsThem() throws {
        var i = Interpreter()
        guard case let .success(_, out) = i.execute(statement: "arch vgg16") else { return XCTFail() }
        let narrow = out.renderText(TextStyle(width: 80))
        let header = narrow.split(separator: "\n")[1]
        for kept in ["layer", "output", "memory", "params"] { XCTAssertTrue(header.contains(kept), "\(kept) kept") }
        for gone in ["fan-in", "biases", "weights"] { XCTAssertFalse(header.contains(gone), "\(gone) dropped at 80") }
        let flat = narrow.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
        XCTAssertTrue(flat.contains("(fan-in, biases, weights") && flat.contains("--wide shows every column"), "the note names what is hidden")
        let wide = out.renderText(TextStyle(width: 80, wide: true))
        let wideHeader = wide.split(separator: "\n")[1]
        for all in ["fan-in", "biases", "weights", "mult-adds", "activations", "detail"] { XCTAssertTrue(wideHeader.contains(all)) }
        XCTAssertFalse(wide.contains("--wide shows"))
        // At 140 columns more of them fit than at 80.
        let mid = out.renderText(TextStyle(width: 140)).split(separator: "\n")[1]
        XCTAssertTrue(mid.contains("mult-adds") && mid.contains("detail"))
    }

    /// Prose wraps at spaces with a hanging indent; a word longer than the line is broken, not cut.
    func testWrapKeepsEveryCharacter() {
        let style = TextStyle(width: 40)
        let line = "  note: " + String(repeating: "abc ", count: 20) + String(repeating: "x", count: 90)
        let wrapped = style.wrap(line)
        XCTAssertTrue(wrapped.allSatisfy { $0.count <= 40 })
        XCTAssertTrue(wrapped.dropFirst().allSatisfy { $0.hasPrefix("    ") }, "hanging indent of 2 more than the line's own")
        let words = wrapped.joined(separator: "").filter { $0 != " " }
        XCTAssertEqual(words, line.filter { $0 != " " })
        XCTAssertEqual(style.wrap("short line"), ["short line"])
        // Colour escapes take no columns.
        XCTAssertEqual(TextStyle.visibleCount("\u{1B}[1mbold\u{1B}[0m"), 4)
    }
}

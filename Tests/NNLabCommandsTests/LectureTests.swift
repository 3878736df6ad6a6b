import Foundation
import XCTest
@testable import NNLabCommands

/// The notes shipped in the binary, their rendering, and the doc-test: every "try it" command of
/// every note runs and succeeds.
final class LectureTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func testEmbeddedNotesMatchLecturesFolder() throws {
        let dir = Self.root.appendingPathComponent("lectures")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".md") }.sorted()
        XCTAssertEqual(Lecture.all.map { $0.name + ".md" }.sorted(), files,
                       "run `python3 lectures/embed.py` after adding or removing a note")
        for l in Lecture.all {
            var text = try String(contentsOf: dir.appendingPathComponent(l.name + ".md"), encoding: .utf8)
            while text.hasSuffix("\n") { text.removeLast() }
            XCTAssertEqual(l.markdown, text, "\(l.name).md changed: run `python3 lectures/embed.py`")
        }
    }

    func testNoRenderedLineExceedsTheWidth() {
        for l in Lecture.all {
            for w in [80, 140, 40] {
                for line in MarkdownRenderer(width: w).render(l.document).components(separatedBy: "\n") {
                    XCTAssertLessThanOrEqual(line.count, w, "\(l.name) at \(w): \(line)")
                }
            }
        }
    }

    func testTryItCommandsAreExtractedWithoutPromptOrComment() {
        XCTAssertEqual(Lecture.command(inLine: "    nnlab> conv 7 3 1        # (7 - 3)/1 + 1 = 5"), "conv 7 3 1")
        XCTAssertEqual(Lecture.command(inLine: "nnlab> graph \"a#b\" x=1"), "graph \"a#b\" x=1")
        XCTAssertNil(Lecture.command(inLine: "conv 7 3 1"))
        let conv = try? XCTUnwrap(Lecture.find("convolution-arithmetic"))
        XCTAssertEqual(conv?.tryItBlocks.first?.first.map { $0.hasPrefix("conv") }, true)
    }

    func testLookupByNumberNameAndPrefix() {
        XCTAssertEqual(Lecture.find("1")?.name, "convolution-arithmetic")
        XCTAssertEqual(Lecture.find("backprop")?.name, "backprop")
        XCTAssertEqual(Lecture.find("init")?.name, "initialization")
        XCTAssertNil(Lecture.find("c"), "ambiguous: convolution-arithmetic and cnn-case-studies")
        XCTAssertNil(Lecture.find("99"))
    }

    func testLectureCommands() throws {
        let list = try result("lectures")
        // One entry per note in the lectures folder.
        let notes = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("lectures").path)
            .filter { $0.hasSuffix(".md") }.count
        XCTAssertEqual(list["lectures"].flatMap { if case let .array(a) = $0 { return a.count } else { return nil } }, notes)
        XCTAssertEqual(try result("lecture 3")["name"], .string("backprop"))
        XCTAssertEqual(try result("lecture backprop width=140")["width"], .number(140))
        let err = try XCTUnwrap(errorMessage("lecture 99"))
        XCTAssertTrue(err.contains("1 to \(notes)") && err.contains("e.g. lecture 1"), err)
        XCTAssertNotNil(errorMessage("lecture 1 width=5"))
    }

    /// The doc-test: each note's commands run in order in one session, as `lecture N run` would.
    func testEveryTryItCommandSucceeds() {
        for l in Lecture.all {
            var i = Interpreter()
            for block in l.tryItBlocks {
                for cmd in block {
                    for o in i.execute(line: cmd) {
                        if case let .failure(e) = o { XCTFail("\(l.name).md: `\(cmd)` failed: \(e)") }
                    }
                }
            }
        }
    }
}

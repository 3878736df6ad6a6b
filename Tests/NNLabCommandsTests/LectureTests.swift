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

    /// Every `nnlab> ` line a note's source holds is in a code block, so it is shown verbatim and
    /// doc-tested (an indented line after a list item is a paragraph instead, and silently untested).
    func testEveryPromptLineIsATryItCommand() {
        for l in Lecture.all {
            let source = l.markdown.components(separatedBy: "\n").compactMap(Lecture.command(inLine:))
            XCTAssertEqual(l.tryItBlocks.joined().map { $0 }, source, "\(l.name): a nnlab> line outside a code block")
        }
    }

    /// Arithmetic like 11*11*3 in prose must be escaped (11\\*11\\*3) or in backticks: Markdown reads a
    /// bare `*` between two characters as emphasis and the reader saw "11113".
    func testProseArithmeticIsNotReadAsEmphasis() {
        for l in Lecture.all {
            let text = MarkdownRenderer(width: 400).render(l.document)
            var inCode = false
            for line in l.markdown.components(separatedBy: "\n") {
                if line.hasPrefix("```") { inCode.toggle(); continue }
                if inCode || line.hasPrefix("    ") { continue }
                // Outside code spans, a product written with \* must come out with its stars.
                for piece in line.components(separatedBy: "`").enumerated() where piece.offset % 2 == 0 {
                    for word in piece.element.split(separator: " ") where word.contains("\\*") {
                        let shown = word.replacingOccurrences(of: "\\*", with: "*").trimmingCharacters(in: CharacterSet(charactersIn: "(),.:;"))
                        XCTAssertTrue(text.contains(shown), "\(l.name): \(shown) is not shown as written")
                    }
                    let bare = piece.element.replacingOccurrences(of: "\\*", with: "")
                    XCTAssertNil(bare.range(of: #"[A-Za-z0-9)]\*[A-Za-z0-9(]"#, options: .regularExpression),
                                 "\(l.name): a bare * in `\(line)` is read as emphasis: escape it as \\* or use backticks")
                }
            }
        }
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

    /// Every note through the command at the screen's width: 80 and 140 columns (and 40), with no
    /// line over the width, code blocks included; piped (no colour) and with colour.
    func testEveryNoteRendersAtTheStyleWidth() {
        for l in Lecture.all {
            var i = Interpreter()
            guard case let .success(_, out) = i.execute(statement: "lecture \(l.number)") else { XCTFail(l.name); continue }
            XCTAssertTrue(out is any PagedOutput, "notes go through the pager on a terminal")
            for w in [80, 140, 40] {
                let text = out.renderText(TextStyle(width: w))
                let lines = text.components(separatedBy: "\n")
                for line in lines { XCTAssertLessThanOrEqual(line.count, w, "\(l.name) at \(w): \(line)") }
                XCTAssertFalse(text.contains("<!--"), "\(l.name): comments are not shown")
                if w == 140 { XCTAssertLessThan(lines.count, out.renderText(TextStyle(width: 80)).components(separatedBy: "\n").count,
                                                "\(l.name): a wider screen gives fewer lines") }
            }
        }
        // width= overrides the screen's width.
        var i = Interpreter()
        guard case let .success(_, out) = i.execute(statement: "lecture 3 width=60") else { return XCTFail() }
        XCTAssertEqual(out.renderText(TextStyle(width: 140)).components(separatedBy: "\n").map(\.count).max().map { $0 <= 60 }, true)
    }

    func testALongCodeLineIsCutWithAMark() {
        let doc = Markdown(parsing: "    nnlab> " + String(repeating: "conv 32 5 ", count: 20))
        let lines = MarkdownRenderer(width: 40).render(doc).components(separatedBy: "\n")
        XCTAssertGreaterThan(lines.count, 1)
        for l in lines.dropLast() { XCTAssertTrue(l.hasSuffix("\\"), l) }
        for l in lines { XCTAssertLessThanOrEqual(l.count, 40) }
        XCTAssertEqual(lines.map { String($0.dropFirst(4).dropLast($0.hasSuffix("\\") ? 1 : 0)) }.joined(),
                       "nnlab> " + String(repeating: "conv 32 5 ", count: 20), "nothing is lost in the cut")
    }

    func testChecksInACommentBelongToTheBlockAbove() {
        let md = """
            Text.

                nnlab> conv 32 5

            <!--
            expect out == 28
            -->

                nnlab> conv 7 3
            """
        let l = Lecture(number: 1, name: "t", markdown: md)
        XCTAssertEqual(l.tryIt, [.init(commands: ["conv 32 5"], checks: ["expect out == 28"]), .init(commands: ["conv 7 3"], checks: [])])
        XCTAssertFalse(MarkdownRenderer(width: 80).render(l.document).contains("expect"))
    }

    /// Lines a person types at `lecture N run`.
    final class Keys: InputChannel, @unchecked Sendable {
        var lines: [InputLine]
        var prompts = 0
        init(_ lines: [InputLine]) { self.lines = lines }
        var isTerminal: Bool { true }
        func readLine(prompt: String) -> InputLine { prompts += 1; return lines.isEmpty ? .endOfInput : lines.removeFirst() }
    }

    func testRunStepsThroughTheBlocksAndKeepsTheSession() throws {
        let dropout = try XCTUnwrap(Lecture.find("dropout"))
        // Piped (no terminal): everything at once, and the session keeps what the commands set.
        var i = Interpreter()
        guard case let .success(_, out) = i.execute(statement: "lecture dropout run"), let r = out as? LectureRunOutput else { return XCTFail() }
        XCTAssertEqual(r.ran, dropout.tryItBlocks.joined().count)
        XCTAssertEqual(r.failed, 0)
        XCTAssertFalse(r.stopped)
        XCTAssertEqual(i.session.settings.dropout, 0.5, "`dropout 0.5` in the note set the session's dropout")
        // On a terminal: Enter runs, s skips, q leaves.
        let keys = Keys([.line(""), .line("s"), .line("q")])
        var t = Interpreter()
        t.context.input = keys
        guard case let .success(_, o2) = t.execute(statement: "lecture 1 run"), let r2 = o2 as? LectureRunOutput else { return XCTFail() }
        XCTAssertEqual(r2.ran, 1)
        XCTAssertEqual(r2.steps.map(\.skipped), [false, true])
        XCTAssertTrue(r2.stopped)
        XCTAssertEqual(keys.prompts, 3)
        XCTAssertTrue(r2.renderText(.plain).replacingOccurrences(of: "\n  ", with: " ").contains("ran 1 of \(Lecture.all[0].tryItBlocks.joined().count) commands, skipped 1; left at command 3"))
        // Ctrl-C at the prompt leaves too.
        var c = Interpreter()
        c.context.input = Keys([.interrupted])
        guard case let .success(_, o3) = c.execute(statement: "lecture 1 run"), let r3 = o3 as? LectureRunOutput else { return XCTFail() }
        XCTAssertEqual(r3.ran, 0)
        XCTAssertTrue(r3.stopped)
        XCTAssertNotNil(errorMessage("lecture 1 walk"))
    }
}

import XCTest
@testable import NNLabCommands

/// The renderer against hand-written expectations: each expected block below is what the
/// Markdown means, written out by hand, not captured from the renderer.
final class MarkdownRendererTests: XCTestCase {
    func render(_ md: String, width: Int = 80) -> String { MarkdownRenderer(width: width).render(Markdown(parsing: md)) }

    func testHeadingsAreUnderlinedInPlainText() {
        XCTAssertEqual(render("# Dropout\n\n## Why\n\n### Detail"), "Dropout\n=======\n\nWhy\n---\n\nDetail")
    }

    func testParagraphIsRewrappedAtTheWidth() {
        // 23 columns: "alpha beta gamma delta" is 22 characters, "epsilon" goes to the next line.
        XCTAssertEqual(render("alpha beta\ngamma delta epsilon", width: 23), "alpha beta gamma delta\nepsilon")
    }

    func testEmphasisAndCodeLoseTheirMarkersAndGainColourOnlyWithColour() {
        XCTAssertEqual(render("a *b* **c** `d`"), "a b c d")
        let coloured = MarkdownRenderer(width: 80, style: TextStyle(color: true)).render(Markdown(parsing: "**c**"))
        XCTAssertEqual(coloured, "\u{1B}[1mc\u{1B}[0m")
    }

    func testListItemsHaveHangingIndents() {
        let md = "- one two three four\n- five\n\n1. six seven eight\n2. nine"
        // Width 12: "- " leaves 10 columns for "one two three four" -> "one two" / "three four".
        XCTAssertEqual(render(md, width: 20).components(separatedBy: "\n").first, "- one two three four")
        XCTAssertEqual(MarkdownRenderer(width: 20).lines(Markdown(parsing: "- one two three four").blocks, width: 12),
                       ["- one two", "  three four"])
        XCTAssertTrue(render(md).contains("1. six seven eight\n2. nine"))
    }

    func testCodeBlocksAreVerbatimAndIndented() {
        XCTAssertEqual(render("    nnlab> conv 7 3 1    # (7 - 3)/1 + 1 = 5"), "    nnlab> conv 7 3 1    # (7 - 3)/1 + 1 = 5")
        XCTAssertEqual(render("```\na  b\n```"), "    a  b")
    }

    func testTableColumnsAlignAsTheMarkdownSays() {
        let md = "| name | n |\n|:-----|--:|\n| lenet | 5 |\n| vgg | 16 |"
        XCTAssertEqual(render(md), "name    n\n-----  --\nlenet   5\nvgg    16")
    }

    func testWideTablesWrapTheirCellsToFit() {
        let md = "| a | b |\n|---|---|\n| " + String(repeating: "word ", count: 30) + "| x |"
        let lines = render(md, width: 40).components(separatedBy: "\n")
        XCTAssertGreaterThan(lines.count, 3)
        for l in lines { XCTAssertLessThanOrEqual(l.count, 40, l) }
    }

    func testALongWordIsCutToTheWidth() {
        let lines = render(String(repeating: "x", count: 50), width: 20).components(separatedBy: "\n")
        XCTAssertEqual(lines, [String(repeating: "x", count: 20), String(repeating: "x", count: 20), String(repeating: "x", count: 10)])
    }

    func testColumnWidthsShrinkTheWidestFirst() {
        // 10 + 30 + 2 gaps = 42 > 30: the 30-wide column gives up 12 characters.
        XCTAssertEqual(MarkdownRenderer.columnWidths([10, 30], fitting: 30), [10, 18])
    }
}

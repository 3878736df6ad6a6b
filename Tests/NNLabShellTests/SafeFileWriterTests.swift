import Foundation
import XCTest
import NNLabCommands

/// Issue 10, items 1, 2 and 20 (`~`): each test checks the bytes of the user's files afterwards.
final class SafeFileWriterTests: XCTestCase {
    var dir = ""
    let fm = FileManager.default

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "nnlab-safe-\(UUID().uuidString)"
        try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? fm.removeItem(atPath: dir) }

    func contents(_ p: String) -> String? { fm.contents(atPath: p).flatMap { String(data: $0, encoding: .utf8) } }
    func entries() -> [String] { ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).sorted() }

    func testNewFileHasTheBytesAndNoTemporaryIsLeft() throws {
        try SafeFileWriter.write(Data("<svg/>".utf8), to: dir + "/a.svg")
        XCTAssertEqual(contents(dir + "/a.svg"), "<svg/>")
        XCTAssertEqual(entries(), ["a.svg"])
    }

    func testRegularFileIsReplacedKeepingItsPermissions() throws {
        let p = dir + "/a.svg"
        try Data("old".utf8).write(to: URL(fileURLWithPath: p))
        try fm.setAttributes([.posixPermissions: 0o640], ofItemAtPath: p)
        try SafeFileWriter.write(Data("new".utf8), to: p)
        XCTAssertEqual(contents(p), "new")
        XCTAssertEqual((try fm.attributesOfItem(atPath: p)[.posixPermissions] as? NSNumber)?.intValue, 0o640)
    }

    func testDirectoryIsNeverReplaced() throws {
        let d = dir + "/important.svg"
        try fm.createDirectory(atPath: d + "/sub", withIntermediateDirectories: true)
        try Data("precious".utf8).write(to: URL(fileURLWithPath: d + "/notes.txt"))
        XCTAssertThrowsError(try SafeFileWriter.write(Data("x".utf8), to: d)) { e in
            XCTAssertEqual("\(e)", "cannot write '\(d)': it is a directory, not a regular file; only a regular file is replaced")
        }
        XCTAssertEqual(contents(d + "/notes.txt"), "precious")
        XCTAssertTrue(fm.fileExists(atPath: d + "/sub"))
        XCTAssertEqual(entries(), ["important.svg"])
    }

    func testOldTemporaryNameIsLeftAloneAndLongNamesWork() throws {
        // The old writer deleted whatever was at .NAME.svg.tmp, and 251-255-character names failed.
        let old = dir + "/.a.svg.tmp"
        try fm.createDirectory(atPath: old, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: old + "/f"))
        try SafeFileWriter.write(Data("x".utf8), to: dir + "/a.svg")
        XCTAssertEqual(contents(old + "/f"), "mine")
        let long = String(repeating: "n", count: 251) + ".svg"   // 255 characters, the limit of a name
        try SafeFileWriter.write(Data("long".utf8), to: dir + "/" + long)
        XCTAssertEqual(contents(dir + "/" + long), "long")
    }

    func testSymlinks() throws {
        let target = dir + "/real.svg", link = dir + "/link.svg"
        try Data("old".utf8).write(to: URL(fileURLWithPath: target))
        try fm.createSymbolicLink(atPath: link, withDestinationPath: target)
        try SafeFileWriter.write(Data("new".utf8), to: link)
        XCTAssertEqual(contents(target), "new")
        XCTAssertEqual(try fm.destinationOfSymbolicLink(atPath: link), target, "the link stays a link")

        let dangling = dir + "/dangling.svg"
        try fm.createSymbolicLink(atPath: dangling, withDestinationPath: dir + "/nowhere.svg")
        XCTAssertThrowsError(try SafeFileWriter.write(Data("x".utf8), to: dangling)) { e in
            XCTAssertTrue("\(e)".contains("does not exist"), "\(e)")
        }
        XCTAssertFalse(fm.fileExists(atPath: dir + "/nowhere.svg"))

        let toDir = dir + "/todir.svg"
        try fm.createDirectory(atPath: dir + "/folder", withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: toDir, withDestinationPath: dir + "/folder")
        XCTAssertThrowsError(try SafeFileWriter.write(Data("x".utf8), to: toDir)) { e in
            XCTAssertTrue("\(e)".contains("symbolic link to a directory"), "\(e)")
        }
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: dir + "/folder"), [])
    }

    func testMissingFolderAndFIFONameTheReasonInWords() throws {
        XCTAssertThrowsError(try SafeFileWriter.write(Data("x".utf8), to: dir + "/no/such/a.svg")) { e in
            XCTAssertEqual("\(e)", "cannot write '\(dir)/no/such/a.svg': cannot create a file in the folder '\(dir)/no/such': no such file or directory")
        }
        let fifo = dir + "/pipe.svg"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        XCTAssertThrowsError(try SafeFileWriter.write(Data("x".utf8), to: fifo)) { e in
            XCTAssertTrue("\(e)".contains("FIFO"), "\(e)")
            XCTAssertFalse("\(e)".contains("error 5"), "no NSError code")
        }
    }

    func testTildeExpandsFromHOME() {
        XCTAssertEqual(SafeFileWriter.expandingTilde("~/x.svg", home: "/h/me"), "/h/me/x.svg")
        XCTAssertEqual(SafeFileWriter.expandingTilde("~", home: "/h/me"), "/h/me")
        XCTAssertEqual(SafeFileWriter.expandingTilde("a/~/x.svg", home: "/h/me"), "a/~/x.svg")
        XCTAssertEqual(SafeFileWriter.expandingTilde("~bob/x.svg", home: "/h/me"), "~bob/x.svg")
    }

    /// Through the command: `save` onto a folder named like the figure leaves the folder's bytes.
    func testSaveOntoADirectoryFailsAndKeepsIt() throws {
        let d = dir + "/important.svg"
        try fm.createDirectory(atPath: d + "/sub", withIntermediateDirectories: true)
        try Data("precious\n".utf8).write(to: URL(fileURLWithPath: d + "/notes.txt"))
        var i = Interpreter()
        let outcomes = i.execute(line: "init xavier layers=1 width=4 batch=4; save \(d)")
        guard case let .failure(e)? = outcomes.last else { return XCTFail("save onto a directory must fail") }
        XCTAssertTrue(e.description.contains("it is a directory"), e.description)
        XCTAssertEqual(contents(d + "/notes.txt"), "precious\n")
        XCTAssertEqual(entries(), ["important.svg"])
    }
}

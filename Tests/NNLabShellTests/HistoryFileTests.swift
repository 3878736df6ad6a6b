import Foundation
import XCTest
@testable import NNLabShell

/// Issue 10 items 3-4: the history file is nnlab's own; anything else at its path is left byte for
/// byte, and shells sharing one history keep each other's lines.
final class HistoryFileTests: XCTestCase {
    var dir = ""
    let fm = FileManager.default

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "nnlab-history-\(UUID().uuidString)"
        try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws {
        chmod(dir + "/ro", 0o644)
        try? fm.removeItem(atPath: dir)
    }

    func bytes(_ p: String) -> [UInt8] { Array(fm.contents(atPath: p) ?? Data()) }
    /// The entries after the header, decoded by libedit's format (plain lines here).
    func entries(_ p: String) -> [String] {
        let text = String(decoding: bytes(p), as: UTF8.self)
        let lines = text.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, HistoryFile.header)
        return Array(lines.dropFirst())
    }

    func testNewHistoryIsCreatedPrivateAndAppended() throws {
        let p = dir + "/h"
        let h = HistoryFile(path: p)
        XCTAssertNil(h.problem)
        XCTAssertNil(h.append("conv 32 5"))
        XCTAssertNil(h.append("seed 1"))
        // libedit encodes a space as \040 (strvis VIS_WHITE).
        XCTAssertEqual(entries(p), ["conv\\04032\\0405", "seed\\0401"])
        let mode = try XCTUnwrap(fm.attributesOfItem(atPath: p)[.posixPermissions] as? Int)
        XCTAssertEqual(mode, 0o600)
    }

    func testTextFileBinaryFileAndFolderAreRefusedAndUntouched() throws {
        let text = dir + "/notes.txt"
        let original = Array("precious notes\nline two\n".utf8)
        fm.createFile(atPath: text, contents: Data(original))
        let binary = dir + "/blob"
        let blob: [UInt8] = [0, 1, 2, 255, 254, 10, 0]
        fm.createFile(atPath: binary, contents: Data(blob))
        try fm.createDirectory(atPath: dir + "/folder/sub", withIntermediateDirectories: true)
        for (p, reason) in [(text, "does not start with libedit's history header"), (binary, "history header"),
                            (dir + "/folder", "is a directory"), (dir + "/missing/h", "the folder \(dir)/missing does not exist")] {
            let h = HistoryFile(path: p)
            let problem = try XCTUnwrap(h.problem, p)
            XCTAssertTrue(problem.contains(reason), problem)
            XCTAssertTrue(problem.contains(p), "names the path: \(problem)")
            XCTAssertNil(h.append("conv 32 5"), "said once, at start-up")
        }
        XCTAssertEqual(bytes(text), original)
        XCTAssertEqual(bytes(binary), blob)
        XCTAssertTrue(fm.fileExists(atPath: dir + "/folder/sub"))
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: dir).sorted(), ["blob", "folder", "notes.txt"], "no temporary files left")
    }

    func testReadOnlyHistoryIsRefusedAndKept() throws {
        let p = dir + "/ro"
        let original = Array((HistoryFile.header + "\nold\n").utf8)
        fm.createFile(atPath: p, contents: Data(original))
        chmod(p, 0o444)
        let h = HistoryFile(path: p)
        XCTAssertTrue(h.problem?.contains("read-only") == true, "\(h.problem ?? "nil")")
        h.append("new")
        XCTAssertEqual(bytes(p), original)
    }

    func testSymlinkedHistoryUpdatesTheTargetAndKeepsTheLink() throws {
        let target = dir + "/real"
        fm.createFile(atPath: target, contents: Data((HistoryFile.header + "\nold\n").utf8))
        try fm.createSymbolicLink(atPath: dir + "/link", withDestinationPath: target)
        let h = HistoryFile(path: dir + "/link")
        XCTAssertNil(h.problem)
        XCTAssertNil(h.append("new"))
        XCTAssertEqual(try fm.destinationOfSymbolicLink(atPath: dir + "/link"), target)
        XCTAssertEqual(entries(target), ["old", "new"])
    }

    /// Two shells on one file, saving in turn: every line of both survives (a rename alone kept
    /// only the last writer's). Then many writers at once: the lock keeps all their lines.
    func testSharedHistoryMergesBothShellsLines() throws {
        let p = dir + "/shared"
        let a = HistoryFile(path: p), b = HistoryFile(path: p)
        a.append("a1"); b.append("b1"); a.append("a2"); b.append("b2")
        XCTAssertEqual(entries(p), ["a1", "b1", "a2", "b2"])

        let q = dir + "/busy"
        // Each writer is its own HistoryFile (its own open of the folder, as a second process
        // would have), made and used on its own thread.
        DispatchQueue.concurrentPerform(iterations: 4) { w in
            let writer = HistoryFile(path: q)
            for n in 0..<25 { writer.append("w\(w)-\(n)") }
        }
        let got = Set(entries(q))
        XCTAssertEqual(got.count, 100, "lost \(100 - got.count) lines")
    }

    func testLongHistoryIsNotedOnce() throws {
        let p = dir + "/long"
        let body = (0..<1500).map { "line\($0)" }.joined(separator: "\n")
        fm.createFile(atPath: p, contents: Data((HistoryFile.header + "\n" + body + "\n").utf8))
        let h = HistoryFile(path: p)
        XCTAssertEqual(h.notes.count, 1)
        XCTAssertTrue(h.notes[0].contains("1500 entries"), h.notes[0])
        XCTAssertTrue(h.notes[0].contains("newest 1000"), h.notes[0])
        h.append("new")
        let e = entries(p)
        XCTAssertEqual(e.count, 1000)
        XCTAssertEqual(e.last, "new")
        XCTAssertEqual(e.first, "line501")
    }
}

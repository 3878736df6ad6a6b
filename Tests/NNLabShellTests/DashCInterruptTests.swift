import Foundation
import XCTest

/// Ctrl-C during `nnlab -c`: the running command stops at its next safe point and prints what it
/// completed, marked interrupted; the commands after it are not run; the status is 130.
final class DashCInterruptTests: XCTestCase {
    func testCtrlCStopsTheCommandKeepsItsSummaryAndEndsTheRun() throws {
        let binary = packageRoot + "/.build/debug/nnlab"
        guard FileManager.default.isExecutableFile(atPath: binary) else { throw XCTSkip("run `swift build` first") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = ["-c", "data digits; model 64-100-10; train epochs=1000", "-c", "conv 32 5 1 2"]
        var env = ProcessInfo.processInfo.environment
        env["NNLAB_HISTORY"] = ""
        p.environment = env
        let o = Pipe(), e = Pipe()
        p.standardOutput = o; p.standardError = e; p.standardInput = FileHandle.nullDevice
        try p.run()
        // Wait until training has printed its first epoch, then press Ctrl-C.
        let deadline = Date().addingTimeInterval(60)
        var out = Data()
        while Date() < deadline {
            out.append(o.fileHandleForReading.availableData)
            if String(decoding: out, as: UTF8.self).contains("Finished epoch 1 /") { break }
        }
        kill(p.processIdentifier, SIGINT)
        let sent = Date()
        out.append(o.fileHandleForReading.readDataToEndOfFile())
        p.waitUntilExit()
        let waited = Date().timeIntervalSince(sent)
        let text = String(decoding: out, as: UTF8.self)
        let err = String(decoding: e.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(p.terminationStatus, 130, "128 + SIGINT, as shells report it")
        XCTAssertTrue(text.contains("interrupted"), "train's summary says it was interrupted: \(text.suffix(400))")
        XCTAssertFalse(text.contains("Finished epoch 1000 / 1000"), "it did not run to the end")
        XCTAssertFalse(text.contains("(32 - 5 + 2*2)/1 + 1"), "the statement after it was not run")
        XCTAssertTrue(err.contains("the rest of the input was not run"), err)
        XCTAssertLessThan(waited, 10, "it stopped promptly (a loaded debug build; in tmux it takes well under 0.5 s)")
    }
}

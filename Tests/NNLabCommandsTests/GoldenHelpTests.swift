import Foundation
import XCTest
@testable import NNLabCommands

/// Golden help screens: `help` and `help CMD` for every command at 80 columns, kept as plain files
/// in Tests/Golden/help/, so a change to a help page shows as a diff in review. After an intended
/// change, re-record them all with
///
///     NNLAB_RECORD=1 swift test --filter GoldenHelpTests
///
/// and read the `git diff` of Tests/Golden before committing.
final class GoldenHelpTests: XCTestCase {
    static let folder = packageRoot + "/Tests/Golden/help"
    static var recording: Bool { ProcessInfo.processInfo.environment["NNLAB_RECORD"] == "1" }

    /// The screens: the index as `index.txt`, each command as `NAME.txt`.
    static func screens() throws -> [(file: String, text: String)] {
        var out: [(String, String)] = []
        for (file, line) in [("index", "help")] + Registry.standard.commands.map({ ($0.spec.name, "help \($0.spec.name)") }) {
            var i = Interpreter()
            guard case let .success(_, page) = i.execute(statement: line) else { throw XCTSkip("`\(line)` failed") }
            out.append((file, page.renderText(TextStyle(color: false, width: 80)) + "\n"))
        }
        return out
    }

    func testEveryHelpScreenMatchesItsGoldenFile() throws {
        let screens = try Self.screens()
        let fm = FileManager.default
        try fm.createDirectory(atPath: Self.folder, withIntermediateDirectories: true)
        let wanted = Set(screens.map { $0.file + ".txt" })
        let present = Set(try fm.contentsOfDirectory(atPath: Self.folder).filter { $0.hasSuffix(".txt") })
        let hint = "after an intended change: NNLAB_RECORD=1 swift test --filter GoldenHelpTests, then review git diff Tests/Golden"
        if Self.recording {
            for (file, text) in screens {
                let path = Self.folder + "/\(file).txt"
                if (try? String(contentsOfFile: path, encoding: .utf8)) != text { try SafeFileWriter.write(Data(text.utf8), to: path) }
            }
            for stale in present.subtracting(wanted) { try fm.removeItem(atPath: Self.folder + "/" + stale) }
            return
        }
        for (file, text) in screens {
            guard let golden = try? String(contentsOfFile: Self.folder + "/\(file).txt", encoding: .utf8) else {
                XCTFail("no golden screen Tests/Golden/help/\(file).txt; \(hint)")
                continue
            }
            if golden != text {
                XCTFail("help screen \(file) differs from Tests/Golden/help/\(file).txt (- golden, + now):\n\(lineDiff(expected: golden, got: text))\n\(hint)")
            }
        }
        for stale in present.subtracting(wanted).sorted() {
            XCTFail("Tests/Golden/help/\(stale) is no command's help screen; \(hint)")
        }
    }

    /// Every argument declared for some forms only says which in `help CMD` (at a width where no
    /// cell wraps, on its own row), and one hand-checked case: `act`'s x= is refused with
    /// positive-inputs and dead-relu (ActCommand declares it `.except([...])`).
    func testArgumentsShowTheFormsTheyBelongTo() throws {
        var withForms = 0
        for c in Registry.standard.commands {
            var i = Interpreter()
            guard case let .success(_, page) = i.execute(statement: "help \(c.spec.name)") else { return XCTFail(c.spec.name) }
            let lines = page.renderText(TextStyle(color: false, width: 1000)).split(separator: "\n")
            for a in c.spec.arguments {
                let name = a.form == .keyword ? a.name + "=" : a.name
                guard let row = lines.first(where: { $0.hasPrefix("  " + name + " ") }) else {
                    XCTFail("help \(c.spec.name): no row for \(name)"); continue
                }
                if let rule = a.appliesTo {
                    withForms += 1
                    let listed = rule.modes.joined(separator: ", ")
                    let note = rule.excluded ? "(not with \(listed))" : "(\(listed) only)"
                    XCTAssertTrue(row.contains(note), "help \(c.spec.name): \(name) should show \(note): \(row)")
                } else {
                    XCTAssertFalse(row.contains(" only) ") || row.contains("(not with "), "help \(c.spec.name): \(name) applies to every form: \(row)")
                }
            }
        }
        XCTAssertGreaterThan(withForms, 10)
        var i = Interpreter()
        guard case let .success(_, act) = i.execute(statement: "help act") else { return XCTFail() }
        let json = try i.resultValue(command: "help", output: act)
        let x = json["page.arguments"].flatMap { v -> JSONValue? in
            guard case let .array(items) = v else { return nil }
            return items.first { $0["name"] == .string("x") }
        }
        XCTAssertEqual(x?["forms"], .string("not with positive-inputs, dead-relu"))
    }
}

import Foundation
import NNLabCommands
import NNLabGrading

/// Writes a student copy (`nnlab exercises release DIR`) or a grading copy (the same plus the
/// hidden graders and their fixtures) of the exercises: a Swift package with no dependencies.
/// Neither holds a reference solution: every exercise file is its stub.
///
/// Files go through `SafeFileWriter` (complete new bytes or nothing). A folder that is not empty is
/// refused unless `force`; even then nothing is deleted: only the files listed below are written.
public enum ReleaseWriter {
    public enum Kind: Sendable { case student, grading }

    public struct ReleaseError: Error, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Relative path -> contents of every file of a copy, fixtures computed by `expected`.
    public static func files(_ kind: Kind, expected: any ExpectedValues = CoreExpectedValues()) throws -> [(path: String, data: Data)] {
        var out: [(String, Data)] = []
        let hiddenPoints = ExtraGraders.all.reduce(0) { $0 + $1.points }
        let visiblePoints = VisibleGraders.all.reduce(0) { $0 + $1.points }
        for f in EmbeddedSources.exercises {
            // Stubs in both kinds: a grading copy must not hand a missing file the reference solution
            // (Gradescope's run_autograder keeps whatever file a submission lacks).
            let text = try SolutionStripper.strip(f.text, file: f.name).text
            out.append(("Sources/NNLabExercises/\(f.name)", Data(text.utf8)))
        }
        for f in EmbeddedSources.grading {
            let text = f.name == "ExtraGraders.swift" && kind == .student ? ReleaseTemplates.extraGradersPlaceholder : f.text
            out.append(("Sources/NNLabGrading/\(f.name)", Data(text.utf8)))
        }
        out.append(("Package.swift", Data(ReleaseTemplates.packageSwift.utf8)))
        out.append(("Sources/grade/main.swift", Data(ReleaseTemplates.gradeMain.utf8)))
        out.append(("Tests/GradersTests/GradersTests.swift", Data(ReleaseTemplates.gradersTests.utf8)))
        out.append(("README.md", Data(ReleaseTemplates.readme(visiblePoints: visiblePoints, hiddenPoints: hiddenPoints).utf8)))
        out.append(("Fixtures/visible.json", try FixtureFile.make(graders: VisibleGraders.all, uncheckedPoints: hiddenPoints, expected: expected).encoded()))
        if kind == .grading {
            out.append(("Fixtures/hidden.json", try FixtureFile.make(graders: ExtraGraders.all, uncheckedPoints: 0, expected: expected).encoded()))
        }
        return out
    }

    /// The exercise files of a copy (what a student hands in), by name.
    public static var exerciseFileNames: [String] { EmbeddedSources.exercises.map(\.name) }

    /// Writes a copy into `dir`; returns the relative paths written.
    @discardableResult
    public static func write(_ kind: Kind, to dir: String, force: Bool, expected: any ExpectedValues = CoreExpectedValues()) throws -> [String] {
        let root = SafeFileWriter.expandingTilde(dir)
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: root, isDirectory: &isDir) {
            guard isDir.boolValue else { throw ReleaseError(message: "'\(dir)' exists and is not a folder; give a new or empty folder, e.g. nnlab exercises release handout") }
            let entries = (try? fm.contentsOfDirectory(atPath: root)) ?? []
            if !entries.isEmpty && !force {
                throw ReleaseError(message: "'\(dir)' is not empty (\(entries.count) entr\(entries.count == 1 ? "y" : "ies")); give an empty folder, or --force to write the copy's files into it (nothing else is touched)")
            }
        }
        let all = try files(kind, expected: expected)
        for (path, data) in all {
            let full = (root as NSString).appendingPathComponent(path)
            let parent = (full as NSString).deletingLastPathComponent
            do { try fm.createDirectory(atPath: parent, withIntermediateDirectories: true) } catch {
                throw ReleaseError(message: "cannot create the folder '\(parent)': \(error.localizedDescription)")
            }
            do { try SafeFileWriter.write(data, to: full) } catch { throw ReleaseError(message: error.description) }
        }
        return all.map(\.path)
    }
}

import NNLabGrading

/// The files of a student copy that are not exercise or grading sources.
enum ReleaseTemplates {
    static let packageSwift = """
        // swift-tools-version:6.0
        import PackageDescription

        // A student copy of nnlab's exercises: no dependencies, XCTest only.
        //   swift run grade     every exercise graded in its own process, with a time limit, and the score table
        //   swift test          the same visible graders as XCTest cases (for CI: swift test --parallel --xunit-output results.xml;
        //                       SwiftPM writes XCTest's xUnit file only with --parallel)
        let package = Package(
            name: "nnlab-exercises",
            platforms: [.macOS(.v13)],
            targets: [
                .target(name: "NNLabExercises"),
                .target(name: "NNLabGrading", dependencies: ["NNLabExercises"]),
                .executableTarget(name: "grade", dependencies: ["NNLabGrading"]),
                .testTarget(name: "GradersTests", dependencies: ["NNLabGrading", "NNLabExercises"]),
            ]
        )

        """

    static let gradeMain = """
        // The grading program: `swift run grade [--results results.json] [--timeout SECONDS]`.
        import NNLabGrading
        #if canImport(Glibc)
        import Glibc
        #elseif canImport(Darwin)
        import Darwin
        #endif

        exit(GradingMain.main())

        """

    static let extraGradersPlaceholder = """
        /// Graders added at grading time; a student copy has none.
        public enum ExtraGraders {
            public static let all: [Grader] = []
        }

        """

    static let gradersTests = """
        import Foundation
        import XCTest
        import NNLabGrading

        /// The visible graders as XCTest cases, one per exercise, run in this process (a trap here stops
        /// `swift test`; `swift run grade` runs each exercise in a process of its own instead).
        final class GradersTests: XCTestCase {
            static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures").path

            func grade(_ exercise: String) throws {
                let loaded = try GradingMain.loadFixtures(Self.fixtures)
                let graders = Grading.allGraders.filter { $0.exercise == exercise }
                for r in Grading.run(graders, .student, expected: loaded.expected) where r.score < r.maxScore {
                    XCTFail("\\(r.name): \\(r.output)")
                }
            }

        \(Exercises.all.map { "    func test_\($0.id.replacingOccurrences(of: "-", with: "_"))() throws { try grade(\"\($0.id)\") }" }.joined(separator: "\n"))
        }

        """

    static func readme(visiblePoints: Double, hiddenPoints: Double) -> String {
        let rows = Exercises.all.map { e in
            "| `\(e.id)` | \(e.title) | \(e.functions.map { "`\($0)`" }.joined(separator: ", ")) | \(e.lab) |"
        }.joined(separator: "\n")
        return """
            # nnlab exercises

            Fill in the functions in `Sources/NNLabExercises`. Each one's doc comment says what to compute,
            the shapes of its inputs and outputs, and the formula from the lectures. Replace the two lines

                // YOUR CODE HERE
                throw ExerciseError.notImplemented("...")

            with your code. Arrays are `ExArray` (`shape` and row-major `values`; `a[i, j]` for 2-D arrays,
            see `Sources/NNLabExercises/ExArray.swift`). Do not change the signatures: the graders call them.

            | exercise | what | functions | nnlab lab to try first |
            |---|---|---|---|
            \(rows)

            ## Checking your work

                swift run grade              # the score table; each exercise runs in its own process
                swift test                   # the same checks as XCTest cases
                swift test --parallel --xunit-output results.xml   # and an xUnit file for CI services

            `swift run grade --results results.json` also writes the results in Gradescope's format.
            With nnlab installed, `nnlab exercises check` in this folder does the same as `swift run grade`.

            A grader compares your function with expected values (in `Fixtures/visible.json`, inputs and
            outputs only) on fixed lecture cases and on seeded random inputs, and checks your backward
            passes against numeric gradients of your own forward passes. Its message says what looks wrong:
            a wrong shape (or a transpose), a wrong sign, a constant factor such as p, 2 or N, NaN, or the
            elements that differ.

            An exercise that crashes (an index out of range, a force-unwrap of nil) or runs longer than the
            time limit (10 s, `--timeout`) scores 0, and only that exercise: the others are still graded.

            These graders are worth \(GradeReport.points(visiblePoints)) points. Your instructor's hidden graders are \
            worth \(GradeReport.points(hiddenPoints)) more and run after you submit, so a full score here is not yet
            a full score: the table says how much it could check.

            """
    }
}

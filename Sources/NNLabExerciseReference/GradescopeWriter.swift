import Foundation
import NNLabCommands
import NNLabGrading

/// `nnlab exercises gradescope OUT.zip`: Gradescope's autograder zip. At the zip's top: `setup.sh`
/// (run once when Gradescope builds its image: installs Swift and prebuilds), `run_autograder` (run
/// per submission: copies the student's exercise files into the package, builds, grades, writes
/// /autograder/results/results.json), and the grading copy itself (Package.swift, the graders
/// visible and hidden, their fixtures, every exercise file as its stub, and `Stubs/` to reset a
/// file a submission lacks), which Gradescope unpacks into /autograder/source. `AUTOGRADER_ROOT`
/// (default /autograder) moves all three folders, so the script can be run and tested elsewhere.
public enum GradescopeWriter {
    public static let swiftVersion = "6.0.3"

    static var setupScript: String {
        #"""
        #!/usr/bin/env bash
        # Gradescope runs this once while building the autograder image (Ubuntu 22.04 base image).
        set -euo pipefail
        export DEBIAN_FRONTEND=noninteractive
        apt-get update
        apt-get install -y curl binutils git gnupg2 libc6-dev libcurl4-openssl-dev libedit2 libgcc-11-dev \
            libpython3-dev libsqlite3-0 libstdc++-11-dev libxml2-dev libz3-dev pkg-config tzdata zlib1g-dev
        V=\#(swiftVersion)
        curl -fsSL "https://download.swift.org/swift-$V-release/ubuntu2204/swift-$V-RELEASE/swift-$V-RELEASE-ubuntu22.04.tar.gz" \
            | tar xz -C /opt
        ln -sf "/opt/swift-$V-RELEASE-ubuntu22.04/usr/bin/swift" /usr/local/bin/swift
        # Build once with the stubs, so each submission's build is incremental.
        cd /autograder/source && swift build --product grade

        """#
    }

    static func runScript(exerciseFiles: [String]) -> String {
        #"""
        #!/usr/bin/env bash
        # Gradescope runs this for each submission. AUTOGRADER_ROOT (default /autograder) lets it run elsewhere.
        set -uo pipefail
        ROOT="${AUTOGRADER_ROOT:-/autograder}"
        SRC="$ROOT/source"; SUB="$ROOT/submission"; OUT="$ROOT/results"
        mkdir -p "$OUT"
        # Only the exercise files are taken from the submission (found anywhere in the upload):
        # the graders, fixtures and ExArray.swift stay the instructor's.
        # A file the submission lacks is its stub again (from Stubs/), never a previous submission's.
        for f in \#(exerciseFiles.joined(separator: " ")); do
            src="$(find "$SUB" -type f -name "$f" | head -n 1)"
            if [ -z "$src" ]; then src="$SRC/Stubs/$f"; fi
            cp "$src" "$SRC/Sources/NNLabExercises/$f"
        done
        cd "$SRC"
        if ! swift build --product grade > "$OUT/build.log" 2>&1; then
            # The compiler's first error (not the driver's summary), without this folder's path.
            err="$(grep -m1 ': error:' "$OUT/build.log" || grep -m1 'error:' "$OUT/build.log" || tail -n 1 "$OUT/build.log")"
            err="${err#"$SRC/"}"
            # JSON string: backslashes and quotes escaped, control characters dropped.
            err="$(printf '%s' "$err" | tr -d '\000-\037' | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')"
            printf '{"score": 0, "execution_time": 0, "output": "does not compile: %s", "tests": []}\n' "$err" > "$OUT/results.json"
            exit 0
        fi
        SWIFT_BACKTRACE=enable=no .build/debug/grade --results "$OUT/results.json"

        """#
    }

    /// Relative path, contents and whether it is executable, for every file of the zip.
    public static func entries(expected: any ExpectedValues = CoreExpectedValues()) throws -> [(path: String, data: Data, executable: Bool)] {
        let names = ReleaseWriter.exerciseFileNames.filter { $0 != "ExArray.swift" }
        var out = try ReleaseWriter.files(.grading, expected: expected).map { ($0.path, $0.data, false) }
        // The stubs again, so run_autograder can reset a file a submission lacks.
        for (path, data) in try ReleaseWriter.files(.student, expected: expected) where path.hasPrefix("Sources/NNLabExercises/") {
            out.append(("Stubs/" + (path as NSString).lastPathComponent, data, false))
        }
        out.append(("setup.sh", Data(setupScript.utf8), true))
        out.append(("run_autograder", Data(runScript(exerciseFiles: names).utf8), true))
        return out
    }

    /// Writes the zip to `path` (through SafeFileWriter), with /usr/bin/zip when it exists and the
    /// stored-zip writer otherwise. Returns the entry names.
    @discardableResult
    public static func write(to path: String, useSystemZip: Bool = true) throws -> [String] {
        let files = try entries()
        let data: Data
        if useSystemZip, FileManager.default.isExecutableFile(atPath: "/usr/bin/zip") {
            data = try systemZip(files)
        } else {
            data = StoredZip.archive(files.map { StoredZip.Entry(name: $0.path, data: $0.data, executable: $0.executable) })
        }
        do { try SafeFileWriter.write(data, to: path) } catch { throw ReleaseWriter.ReleaseError(message: error.description) }
        return files.map(\.path)
    }

    static func systemZip(_ files: [(path: String, data: Data, executable: Bool)]) throws -> Data {
        let fm = FileManager.default
        let stage = fm.temporaryDirectory.appendingPathComponent("nnlab-gradescope-\(UUID().uuidString)").path
        defer { try? fm.removeItem(atPath: stage) }
        let tree = (stage as NSString).appendingPathComponent("tree")
        for f in files {
            let full = (tree as NSString).appendingPathComponent(f.path)
            try fm.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            guard fm.createFile(atPath: full, contents: f.data, attributes: [.posixPermissions: f.executable ? 0o755 : 0o644]) else {
                throw ReleaseWriter.ReleaseError(message: "cannot stage \(f.path) in \(stage)")
            }
        }
        let zipPath = (stage as NSString).appendingPathComponent("out.zip")
        let r = IsolatedRunner.run("/usr/bin/zip", ["-q", "-r", "-X", zipPath] + files.map(\.path), directory: tree, timeout: 120)
        guard case .exited(0, _, _) = r, let data = fm.contents(atPath: zipPath) else {
            throw ReleaseWriter.ReleaseError(message: "zip failed: \(r)")
        }
        return data
    }
}

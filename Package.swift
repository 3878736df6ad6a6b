// swift-tools-version:6.0
import PackageDescription

// Layers, each a target, dependencies pointing one way only:
//   NNLabCore (numerics, no I/O) -> NNLabExperiments (structured results)
//   -> NNLabCommands (parse, run, render) -> NNLabShell (libedit, lab scripts) -> nnlab (executable)
let package = Package(
    name: "nnlab",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "nnlab", targets: ["nnlab"]),
        .library(name: "NNLabCore", targets: ["NNLabCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // System libraries. On Apple platforms libedit ships with the OS and BLAS comes from Accelerate;
        // on Linux OpenBLAS (libopenblas0, which scripts/deps.sh installs) is loaded at run time.
        .systemLibrary(
            name: "CEditLine", pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"]), .brew(["libedit"])]),
        // zlib's inflate, for gzipped data files (MNIST's .gz downloads).
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
        .systemLibrary(name: "CCMark", pkgConfig: "libcmark-gfm", providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"]), .brew(["cmark-gfm"])]),

        // glibc's vector math (libmvec) behind a CPU-feature check; scalar libm elsewhere.
        .target(
            name: "CVectorMath",
            linkerSettings: [.linkedLibrary("mvec", .when(platforms: [.linux])), .linkedLibrary("m", .when(platforms: [.linux]))]),

        // OpenBLAS loaded with dlopen on first use, after setting its environment (see its header).
        .target(name: "CBLASLoader", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),

        .target(
            name: "NNLabCore",
            dependencies: [.target(name: "CBLASLoader", condition: .when(platforms: [.linux])),
                           .target(name: "CVectorMath", condition: .when(platforms: [.linux]))]),
        .target(name: "NNLabExperiments", dependencies: ["NNLabCore", "CZlib"], exclude: ["Resources/optdigits"]),
        .target(name: "NNLabCommands", dependencies: ["NNLabCore", "NNLabExperiments", "CCMark"]),
        .target(name: "NNLabShell", dependencies: ["NNLabCommands", "CEditLine"]),
        .executableTarget(
            name: "nnlab",
            dependencies: ["NNLabShell", "NNLabExerciseReference", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        // Exercises for students (no dependency on the core: its Tensor and layers are the answers),
        // their graders, and the instructor-only bridge from the core to expected values, releases
        // and batch grading (never copied into a release).
        .target(name: "NNLabExercises"),
        .target(name: "NNLabGrading", dependencies: ["NNLabExercises"]),
        .target(name: "NNLabExerciseReference", dependencies: ["NNLabCore", "NNLabExperiments", "NNLabGrading", "NNLabCommands"], exclude: ["embed.py"]),
        // Benchmarks of the core for scripts/bench (not part of the product).
        .executableTarget(name: "nnlab-bench", dependencies: ["NNLabCore"]),

        // Helpers shared by the test targets (each re-exports it from its own Support.swift).
        .target(name: "_NNLabTestSupport", dependencies: ["NNLabCommands", "NNLabShell"], path: "Tests/_NNLabTestSupport"),
        .testTarget(name: "NNLabCoreTests", dependencies: ["NNLabCore", "_NNLabTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "NNLabExperimentsTests", dependencies: ["NNLabExperiments", "_NNLabTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "NNLabCommandsTests", dependencies: ["NNLabCommands", "_NNLabTestSupport"]),
        .testTarget(name: "NNLabShellTests", dependencies: ["NNLabShell", "_NNLabTestSupport"]),
        .testTarget(name: "NNLabExercisesTests", dependencies: ["NNLabExercises", "NNLabGrading", "NNLabExerciseReference"], resources: [.copy("Fixtures")]),
        .testTarget(name: "NNLabGradingTests", dependencies: ["NNLabExercises", "NNLabGrading", "NNLabExerciseReference"]),
    ]
)

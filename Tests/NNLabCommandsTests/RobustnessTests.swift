import Foundation
import XCTest
import NNLabCore
@testable import NNLabCommands

/// Feeds random and mutated command lines through the command layer: none may trap, and every
/// failure must be a one-line message (never empty, never "internal").
final class RobustnessTests: XCTestCase {
    /// Lines the mutations start from: one per command form, valid or nearly so.
    static let seeds = [
        "conv 32 5 1 2", "conv 32x32x3 5 1 2 10", "conv 7 3 3 0", "conv same 5", "conv 32 5 repeat=4",
        "conv 227x227x3 11 4 0 96", "pool 55x55x96 3 2", "pool 6 3 2 p=1", "set init xavier", "set dropout 0.5",
        "seed 42", "show", "reset", "help conv", "help", "conv 64x32x3 3 1 same 8", "conv same 4 2",
        "arch alexnet", "arch vgg --compare", "arch resnet50 bias=off", "arch lenet5 googlenet", "fc-vs-conv 32x32x3 10 5",
        "net new 32x32x3", "net add conv 10 5 1 2", "net add pool 2 2", "net add fc 10", "net add relu", "net add bn",
        "net add conv 8 3 1 same", "net add avgpool 2", "net add dropout 0.5", "net undo", "net show", "net clear",
        "net new 28x28x1 conv 6 5, pool 2, conv 16 5, pool 2, fc 10",
        "graph \"(x+y)*z\" x=-2 y=5 z=-4", "graph \"sigmoid(w0*x0+w1*x1+w2)\" w0=2 x0=-1 w1=-3 x1=-2 w2=-3",
        "graph \"log(x)/sqrt(y)^2\" x=2 y=3", "graph \"max(x,y)-min(x,abs(y))\" x=1 y=-2", "graph \"exp(tanh(relu(x)))\" x=0.5",
        "act sigmoid", "act relu x=-1,0,1", "act leaky alpha=0.1", "act maxout w1=1 b1=0 w2=0.01 b2=0", "act elu x=-3",
        "gradcheck affine", "gradcheck relu h=0.5", "gradcheck batchnorm softmax",
        "init xavier layers=3 width=20 batch=10", "init small act=relu layers=2 width=8 batch=4 bn=on grad=on",
        "init 0.05 layers=2 width=5 batch=5", "init zero layers=1 width=4 batch=3", "init variance",
        "batchnorm n=20 batch=8 batches=5", "dropout 0.5", "dropout 1/3 n=3 mode=inverted", "dropout drop=0.2",
        "preprocess n=20", "save /nonexistent-dir/x.svg", "save x.txt",
        "descend sgd steps=20", "descend momentum saddle steps=20", "descend adam f=\"x^2+y^2\" from=1,1 steps=5",
        "descend sgd lr=1.5", "descend nesterov rosenbrock steps=10 noise=0.1", "descend rmsprop-nesterov plateau steps=10 width=20",
        "descend sgd schedule=inverse steps=10", "race sgd momentum steps=20", "race all saddle steps=10 every=5", "race adam f=\"x^2+y^2\" lr=0.5 steps=5",
        "schedule step k=0.5 every=5", "schedule exponential k=0.1 epochs=20", "schedule inverse lr0=1 k=1", "set schedule step",
        "newton quadratic", "newton rosenbrock steps=5", "newton f=\"x^3+y^2\" from=1,1", "lbfgs rosenbrock m=3 steps=20",
        "lbfgs quadratic noise=0.5 steps=10",
        "model 64-100-10 act=relu", "model hidden=100,50 dropout=0.5 bn=on", "model conv filters=4", "model show", "model reset",
        "model load /nonexistent/m.model", "train epochs=1 lr=0.1 update=momentum", "train schedule=step decay=0.5 every=2 stop=3x",
        "sanity reg=1e4", "overfit n=5 epochs=3", "lrcheck low", "lrcheck lr=0.3", "curves", "evaluate test",
        "data", "data digits", "data show 3", "data show 2 split=val", "data stats", "data spiral n=20 classes=4 noise=0.3",
        "data blobs n=10", "data xor n=10", "data circles n=10 classes=3", "data mnist /nonexistent", "data cifar10 /nonexistent",
        "data mnist /tmp limit=10", "data cifar10 / limit=5", "data mnist /etc", "data show 0", "data mnist /etc/passwd",
        "augment flip", "augment shift i=3 amount=2", "augment crop amount=0.5", "augment rotate label=7 amount=30",
        "augment noise amount=0.2", "augment contrast i=10",
        "train epochs=1 reg=0.01 penalty=l1", "train epochs=2 patience=1", "train epochs=1 clip=norm:1", "train epochs=1 clip=value:0.1",
        "train epochs=1 clip=sign lr=0.01", "train epochs=1 augment=shift,noise", "train epochs=1 augment=flip force=on", "train epochs=1 examples=50",
        "model 64-20-10 dropout=0.5", "evaluate mc=5", "evaluate train mc=3", "model hidden=20,20 init=0.01 bn=on", "train epochs=1 baseline=on",
        "quiz conv n=3 seed=7 answers=2,2184,3", "quiz init n=2", "quiz n=9 --seed 5", "quiz dropout answers=1,2,3,4,5",
        "lectures", "lecture 3", "lecture backprop width=100",
        "ensemble n=2 epochs=1", "ensemble checkpoints epochs=2 k=2", "ensemble polyak epochs=2 k=2 beta=0.5",
        "transfer shots=1,5 epochs=1 pretrain=1 ft=0.5", "mine top=5 extra=2 show=2 epochs=1",
    ]
    static let fragments = ["0", "-1", "1e300", "99999999999999999999999", "nan", "inf", "x", "same", "=", "==", "\"",
                            "'", ";", "1.5", "32x32x3", "0x0x0", "1000000x1000000x1000000", "repeat=1000", "F=", "k=-2",
                            "\u{0}", "é", "🙂", "    ", "conv", "--json", "-c", "help", "%d%s", "((", "]]", "1_", "_1", "+5",
                            "9223372036854775807", "-9223372036854775808", "2147483648", "1e6", "P=same", "s=0",
                            "--compare", "--", "--x", "bias=maybe", ",", ",,", "floor", "ceil", "gap", "flatten", "conv 0 0",
                            "pool 1000000", "fc 1000000", "vgg", "resnet152", "add", "new",
                            "\"(x+\"", "\"x^x^x^x\"", "\"log(0)\"", "\"1/0\"", "\"exp(1000)\"", "x=1e308", "y=nan", "x=",
                            "\"((((((((((x))))))))))\"", "\"max(x)\"", "x=-1,0,1", "x=1,,2", "alpha=-100", "h=0", "h=1e-300",
                            "layers=0", "width=-1", "batch=1000000000000", "bn=maybe", "grad=on", "plot=/nonexistent/a.svg",
                            "n=11", "drop=1", "mode=both", "1/0", "0.0000000001", "momentum=2", "batches=0",
                            "from=nan,1", "from=1", "lr=0", "schedule=step", "schedule=bogus", "k=0", "k=2", "every=0", "epochs=1000000", "m=0", "m=1000",
                            "all", "ravine", "saddle", "lr0=-1", "steps=100000", "lr=-1", "steps=1000000", "f=\"x+z\"", "f=\"log(x)\"", "width=1", "noise=1e300",
                            "update=adam", "schedule=inverse", "stop=3x", "log=iter", "hidden=0,",
                            "digits", "spiral", "mnist", "cifar10", "show", "stats", "split=val", "split=x", "n=10000", "classes=10",
                            "classes=1", "noise=-0", "limit=1", "limit=0", "i=99999999999", "label=-1", "label=9", "amount=180",
                            "amount=-1", "/dev/null", "/dev/zero", "/proc", "~", "flip", "crop", "rotate",
                            "clip=norm:", "clip=value:1e300", "clip=sign:1", "clip=:", "penalty=l1", "penalty=l0", "patience=0", "patience=1000000",
                            "augment=flip", "augment=,", "augment=shift,shift", "force=on", "mc=1000", "mc=0", "examples=1", "examples=-5", "baseline=on", "baseline=maybe",
                            "answers=", "answers=1,2", "answers=x,1e999,1/0", "answers=,,,", "--seed", "n=51", "width=19", "seed=4294967296",
                            "checkpoints", "polyak", "models", "n=2", "k=2", "k=101", "beta=1", "beta=-0.5", "shots=1,5", "shots=5,1",
                            "shots=0", "shots=1,,2", "shots=,", "ft=0", "ft=2", "pretrain=0", "top=5", "top=1077", "extra=0", "show=13"]

    func testTenThousandRandomAndMutatedLines() {
        var rng = NumpyRandom(seed: 2024)
        var i = Interpreter()
        var failures = 0, successes = 0
        func pick<T>(_ a: [T]) -> T { a[Int(rng.interval(UInt64(a.count - 1)))] }
        // A mutated line can lose its small sizes and start a full-size experiment: a watchdog raises
        // the interrupt flag (as Ctrl-C would) if a line runs longer than 0.3 s, which must end in a
        // clean error like any other.
        let interrupt = i.context.interrupt
        final class Generation: @unchecked Sendable { var value = 0; let lock = NSLock() }
        let generation = Generation()
        for n in 0..<10_000 {
            var words = pick(Self.seeds).split(separator: " ").map(String.init)
            switch n % 4 {
            case 0:  // replace a word
                words[Int(rng.interval(UInt64(words.count - 1)))] = pick(Self.fragments)
            case 1:  // insert words
                for _ in 0...rng.interval(2) { words.insert(pick(Self.fragments), at: Int(rng.interval(UInt64(words.count)))) }
            case 2:  // delete a word and perturb a character
                if words.count > 1 { words.remove(at: Int(rng.interval(UInt64(words.count - 1)))) }
                var chars = Array(words.joined(separator: " "))
                if !chars.isEmpty { chars[Int(rng.interval(UInt64(chars.count - 1)))] = pick(Array("0123456789x=;\"'- .e")) }
                words = [String(chars)]
            default:  // random bytes
                let len = Int(rng.interval(40))
                words = [String((0..<len).map { _ in Character(UnicodeScalar(UInt8(32 + rng.interval(94)))) })]
            }
            let line = words.joined(separator: " ")
            interrupt.clear()
            generation.lock.lock(); generation.value += 1; let mine = generation.value; generation.lock.unlock()
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) {
                generation.lock.lock(); defer { generation.lock.unlock() }
                if generation.value == mine { interrupt.raise() }
            }
            for o in i.execute(line: line) {
                switch o {
                case .success: successes += 1
                case let .failure(e):
                    failures += 1
                    XCTAssertFalse(e.message.isEmpty, line)
                    XCTAssertFalse(e.message.contains("internal"), "\(line): \(e)")
                    XCTAssertFalse(e.description.contains("\n"), "\(line): \(e)")
                case .quit: break
                }
            }
        }
        generation.lock.lock(); generation.value += 1; generation.lock.unlock()
        XCTAssertGreaterThan(failures, 1000, "the mutations should produce many errors")
        XCTAssertGreaterThan(successes, 100, "and some lines that still work")
    }

    /// Issue 10: every command, every argument, every hostile category. Each value goes into each
    /// positional slot and each keyword of each command's declaration; the line must end (a
    /// watchdog raises Ctrl-C's flag after 0.5 s, which must also end cleanly), succeed or give one
    /// line that is not "internal", and a failure must leave the settings and the generator as
    /// they were.
    static let categories: [(name: String, values: [String])] = [
        ("numbers out of range", ["0", "-1", "-0", "100001", "1e6", "1e300", "-1e300", "2147483648", "9223372036854775807", "99999999999999999999999"]),
        ("wrong types", ["x", "1.5.5", "3x", "0x10", "1/0", "true", "=", "x=1", "[]", "1,2,3", "32x32x3"]),
        ("huge sizes", ["100000", "4096", "1000000x1000000x1000000", "100000x100000x3", "65536"]),
        ("non-finite", ["nan", "inf", "-inf", "NaN", "Infinity", "1e400", "-1e400", "1e-400"]),
        ("empty", ["\"\"", "''", "\" \"", "x="]),
        ("unicode", ["é", "🙂", "\u{202E}x", "ｘ", "١٢", "\u{0}", "\u{1B}[2J"]),
        ("overlong", [String(repeating: "9", count: 400), String(repeating: "a", count: 3000), String(repeating: "1,", count: 2000) + "1"]),
    ]

    func testEveryCommandAgainstEveryHostileCategory() {
        let registry = Registry.standard
        // Lines such as `save VALUE` write files: write them into a folder of our own.
        let dir = NSTemporaryDirectory() + "nnlab-hostile-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let home = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(dir))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(home); try? FileManager.default.removeItem(atPath: dir) }
        var i = Interpreter()
        let interrupt = i.context.interrupt
        final class Generation: @unchecked Sendable { var value = 0; let lock = NSLock() }
        let generation = Generation()
        var lines = 0, slow: [String] = []
        // Commands that leave the process or print only help are safe to run; quit ends the loop.
        for command in registry.commands where command.spec.name != "quit" {
            let spec = command.spec
            let positionals = spec.arguments.filter { $0.form == .positional }
            for (category, values) in Self.categories {
                for value in values {
                    var candidates: [String] = []
                    // The value in each positional slot, the earlier ones filled with their
                    // defaults (or a plausible word) so the value reaches the slot it is aimed at.
                    for k in positionals.indices {
                        let before = positionals[..<k].map { $0.defaultValue ?? "1" }
                        candidates.append(([spec.name] + before + [value]).joined(separator: " "))
                    }
                    for a in spec.arguments where a.form == .keyword { candidates.append("\(spec.name) \(a.name)=\(value)") }
                    if candidates.isEmpty { candidates.append("\(spec.name) \(value)") }
                    for line in candidates {
                        lines += 1
                        let settings = i.session.settings
                        var probe = i.session.rng
                        let before = probe.nextUInt32()
                        interrupt.clear()
                        generation.lock.lock(); generation.value += 1; let mine = generation.value; generation.lock.unlock()
                        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) {
                            generation.lock.lock(); defer { generation.lock.unlock() }
                            if generation.value == mine { interrupt.raise() }
                        }
                        let start = Date()
                        for o in i.execute(line: line) {
                            guard case let .failure(e) = o else { continue }
                            XCTAssertFalse(e.message.isEmpty, "\(category): \(line)")
                            XCTAssertFalse(e.message.contains("internal"), "\(category): \(line): \(e)")
                            XCTAssertFalse(e.description.contains("\n"), "\(category): \(line): \(e)")
                            XCTAssertEqual(i.session.settings, settings, "a failed line changed the settings: \(line)")
                            var after = i.session.rng
                            XCTAssertEqual(after.nextUInt32(), before, "a failed line moved the generator: \(line)")
                        }
                        // Ctrl-C at 0.5 s must be answered well before 3 s even on a loaded machine.
                        if Date().timeIntervalSince(start) > 3 { slow.append(line) }
                        // Keep each line independent of the last (a loaded model, a long network).
                        if i.session.model != nil || i.session.network != nil || i.session.data != nil { i = Interpreter(interrupt: interrupt) }
                    }
                }
            }
        }
        generation.lock.lock(); generation.value += 1; generation.lock.unlock()
        XCTAssertEqual(slow, [], "lines that did not answer Ctrl-C within 3 s")
        XCTAssertGreaterThan(lines, 1000)
    }
}

import XCTest
@testable import NNLabCommands

/// An argument that does not belong to the form of the command typed (`act sigmoid lr=5`,
/// `init variance layers=3`) is refused with a line saying where it belongs, never accepted and ignored.
final class ApplicabilityTests: XCTestCase {
    func testTheIssuesExamplesAreRefusedWithWhereTheArgumentBelongs() {
        let table: [(String, String)] = [
            ("init variance layers=3 bn=on plot=x.svg", "init variance does not use layers=; init variance takes no named arguments"),
            ("act sigmoid lr=5 bias=3", "act sigmoid does not use lr=, which is for act dead-relu only; act sigmoid takes: x="),
            ("act sigmoid alpha=0.1", "alpha=, which is for act leaky, act prelu or act elu only"),
            ("act relu w2=0.01", "w2=, which is for act maxout only"),
            ("act dead-relu x=1", "act dead-relu does not use x=; act dead-relu takes: bias=, lr="),
            ("descend sgd mu=0.5", "descend sgd does not use mu=, which is for descend momentum,"),
            ("descend adam decay=0.5", "decay=, which is for descend rmsprop or descend rmsprop-nesterov only"),
            ("descend momentum b1=0.5", "b1=, which is for descend adam or descend adam-nobias only"),
            ("data digits n=5", "data digits does not use n=, which is for data spiral, data blobs, data xor or data circles only"),
            ("data spiral scale=unit", "scale=, which is for data digits only"),
            ("data digits somewhere", "data digits does not use WHERE, which is for data mnist, data cifar10 or data show only"),
        ]
        for (line, fragment) in table {
            var i = Interpreter()
            guard case let .failure(e)? = i.execute(line: line).first else { XCTFail("`\(line)` was accepted"); continue }
            XCTAssertTrue(e.message.contains(fragment), "`\(line)`: \(e.message)")
            XCTAssertFalse(e.message.contains("\n"), "one line: \(e.message)")
            XCTAssertTrue(e.message.contains("; e.g. "), "an example: \(e.message)")
            XCTAssertNil(i.context.session.data, "data digits n=5 loaded nothing")
        }
    }

    func testTheCaretPointsAtTheFirstMisplacedArgument() throws {
        var i = Interpreter()
        guard case let .failure(e)? = i.execute(line: "act sigmoid lr=5 bias=3").first else { return XCTFail("accepted") }
        XCTAssertEqual(e.token, "act sigmoid ".count, "lr= comes first on the line")
    }

    func testTheFormsThatTakeAnArgumentStillDo() throws {
        XCTAssertNil(errorMessage("act leaky alpha=0.1"))
        XCTAssertNil(errorMessage("act maxout w2=0.01"))
        XCTAssertNil(errorMessage("act dead-relu lr=3 bias=-2"))
        XCTAssertNil(errorMessage("descend momentum mu=0.5 steps=3"))
        XCTAssertNil(errorMessage("descend rmsprop-nesterov mu=0.5 decay=0.5 steps=3"))
        XCTAssertNil(errorMessage("init xavier layers=2 width=8 batch=8 bn=on"))
        XCTAssertNil(errorMessage("data spiral n=5 classes=2 noise=0.1"))
    }

    /// For every command and every argument that belongs to some forms only, and every form its
    /// first positional can name: the parser accepts the argument exactly where `applies` says.
    func testEveryRestrictedArgumentIsAcceptedExactlyWhereItApplies() throws {
        var checked = 0
        for command in Registry.standard.commands {
            let spec = command.spec
            guard let first = spec.positionals.first else { continue }
            for a in spec.arguments where a.appliesTo != nil && a.form == .keyword {
                let forms = Set(first.kind.choices + (a.appliesTo?.modes ?? []) + ["xavier"])
                    .filter { first.kind.choices.isEmpty || first.kind.choices.contains($0) }
                for form in forms.sorted() {
                    guard let value = Self.validValue(a.kind) else { continue }
                    let words = try Tokenizer.words("\(form) \(a.name)=\(value)")
                    let accepted: Bool
                    do { _ = try Arguments(spec: spec, words: words); accepted = true } catch let e as CommandError {
                        accepted = !e.message.contains("does not use")
                    }
                    XCTAssertEqual(accepted, a.applies(to: form), "\(spec.name) \(form) \(a.name)=\(value)")
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 50, "the restricted arguments of init, act, descend and data were all tried")
    }

    func testCompletionOffersOnlyTheArgumentsOfTheFormTyped() {
        let sigmoid = Completion.complete(line: "act sigmoid ", cursor: 12).candidates
        XCTAssertTrue(sigmoid.contains("x="))
        XCTAssertFalse(sigmoid.contains("lr="), "\(sigmoid)")
        let dead = Completion.complete(line: "act dead-relu ", cursor: 14).candidates
        XCTAssertEqual(Set(dead), ["bias=", "lr="])
        let variance = Completion.complete(line: "init variance ", cursor: 14).candidates
        XCTAssertEqual(variance, [])
    }

    /// A value the parser accepts for a kind, or nil for kinds the loop cannot make up.
    static func validValue(_ kind: ValueKind) -> String? {
        switch kind {
        case let .integer(r): return String(r.lowerBound)
        case let .real(r, exclusive): return exclusive ? String((r.lowerBound + r.upperBound) / 2) : String(r.lowerBound)
        case let .choice(options): return options.first
        case let .integerOrChoice(r, _): return String(r.lowerBound)
        case .volume: return "8"
        case .text: return "1"
        }
    }
}

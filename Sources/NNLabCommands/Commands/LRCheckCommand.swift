import Foundation
import NNLabCore
import NNLabExperiments

/// `lrcheck [low|high|huge|fine|all] [lr=]`: the lecture's learning-rate babysitting, calibrated on
/// the data it runs on.
public struct LRCheckCommand: Command {
    /// The demonstrations: the rate measured on the digits to show each shape, and the lecture's
    /// rate for the same shape on CIFAR-10.
    enum Case: String, Choice {
        case low, high, huge, fine, all
        var digits: Double {
            switch self {
            case .low: 1e-6
            case .high: 3
            case .huge: 1e6
            case .fine, .all: 1
            }
        }
        var lecture: Double {
            switch self {
            case .low: 1e-6
            case .high: 3e-3
            case .huge: 1e6
            case .fine, .all: 1e-3
            }
        }
        var expected: LearningRateDiagnosis {
            switch self {
            case .low: .tooLow
            case .high: .tooHigh
            case .huge: .farTooHigh
            case .fine, .all: .fine
            }
        }
    }

    static let which = Arg.choice("CASE", Case.self, default: .all, positional: true, help: "which demonstration (all: the four in turn)")
    static let lr = Arg.real("lr", 0...1e12, exclusiveLower: true, help: "try this rate instead of a demonstration")

    public static let spec = CommandSpec(
        name: "lrcheck", topic: .training,
        summary: "learning rate too low, too high, far too high or fine: each run's cost history diagnosed",
        discussion: """
            The lecture's setting: a two-layer net D-100-C with ReLU, weights std 1e-4, plain SGD, batch 100, no \
            penalty, 10 epochs, each run drawn fresh (the session's model stays as it is). Each run ends with a \
            diagnosis read off its costs: far too high if the first epoch's cost passes 3x its start (or is nan), \
            too high if that happens later, too low if the last epoch's cost is within 1% of the first, else \
            fine. The lecture's rates (1e-6, 3e-3, 1e6 on CIFAR-10) are printed beside the ones calibrated on \
            the digits (1e-6, 3, 1e6, and 1 as fine): standardized 8x8 digits have 64 inputs of size about 1, \
            CIFAR-10 3072 raw pixels, so the same rate moves the scores far less here.
            """,
        arguments: [which.spec, lr.spec],
        fields: [
            FieldDoc("runs", "each run: case, lr, lecture_lr, expected, diagnosis, first_cost, last_cost, epochs (the log)"),
            FieldDoc("input_energy", "D x mean(x^2) over the training part: how strongly a weight step moves the first layer's outputs"),
            FieldDoc("calibrated_for", "the data set the demonstration rates were measured on"),
            FieldDoc("data, features", "the data set the runs used and its features per example"),
            FieldDoc("run", "runs completed and planned, interrupted"),
        ],
        examples: [Example("lrcheck low", "1e-6: the cost barely moves", after: "data digits"),
                   Example("lrcheck", "all four demonstrations", after: "data digits"),
                   Example("lrcheck lr=0.3", "diagnose a rate of your own", after: "data digits")])

    public struct Run: Codable, Sendable {
        public var `case`: String
        public var lr: Double
        public var lecture_lr: Double?
        public var expected: LearningRateDiagnosis?
        public var diagnosis: LearningRateDiagnosis
        public var first_cost: Double?
        public var last_cost: Double?
        public var epochs: [EpochRecord]
        public var interrupted: Bool
    }

    public struct Report: CommandOutput {
        public var runs: [Run]
        public var input_energy: Double
        public var features: Int
        public var data: String
        public var calibrated_for: String
        public var run: RunState

        public func renderText(_ style: TextStyle) -> String {
            var out = [style.bold("learning rate check on \(data): \(features)-100-C relu, weights std 1e-4, SGD, 10 epochs")]
            var t = Table(["case", "lr", "lecture", "cost first -> last", "diagnosis"], align: [.left, .right, .right, .left, .left])
            for r in runs {
                let cost = "\(r.first_cost.map(Format.short6) ?? "-") -> \(r.last_cost.map(CFormat.f) ?? "-")"
                var d = r.interrupted ? "interrupted" : r.diagnosis.rawValue
                if let e = r.expected, e != r.diagnosis, !r.interrupted { d += " (expected: \(e.rawValue))" }
                t.add([r.case, Format.sci(r.lr), r.lecture_lr.map(Format.sci) ?? "-", cost, d])
            }
            out.append(t.render(style, indent: "  "))
            var notes: [String] = []
            if runs.contains(where: { $0.lecture_lr != nil && $0.lecture_lr != $0.lr }) {
                notes.append("the lecture's rates come from CIFAR-10 (3072 raw pixel inputs); here the inputs are \(features) numbers with D x mean(x^2) = \(Format.short6(input_energy)), so a weight step changes the scores much less and the rate that explodes is far larger")
            }
            if data != calibrated_for { notes.append("the demonstration rates were calibrated on \(calibrated_for); on \(data) the diagnoses above are what these rates really do") }
            if run.interrupted { notes.append(run.describe("runs")) }
            for n in notes { out += TextWrap.lines(n, width: style.width, indent: "  ") }
            return out.joined(separator: "\n")
        }
    }

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        guard let data = context.session.data else { throw ModelCommand.noData }
        let bp = ModelBlueprint.mlp(inputShape: data.inputShape, hidden: [100], classes: data.classes, activation: .relu, initialization: "0.0001")
        var plan: [(String, Double, Case?)] = []
        if let x = args[lr] {
            if args.wasGiven(which) { throw CommandError("give a demonstration or lr=, not both; e.g. lrcheck high or lrcheck lr=0.3") }
            plan = [("lr", x, nil)]
        } else {
            let c = try args.value(which)
            plan = (c == .all ? [Case.low, .high, .huge, .fine] : [c]).map { ($0.rawValue, $0.digits, $0) }
        }
        var runs: [Run] = []
        for (name, rate, c) in plan {
            if context.monitor.shouldStop { break }
            let s = try LearningRateStudy.run(lr: rate, blueprint: bp, data: data, rng: &context.session.rng, monitor: context.monitor)
            runs.append(Run(case: name, lr: rate, lecture_lr: c?.lecture, expected: c?.expected, diagnosis: s.diagnosis,
                            first_cost: s.first_cost, last_cost: s.last_cost, epochs: s.epochs, interrupted: s.run.interrupted))
            if s.run.interrupted { break }
        }
        let x = data.train.x
        let energy = x.data.reduce(0) { $0 + $1 * $1 } / Double(max(data.train.count, 1))
        let interrupted = runs.count < plan.count || runs.contains { $0.interrupted }
        return Report(runs: runs, input_energy: energy, features: data.featureCount, data: data.name, calibrated_for: "digits",
                      run: RunState(completed: runs.filter { !$0.interrupted }.count, planned: plan.count, interrupted: interrupted))
    }
}

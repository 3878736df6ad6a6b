import Foundation
import NNLabCore
import NNLabExperiments

/// `overfit [n=20] [epochs=200] [lr=]`: the lecture's check that a net can memorize a few examples.
public struct OverfitCommand: Command {
    static let n = Arg.integer("n", 1...1000, default: 20, help: "training examples to memorize (the first n)")
    static let epochs = Arg.integer("epochs", 1...2000, default: 200, help: "full-batch SGD steps")
    static let lr = Arg.real("lr", 0...1e6, exclusiveLower: true, default: 0.1, help: "learning rate (0.1 is calibrated on the digits; the lecture's 1e-3 is for CIFAR-10)")

    public static let spec = CommandSpec(
        name: "overfit", topic: .training,
        summary: "train a fresh copy of the model on 20 examples until it memorizes them (or say it could not)",
        discussion: """
            Takes the first n training examples, draws a fresh copy of the model's structure (the session's model \
            stays as it is), and runs plain SGD with no penalty on all n at every step (no sampling), as the \
            lecture does with 20 CIFAR-10 images for 200 epochs. A net that works must reach train accuracy \
            1.00 with a cost near 0; one that cannot has a bug in its backward pass or a learning rate too low.
            """,
        arguments: [n.spec, epochs.spec, lr.spec],
        fields: [
            FieldDoc("examples, epochs_run, lr", "the setup"),
            FieldDoc("final_train_acc, final_cost, first_cost", "where it ended and started"),
            FieldDoc("memorized, memorized_at", "whether train accuracy reached 1 with cost under 0.1 at the end, and the first epoch at 1.0"),
            FieldDoc("run", "completed and planned epochs, interrupted"),
        ],
        examples: [Example("overfit", "20 digits memorized within 200 steps", after: "data digits; model 64-100-10"),
                   Example("overfit n=50 lr=0.01 epochs=100", "a smaller rate: slower", after: "data digits; model 64-100-10")])

    public struct Report: CommandOutput {
        public var examples: Int
        public var epochs_run: Int
        public var lr: Double
        public var first_cost: Double?
        public var final_cost: Double?
        public var final_train_acc: Double?
        public var memorized: Bool
        public var memorized_at: Int?
        public var run: RunState

        public func renderText(_ style: TextStyle) -> String {
            var out = [style.bold("overfitting \(examples) examples: full-batch SGD, lr \(CFormat.e(lr)), no penalty")]
            if let f = first_cost, let c = final_cost, let a = final_train_acc {
                out.append("  after \(epochs_run) epochs: cost \(CFormat.f(f)) -> \(CFormat.f(c)), train accuracy \(CFormat.f(a))")
            }
            let verdict: String
            if run.interrupted {
                verdict = run.describe("epochs") + "; no verdict"
            } else if memorized {
                verdict = "memorized: train accuracy reached 1.00 at epoch \(memorized_at ?? epochs_run) and the cost fell to \(CFormat.f(final_cost ?? .nan)); the forward and backward passes work"
            } else {
                verdict = "could not memorize \(examples) examples in \(epochs_run) epochs: with a working backward pass this should succeed, so suspect a gradient bug, or raise lr= or epochs="
            }
            out += TextWrap.lines(verdict, width: style.width, indent: "  ")
            return out.joined(separator: "\n")
        }
    }

    public static func run(_ args: Arguments, _ context: inout CommandContext) throws -> any CommandOutput {
        guard let data = context.session.data else { throw ModelCommand.noData }
        guard let current = context.session.model else { throw ModelCommand.noModel }
        let count = min(try args.value(n), data.train.count)
        let tiny = try Dataset.Part(x: try data.train.x.rows(0..<count), y: Array(data.train.y[0..<count]))
        let subset = try Dataset(name: "\(data.name) (first \(count))", inputShape: data.inputShape, classes: data.classes,
                                 train: tiny, val: tiny, test: tiny)
        var model = try TrainedModel.build(current.blueprint, rng: &context.session.rng)
        var options = try TrainingOptions(epochs: try args.value(epochs), learningRate: try args.value(lr), update: .sgd, batch: count)
        options.sampleBatches = false
        let r = try Trainer.train(&model, data: subset, options: options, rng: &context.session.rng, monitor: context.monitor)
        let last = r.epochs.last
        let at = r.epochs.first { $0.train_acc == 1 }?.epoch
        return Report(examples: count, epochs_run: r.epochs.count, lr: options.learningRate, first_cost: r.initial_cost,
                      final_cost: last?.cost, final_train_acc: last?.train_acc,
                      memorized: last.map { $0.train_acc == 1 && $0.cost < 0.1 } ?? false, memorized_at: at, run: r.run)
    }
}

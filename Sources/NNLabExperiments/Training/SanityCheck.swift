import Foundation
import NNLabCore

/// The lecture's first sanity check: with small weights and no penalty the softmax loss of a
/// C-class net is about ln(C) (every class gets probability ~1/C), 2.302585 for 10 classes; with a
/// strong L2 penalty the loss rises by 0.5 reg sum(W^2).
///
/// The model is a fresh copy of the given structure with weights std `weightStd` (the lecture's
/// 1e-4 here by default), drawn from `rng`; the loss is over the whole training part in train mode
/// (dropout draws from `rng` too).
public struct SanityCheck: Codable, Sendable {
    public var classes: Int
    public var expected: Double
    public var weight_std: Double
    public var loss: Double
    public var reg: Double
    public var loss_with_reg: Double
    public var penalty: Double
    public var weights: Int
    public var examples: Int
    /// |loss - ln C| < 0.05: the initial loss is what small weights must give.
    public var as_expected: Bool

    public static func run(blueprint: ModelBlueprint, data: Dataset, weightStd: Double = 1e-4, reg: Double = 1e3,
                           rng: inout NumpyRandom) throws -> SanityCheck {
        var bp = blueprint
        bp.initialization = "\(weightStd)"
        var model = try TrainedModel.build(bp, rng: &rng)
        let x = try model.batchShaped(data.train.x)
        let plain = try model.network.loss(x, data.train.y, mode: .train, rng: &rng)
        model.network.regularization = try Regularization(.l2, strength: reg)
        let penalized = try model.network.loss(x, data.train.y, mode: .train, rng: &rng)
        let weights = model.network.parameters.filter(\.regularized).reduce(0) { $0 + $1.value.count }
        let expected = log(Double(data.classes))
        return SanityCheck(classes: data.classes, expected: expected, weight_std: weightStd, loss: plain.loss, reg: reg,
                           loss_with_reg: penalized.loss, penalty: penalized.penalty, weights: weights,
                           examples: data.train.count, as_expected: abs(plain.loss - expected) < 0.05)
    }
}

import Foundation
import NNLabCore

/// One kind of question, each answered by a library function (never re-derived in the quiz).
public enum QuizKind: String, CaseIterable, Sendable, Codable {
    case convOutput = "conv-output", convParams = "conv-params", samePadding = "same-padding"
    case xavierStd = "xavier-std", heStd = "he-std"
    case dropoutVanilla = "dropout-vanilla", dropoutInverted = "dropout-inverted"
    case momentumSteps = "momentum", adamFirstStep = "adam"
    case softmaxInitialLoss = "softmax-loss", svmInitialLoss = "svm-loss"
    case gateGradient = "gate-gradient"
}

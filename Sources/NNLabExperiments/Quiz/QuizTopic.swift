import Foundation
import NNLabCore

/// The topics `quiz` draws questions from; `all` mixes every kind.
public enum QuizTopic: String, CaseIterable, Sendable, Codable {
    case all, conv, initialization = "init", dropout, optimizers, loss, backprop

    /// The kinds of question a topic asks, cycled through in this order (question i asks
    /// `kinds[i % kinds.count]`), so `quiz conv n=3` asks an output size, a parameter count and a padding.
    public var kinds: [QuizKind] {
        switch self {
        case .all: return QuizKind.allCases
        case .conv: return [.convOutput, .convParams, .samePadding]
        case .initialization: return [.xavierStd, .heStd]
        case .dropout: return [.dropoutVanilla, .dropoutInverted]
        case .optimizers: return [.momentumSteps, .adamFirstStep]
        case .loss: return [.softmaxInitialLoss, .svmInitialLoss]
        case .backprop: return [.gateGradient]
        }
    }
}

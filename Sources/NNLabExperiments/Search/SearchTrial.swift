import Foundation
import NNLabCore

/// One finished trial of a search: the lecture's line
/// `val_acc: 0.412000, lr: 1.405206e-04, reg: 4.793564e-01, (1 / 100)`.
/// Trial numbers count from 1, as the lecture's coarse stage prints them (its fine stage starts at 0).
public struct SearchTrial: StreamRecord, Codable, Sendable, Equatable {
    public static let recordType = "trial"
    /// 1...planned.
    public var trial: Int
    public var planned: Int
    public var lr: Double
    public var reg: Double
    public var valAccuracy: Double
    public var trainAccuracy: Double
    /// Epochs trained (fewer than asked when the 3x rule cut the trial).
    public var epochs: Int
    /// Why the trial stopped early, when the 3x rule cut it ("cost 7.2 exceeded 3x the initial 2.30 at epoch 2").
    public var cut: String?

    public init(trial: Int, planned: Int, lr: Double, reg: Double, valAccuracy: Double,
                trainAccuracy: Double, epochs: Int, cut: String? = nil) {
        self.trial = trial; self.planned = planned; self.lr = lr; self.reg = reg
        self.valAccuracy = valAccuracy; self.trainAccuracy = trainAccuracy; self.epochs = epochs; self.cut = cut
    }

    /// JSON keys in the snake case the rest of nnlab's results (and the lecture's `val_acc`) use.
    enum CodingKeys: String, CodingKey {
        case trial, planned, lr, reg, epochs, cut
        case valAccuracy = "val_acc", trainAccuracy = "train_acc"
    }

    /// The lecture's line, character for character.
    public var line: String {
        String(format: "val_acc: %.6f, lr: %e, reg: %e, (%d / %d)", valAccuracy, lr, reg, trial, planned)
    }
}

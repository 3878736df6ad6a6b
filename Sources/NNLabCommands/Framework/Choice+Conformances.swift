import NNLabCore
import NNLabExperiments

// The core's and the experiments' choice enums, as the parser, help and completion see them.
extension ActivationKind: Choice {}
extension InitExperiment.SchemeName: Choice {}
extension LearningRateSchedule.Kind: Choice {}
extension OptimizerKind: Choice {}
extension DescentLandscape: Choice {}

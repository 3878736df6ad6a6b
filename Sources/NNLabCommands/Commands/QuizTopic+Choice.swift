import NNLabCore
import NNLabExperiments

extension QuizTopic: Choice {}

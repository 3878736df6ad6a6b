import NNLabExercises

/// The instructor's hidden graders: they stay in this repository and run only in a grading copy.
/// (A student copy gets an empty list in place of this file.)
public enum ExtraGraders {
    static let adamTwenty = VisibleGraders.optimizerCase("adam", "beta2-0.99", seed: 1091, shape: [4], steps: 20,
                                                         numbers: ["lr": 0.01, "beta1": 0.9, "beta2": 0.99, "eps": 1e-8])
    public static let all: [Grader] = [
        VisibleGraders.convGrader("conv-size: AlexNet CONV1, 227x227x3 input, 96 11x11 filters, stride 4", points: 1, visibility: .hidden,
                                  [VisibleGraders.convCase("227-11-s4", input: 227, filter: 11, stride: 4, padding: 0),
                                   VisibleGraders.paramCase("11x11x3x96", filter: 11, depth: 3, filters: 96)]),
        VisibleGraders.convGrader("conv-size: a filter larger than the padded input", points: 1, visibility: .hidden,
                                  [VisibleGraders.convCase("3-5-p0", input: 3, filter: 5, stride: 1, padding: 0)]),
        VisibleGraders.forwardGrader("activations: sigmoid saturates without NaN at +-800", exercise: "activations", points: 1, visibility: .hidden,
                                     GradingCase(exercise: "activations", id: "extreme", arrays: ["x": ExArray(vector: [-800, -40, 0, 40, 800]), "dout": ExArray(vector: [1, 1, 1, 1, 1])]), key: "sigmoid-out") {
            try $0.sigmoidForward($1)
        },
        VisibleGraders.backwardGrader("relu-backward: exact zeros pass no gradient", exercise: "relu-backward", points: 1, visibility: .hidden,
                                      GradingCase(exercise: "relu-backward", id: "zeros", arrays: ["x": ExArray(vector: [0, -1, 2, 0, 3]), "dout": ExArray(vector: [1, 2, 3, 4, 5])])) {
            try $0.reluBackward($1, $2)
        },
    ] + VisibleGraders.affineGraders(VisibleGraders.affineCase("one-example", seed: 1021, n: 1, d: 7, m: 2), "one example", .hidden, points: 0.5)
      + VisibleGraders.lossGraders("softmax", VisibleGraders.lossCase("softmax", "scores-near-800", seed: 1031, n: 4, c: 6, scale: 100, offset: 800), "scores near 800 (exp overflows unshifted)", visibility: .hidden) { try $0.softmaxLoss($1, $2) }
      + [VisibleGraders.lossGraders("svm", VisibleGraders.lossCase("svm", "many-classes", seed: 1041, n: 3, c: 12), "12 classes", visibility: .hidden) { try $0.svmLoss($1, $2) }[1]]
      + [VisibleGraders.dropoutGrader("dropout: inverted, keep 0.8, 3-D input", points: 1, visibility: .hidden,
                                      VisibleGraders.dropoutCase("inverted-keep-0.8", seed: 1051, shape: [2, 3, 4], keep: 0.8, train: true, inverted: true))]
      + [VisibleGraders.batchnormGraders(VisibleGraders.batchnormCase("tall-32x5", seed: 1061, n: 32, d: 5), "32x5 batch", .hidden)[1]]
      + [VisibleGraders.ruleGrader("momentum: mu = 0.5, twenty steps", exercise: "momentum", points: 1, visibility: .hidden,
                                   VisibleGraders.optimizerCase("momentum", "mu-0.5", seed: 1071, shape: [4], steps: 20, numbers: ["lr": 0.05, "mu": 0.5]),
                                   stateCount: 1, step: VisibleGraders.momentumStep),
         VisibleGraders.ruleGrader("rmsprop: decay 0.99, twenty steps", exercise: "rmsprop", points: 1, visibility: .hidden,
                                   VisibleGraders.optimizerCase("rmsprop", "decay-0.99", seed: 1081, shape: [4], steps: 20, numbers: ["lr": 0.001, "decay": 0.99, "eps": 1e-7]),
                                   stateCount: 1, step: VisibleGraders.rmspropStep),
         VisibleGraders.ruleGrader("adam: twenty steps, beta2 0.99", exercise: "adam", points: 1, visibility: .hidden, adamTwenty,
                                   stateCount: 2, factors: VisibleGraders.adamFactors(adamTwenty), step: VisibleGraders.adamStep),
         VisibleGraders.scaleGrader("init-scales: conv fan-in 3*3*64", points: 1, visibility: .hidden, fanIns: [576]),
         VisibleGraders.searchGrader("log-search: a one-decade range", points: 1, visibility: .hidden, id: "one-decade", low: -4, high: -3, us: [0.25, 0.75])]
}

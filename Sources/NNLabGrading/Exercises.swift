import NNLabExercises

public enum Exercises {
    /// Every exercise, in the order of the score table.
    public static let all: [ExerciseInfo] = [
        ExerciseInfo(id: "conv-size", title: "conv output size and parameter count", functions: ["convOutputSize", "convParameterCount"], lab: "conv-arithmetic"),
        ExerciseInfo(id: "activations", title: "sigmoid, tanh, relu forward; sigmoid, tanh backward", functions: ["sigmoidForward", "sigmoidBackward", "tanhForward", "tanhBackward", "reluForward"], lab: "activations"),
        ExerciseInfo(id: "relu-backward", title: "relu backward", functions: ["reluBackward"], lab: "activations"),
        ExerciseInfo(id: "affine", title: "affine forward and backward", functions: ["affineForward", "affineBackward"], lab: "backprop"),
        ExerciseInfo(id: "softmax", title: "softmax loss and gradient", functions: ["softmaxLoss"], lab: "gradcheck"),
        ExerciseInfo(id: "svm", title: "SVM loss and gradient", functions: ["svmLoss"], lab: "gradcheck"),
        ExerciseInfo(id: "dropout", title: "dropout forward, vanilla and inverted", functions: ["dropoutForward"], lab: "dropout"),
        ExerciseInfo(id: "batchnorm", title: "batch norm forward and backward", functions: ["batchnormForward", "batchnormBackward"], lab: "batchnorm"),
        ExerciseInfo(id: "momentum", title: "SGD with momentum update", functions: ["momentumUpdate"], lab: "optimizers"),
        ExerciseInfo(id: "rmsprop", title: "RMSProp update", functions: ["rmspropUpdate"], lab: "adaptive"),
        ExerciseInfo(id: "adam", title: "Adam update with bias correction", functions: ["adamUpdate"], lab: "adaptive"),
        ExerciseInfo(id: "init-scales", title: "Xavier and He scales", functions: ["xavierScale", "heScale"], lab: "init-tanh, init-relu"),
        ExerciseInfo(id: "log-search", title: "log-space random sampling", functions: ["logUniformSample"], lab: "none yet"),
    ]
}

import NNLabExercises

/// An exercise as the score table and README list it.
public struct ExerciseInfo: Sendable {
    public var id: String
    public var title: String
    public var functions: [String]
    public var lab: String
}

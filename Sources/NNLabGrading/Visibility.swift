import NNLabExercises

/// Who sees a grader: students (it ships in the release) or only the instructor (hidden).
public enum Visibility: String, Codable, Sendable { case visible, hidden }

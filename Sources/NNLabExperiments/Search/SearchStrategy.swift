/// How `search` picks its settings: random points in log space (Bergstra and Bengio's advice) or
/// a grid. With the same budget, a grid of g x g tries only g values of each parameter; random
/// search tries as many values of each as it has trials.
public enum SearchStrategy: String, CaseIterable, Sendable, Codable {
    case random, grid
}

import NNLabCore

/// Random against grid search with the same budget when only one parameter matters (Bergstra and
/// Bengio, 2012): the reg range is too small to change anything, so what decides is how many
/// different learning rates each strategy tries. A grid of g x g tries g; random search tries one
/// per trial.
public struct SearchComparison: Sendable, Codable {
    public var random: SearchReport
    public var grid: SearchReport

    public init(random: SearchReport, grid: SearchReport) { self.random = random; self.grid = grid }

    /// Which found the higher validation accuracy ("random", "grid" or "tie"), from the two bests.
    public var winner: String {
        let r = random.best?.valAccuracy ?? -1, g = grid.best?.valAccuracy ?? -1
        return r > g ? "random" : (g > r ? "grid" : "tie")
    }
}

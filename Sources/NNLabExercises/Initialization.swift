import Foundation

/// Exercise init-scales: Xavier's scale for a layer with `fanIn` inputs.
///
/// Var(y) = n Var(w) Var(x) stays equal to Var(x) when Var(w) = 1/n: W = randn(n_in, n_out) / sqrt(n_in),
/// so return 1 / sqrt(fanIn).
public func xavierScale(fanIn: Int) throws -> Double {
    // BEGIN SOLUTION
    return 1 / Double(fanIn).squareRoot()
    // END SOLUTION
}

/// Exercise init-scales: He's scale for ReLU layers: ReLU halves the variance, so Var(w) = 2/n and the
/// scale is sqrt(2 / fanIn).
public func heScale(fanIn: Int) throws -> Double {
    // BEGIN SOLUTION
    return (2 / Double(fanIn)).squareRoot()
    // END SOLUTION
}

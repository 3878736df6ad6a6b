import Foundation

/// Exercise log-search: a hyperparameter sampled in log space for random search.
///
/// Given u drawn from U[0, 1) and the exponent range [low, high], return 10^x with
/// x = low + u (high - low): e.g. lr = 10^x with x in [-6, -3], so u = 0 -> 1e-6 and u = 1 -> 1e-3.
public func logUniformSample(_ u: Double, lowExponent low: Double, highExponent high: Double) throws -> Double {
    // BEGIN SOLUTION
    return pow(10, low + u * (high - low))
    // END SOLUTION
}

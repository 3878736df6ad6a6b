import Foundation

/// Exercise dropout: the forward pass, vanilla and inverted, with keep probability p.
///
/// `uniforms` has x's shape and holds draws from U[0, 1): unit i is kept when uniforms[i] < p (as
/// `np.random.rand(*x.shape) < p`). The lecture's p is the probability of keeping a unit.
/// - vanilla (`inverted == false`): training out = x * mask; testing out = x * p, so the test output
///   equals the expected training output E[mask * x] = p x.
/// - inverted: training out = x * mask / p; testing out = x unchanged.
/// At test time (`train == false`) `uniforms` is not used.
public func dropoutForward(_ x: ExArray, keep p: Double, uniforms: ExArray, train: Bool, inverted: Bool) throws -> ExArray {
    // BEGIN SOLUTION
    if !train { return inverted ? x : x.map { $0 * p } }
    guard uniforms.shape == x.shape else { throw ExerciseError.shapeMismatch("x \(x.shape) vs uniforms \(uniforms.shape)") }
    var out = x
    for i in out.values.indices {
        let kept = uniforms.values[i] < p ? 1.0 : 0.0
        out.values[i] *= inverted ? kept / p : kept
    }
    return out
    // END SOLUTION
}

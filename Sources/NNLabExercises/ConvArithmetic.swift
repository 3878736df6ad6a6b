import Foundation

/// Exercise conv-size, part 1: the spatial output size of a convolution.
///
/// A square input of side W1, filters of side F, stride S and zero padding P give an output side
/// W2 = (W1 - F + 2P) / S + 1. When (W1 - F + 2P) is not a multiple of S the filter does not fit the
/// input evenly: return nil. Return nil too for a filter larger than the padded input or S < 1.
/// Lecture examples: 7x7 input, 3x3 filter, stride 1 -> 5; stride 2 -> 3; stride 3 -> does not fit.
public func convOutputSize(input w1: Int, filter f: Int, stride s: Int, padding p: Int) throws -> Int? {
    // BEGIN SOLUTION
    guard s >= 1, f >= 1, p >= 0 else { return nil }
    let span = w1 - f + 2 * p
    guard span >= 0, span % s == 0 else { return nil }
    return span / s + 1
    // END SOLUTION
}

/// Exercise conv-size, part 2: the number of learnable parameters of a conv layer.
///
/// K filters of size F x F over an input of depth D have F * F * D weights each and one bias each:
/// F * F * D * K + K in all. Lecture example: 10 filters 5x5 on a 32x32x3 input -> 760.
public func convParameterCount(filter f: Int, depth d: Int, filters k: Int) throws -> Int {
    // BEGIN SOLUTION
    return f * f * d * k + k
    // END SOLUTION
}

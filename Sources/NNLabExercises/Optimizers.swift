import Foundation

/// Exercise momentum: one step of SGD with momentum, the velocity form.
///
/// x, dx, velocity all of one shape: v = mu v - lr dx; x = x + v. Return the new x and v.
public func momentumUpdate(_ x: ExArray, dx: ExArray, velocity: ExArray, learningRate lr: Double, mu: Double = 0.9) throws
    -> (x: ExArray, velocity: ExArray) {
    // BEGIN SOLUTION
    guard dx.shape == x.shape, velocity.shape == x.shape else { throw ExerciseError.shapeMismatch("x, dx, velocity differ") }
    var x = x, v = velocity
    for i in x.values.indices {
        v.values[i] = mu * v.values[i] - lr * dx.values[i]
        x.values[i] += v.values[i]
    }
    return (x, v)
    // END SOLUTION
}

/// Exercise rmsprop: one RMSProp step.
///
/// cache = decay cache + (1 - decay) dx^2; x = x - lr dx / (sqrt(cache) + eps). Return x and cache.
public func rmspropUpdate(_ x: ExArray, dx: ExArray, cache: ExArray, learningRate lr: Double, decay: Double = 0.9,
                          eps: Double = 1e-7) throws -> (x: ExArray, cache: ExArray) {
    // BEGIN SOLUTION
    guard dx.shape == x.shape, cache.shape == x.shape else { throw ExerciseError.shapeMismatch("x, dx, cache differ") }
    var x = x, c = cache
    for i in x.values.indices {
        c.values[i] = decay * c.values[i] + (1 - decay) * dx.values[i] * dx.values[i]
        x.values[i] -= lr * dx.values[i] / (c.values[i].squareRoot() + eps)
    }
    return (x, c)
    // END SOLUTION
}

/// Exercise adam: one Adam step (Algorithm 8.7) with bias correction.
///
/// t is this step's number (1 for the first step). m = b1 m + (1 - b1) dx; v = b2 v + (1 - b2) dx^2;
/// mhat = m / (1 - b1^t); vhat = v / (1 - b2^t); x = x - lr mhat / (sqrt(vhat) + eps).
/// Return x and the uncorrected moments m and v.
public func adamUpdate(_ x: ExArray, dx: ExArray, m: ExArray, v: ExArray, t: Int, learningRate lr: Double = 1e-3,
                       beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8) throws
    -> (x: ExArray, m: ExArray, v: ExArray) {
    // BEGIN SOLUTION
    guard dx.shape == x.shape, m.shape == x.shape, v.shape == x.shape, t >= 1 else {
        throw ExerciseError.shapeMismatch("x, dx, m, v differ or t < 1")
    }
    var x = x, m = m, v = v
    let c1 = 1 - pow(beta1, Double(t)), c2 = 1 - pow(beta2, Double(t))
    for i in x.values.indices {
        m.values[i] = beta1 * m.values[i] + (1 - beta1) * dx.values[i]
        v.values[i] = beta2 * v.values[i] + (1 - beta2) * dx.values[i] * dx.values[i]
        x.values[i] -= lr * (m.values[i] / c1) / ((v.values[i] / c2).squareRoot() + eps)
    }
    return (x, m, v)
    // END SOLUTION
}

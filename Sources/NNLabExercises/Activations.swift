import Foundation

/// Exercise activations: sigmoid forward. out = 1 / (1 + exp(-x)) elementwise, same shape as x.
public func sigmoidForward(_ x: ExArray) throws -> ExArray {
    // BEGIN SOLUTION
    return x.map { 1 / (1 + exp(-$0)) }
    // END SOLUTION
}

/// Exercise activations: sigmoid backward from the forward output.
///
/// Given dL/dout and out = sigmoid(x) (same shape), return dL/dx = dout * (1 - out) * out.
public func sigmoidBackward(_ dout: ExArray, out: ExArray) throws -> ExArray {
    // BEGIN SOLUTION
    guard dout.shape == out.shape else { throw ExerciseError.shapeMismatch("dout \(dout.shape) vs out \(out.shape)") }
    var dx = dout
    for i in dx.values.indices { dx.values[i] *= (1 - out.values[i]) * out.values[i] }
    return dx
    // END SOLUTION
}

/// Exercise activations: tanh forward, elementwise, same shape as x.
public func tanhForward(_ x: ExArray) throws -> ExArray {
    // BEGIN SOLUTION
    return x.map { tanh($0) }
    // END SOLUTION
}

/// Exercise activations: tanh backward from the forward output: dL/dx = dout * (1 - out^2).
public func tanhBackward(_ dout: ExArray, out: ExArray) throws -> ExArray {
    // BEGIN SOLUTION
    guard dout.shape == out.shape else { throw ExerciseError.shapeMismatch("dout \(dout.shape) vs out \(out.shape)") }
    var dx = dout
    for i in dx.values.indices { dx.values[i] *= 1 - out.values[i] * out.values[i] }
    return dx
    // END SOLUTION
}

/// Exercise activations: ReLU forward, out = max(0, x) elementwise, same shape as x.
public func reluForward(_ x: ExArray) throws -> ExArray {
    // BEGIN SOLUTION
    return x.map { max(0, $0) }
    // END SOLUTION
}

/// Exercise relu-backward: the gradient through max(0, x).
///
/// Given dL/dout and the forward input x (same shape), return dL/dx = dout where x > 0 and 0
/// elsewhere (the gradient at exactly 0 is taken as 0).
public func reluBackward(_ dout: ExArray, x: ExArray) throws -> ExArray {
    // BEGIN SOLUTION
    guard dout.shape == x.shape else { throw ExerciseError.shapeMismatch("dout \(dout.shape) vs x \(x.shape)") }
    var dx = dout
    for i in dx.values.indices where !(x.values[i] > 0) { dx.values[i] = 0 }
    return dx
    // END SOLUTION
}

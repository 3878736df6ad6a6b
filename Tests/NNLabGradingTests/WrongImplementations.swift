import NNLabExercises
@testable import NNLabGrading

/// Deliberately wrong implementations, each the reference with one classic mistake, for the tests
/// of the graders' partial marks and messages.
enum WrongImplementations {
    /// Inverted dropout that forgets to divide the kept units by p.
    static let dropoutMissingP: Submission = {
        var s = Submission.student
        s.dropoutForward = { x, p, u, train, inverted in
            if !train { return inverted ? x : x.map { $0 * p } }
            var out = x
            for i in out.values.indices where !(u.values[i] < p) { out.values[i] = 0 }
            return out
        }
        return s
    }()

    /// Softmax whose gradient is not divided by N (the loss is).
    static let softmaxMissingN: Submission = {
        var s = Submission.student
        s.softmaxLoss = { scores, labels in
            let r = try softmaxLoss(scores, labels: labels)
            return (r.loss, r.dscores.map { $0 * Double(labels.count) })
        }
        return s
    }()

    /// ReLU backward with the sign flipped.
    static let reluWrongSign: Submission = {
        var s = Submission.student
        s.reluBackward = { dout, x in try reluBackward(dout, x: x).map { -$0 } }
        return s
    }()

    /// Affine backward returning dout^T x, shape (M, D), instead of x^T dout (D, M).
    static let affineTransposedDW: Submission = {
        var s = Submission.student
        s.affineBackward = { dout, x, w in
            let r = try affineBackward(dout, x: x, w: w)
            let (d, m) = (r.dw.shape[0], r.dw.shape[1])
            var t = ExArray(shape: [m, d])
            for i in 0..<d { for j in 0..<m { t[j, i] = r.dw[i, j] } }
            return (r.dx, t, r.db)
        }
        return s
    }()

    /// Adam without the bias correction of m and v.
    static let adamNoBiasCorrection: Submission = {
        var s = Submission.student
        s.adamUpdate = { x, dx, m, v, t, lr, b1, b2, eps in
            var x = x, m = m, v = v
            for i in x.values.indices {
                m.values[i] = b1 * m.values[i] + (1 - b1) * dx.values[i]
                v.values[i] = b2 * v.values[i] + (1 - b2) * dx.values[i] * dx.values[i]
                x.values[i] -= lr * m.values[i] / (v.values[i].squareRoot() + eps)
            }
            return (x, m, v)
        }
        return s
    }()

    /// ReLU backward reading one element past the end: traps (index out of range).
    static let reluTraps: Submission = {
        var s = Submission.student
        s.reluBackward = { dout, x in
            var dx = dout
            for i in 0...dx.values.count { dx.values[i] = x.values[i] > 0 ? dout.values[i] : 0 }
            return dx
        }
        return s
    }()

    /// Affine forward that never returns.
    static let affineLoops: Submission = {
        var s = Submission.student
        s.affineForward = { x, _, _ in
            var k = 0
            while k >= 0 { k = (k &+ 1) & 0xFFFF }
            return x
        }
        return s
    }()

    /// Every function throwing as the release's stubs do.
    static let stubs: Submission = {
        @Sendable func ni(_ n: String) -> ExerciseError { .notImplemented(n) }
        return Submission(
            convOutputSize: { _, _, _, _ in throw ni("convOutputSize") }, convParameterCount: { _, _, _ in throw ni("convParameterCount") },
            sigmoidForward: { _ in throw ni("sigmoidForward") }, sigmoidBackward: { _, _ in throw ni("sigmoidBackward") },
            tanhForward: { _ in throw ni("tanhForward") }, tanhBackward: { _, _ in throw ni("tanhBackward") },
            reluForward: { _ in throw ni("reluForward") }, reluBackward: { _, _ in throw ni("reluBackward") },
            affineForward: { _, _, _ in throw ni("affineForward") }, affineBackward: { _, _, _ in throw ni("affineBackward") },
            softmaxLoss: { _, _ in throw ni("softmaxLoss") }, svmLoss: { _, _ in throw ni("svmLoss") },
            dropoutForward: { _, _, _, _, _ in throw ni("dropoutForward") },
            batchnormForward: { _, _, _, _ in throw ni("batchnormForward") }, batchnormBackward: { _, _, _, _ in throw ni("batchnormBackward") },
            momentumUpdate: { _, _, _, _, _ in throw ni("momentumUpdate") }, rmspropUpdate: { _, _, _, _, _, _ in throw ni("rmspropUpdate") },
            adamUpdate: { _, _, _, _, _, _, _, _, _ in throw ni("adamUpdate") },
            xavierScale: { _ in throw ni("xavierScale") }, heScale: { _ in throw ni("heScale") },
            logUniformSample: { _, _, _ in throw ni("logUniformSample") })
    }()
}

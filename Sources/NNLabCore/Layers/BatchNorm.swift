/// Batch normalization (Ioffe and Szegedy 2015) for a batch x of shape (N, D), feature by feature.
///
/// Training: mu = mean over the batch, var = (1/m) sum (x - mu)^2, xhat = (x - mu)/sqrt(var + eps),
/// y = gamma xhat + beta; the running averages move towards the batch statistics,
/// running = momentum * running + (1 - momentum) * batch. Testing uses the running averages instead.
/// With gamma = sqrt(var + eps) and beta = mu the layer gives back its input.
public struct BatchNormCache: Sendable {
    public var x: Tensor, xhat: Tensor
    public var mean: [Double], variance: [Double]
    public var gamma: Tensor
    public var eps: Double
}

public enum BatchNorm {
    public static let defaultEps = 1e-5
    public static let defaultMomentum = 0.9

    public static func forwardTrain(_ x: Tensor, gamma: Tensor, beta: Tensor, runningMean: inout [Double],
                                    runningVar: inout [Double], momentum: Double = defaultMomentum,
                                    eps: Double = defaultEps) throws -> (out: Tensor, cache: BatchNormCache) {
        let (n, d) = try x.matrixDimensions("batch norm")
        guard gamma.count == d, beta.count == d, runningMean.count == d, runningVar.count == d else {
            throw NumericsError.shapeMismatch(operation: "batch norm parameters", lhs: x.shape, rhs: gamma.shape)
        }
        guard n > 0 else { throw NumericsError.invalidShape("batch norm needs at least one example") }
        let mean = try x.mean(axis: 0).data
        let variance = try x.std(axis: 0).data.map { $0 * $0 }
        var xhat = x, out = x
        for i in 0..<n {
            for j in 0..<d {
                let h = (x.data[i * d + j] - mean[j]) / (variance[j] + eps).squareRoot()
                xhat.data[i * d + j] = h
                out.data[i * d + j] = gamma.data[j] * h + beta.data[j]
            }
        }
        for j in 0..<d {
            runningMean[j] = momentum * runningMean[j] + (1 - momentum) * mean[j]
            runningVar[j] = momentum * runningVar[j] + (1 - momentum) * variance[j]
        }
        return (out, BatchNormCache(x: x, xhat: xhat, mean: mean, variance: variance, gamma: gamma, eps: eps))
    }

    public static func forwardTest(_ x: Tensor, gamma: Tensor, beta: Tensor, runningMean: [Double],
                                   runningVar: [Double], eps: Double = defaultEps) throws -> Tensor {
        let (n, d) = try x.matrixDimensions("batch norm")
        guard gamma.count == d, beta.count == d, runningMean.count == d, runningVar.count == d else {
            throw NumericsError.shapeMismatch(operation: "batch norm parameters", lhs: x.shape, rhs: gamma.shape)
        }
        var out = x
        for i in 0..<n {
            for j in 0..<d {
                out.data[i * d + j] = gamma.data[j] * (x.data[i * d + j] - runningMean[j]) / (runningVar[j] + eps).squareRoot() + beta.data[j]
            }
        }
        return out
    }

    /// Backward exactly as the lecture writes it (m examples, feature by feature):
    ///
    ///     dxhat_i = dy_i * gamma
    ///     dvar    = sum_i dxhat_i (x_i - mu) * (-1/2) (var + eps)^(-3/2)
    ///     dmu     = (sum_i dxhat_i * -1/sqrt(var + eps)) + dvar * (sum_i -2 (x_i - mu)) / m
    ///     dx_i    = dxhat_i / sqrt(var + eps) + dvar * 2 (x_i - mu) / m + dmu / m
    ///     dgamma  = sum_i dy_i xhat_i,   dbeta = sum_i dy_i
    public static func backward(_ dout: Tensor, cache c: BatchNormCache) throws -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let (m, d) = try dout.matrixDimensions("batch norm backward")
        guard dout.shape == c.x.shape else {
            throw NumericsError.shapeMismatch(operation: "batch norm backward", lhs: dout.shape, rhs: c.x.shape)
        }
        var dx = dout, dgamma = [Double](repeating: 0, count: d), dbeta = [Double](repeating: 0, count: d)
        let mf = Double(m)
        for j in 0..<d {
            let mu = c.mean[j], v = c.variance[j] + c.eps, inv = 1 / v.squareRoot()
            var dvar = 0.0, sumDxhat = 0.0, sumDiff = 0.0
            for i in 0..<m {
                let dy = dout.data[i * d + j], xi = c.x.data[i * d + j]
                let dxhat = dy * c.gamma.data[j]
                dvar += dxhat * (xi - mu) * -0.5 * pow(v, -1.5)
                sumDxhat += dxhat
                sumDiff += -2 * (xi - mu)
                dgamma[j] += dy * c.xhat.data[i * d + j]
                dbeta[j] += dy
            }
            let dmu = sumDxhat * -inv + dvar * sumDiff / mf
            for i in 0..<m {
                let xi = c.x.data[i * d + j]
                let dxhat = dout.data[i * d + j] * c.gamma.data[j]
                dx.data[i * d + j] = dxhat * inv + dvar * 2 * (xi - mu) / mf + dmu / mf
            }
        }
        return (dx, try Tensor(shape: [d], data: dgamma), try Tensor(shape: [d], data: dbeta))
    }
}

import Foundation

/// Vanilla (stochastic) gradient descent: x -= lr * dx.
public struct GradientDescent: GradientStepRule {
    public var learningRate: Double
    public private(set) var effectiveStep: [Double] = []
    public init(learningRate: Double) { self.learningRate = learningRate }

    public mutating func step(_ x: inout [Double], gradient: ([Double]) throws -> [Double]) rethrows {
        let g = try gradient(x)
        for i in x.indices { x[i] -= learningRate * g[i] }
        effectiveStep = [Double](repeating: learningRate, count: x.count)
    }
}

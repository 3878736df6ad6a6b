import Foundation
import NNLabCore

/// The generated 2-D classification sets, drawn from the session's generator so that numpy with
/// the same seed draws the same points. N is points per class, K classes, s the noise.
///
/// For each class j = 0..<K in turn (the draws numpy makes, in this order):
/// - `spiral` (CS231n's): r = linspace(0, 1, N), t = linspace(4j, 4(j+1), N) + randn(N) * s,
///   x = (r sin t, r cos t).
/// - `blobs`: centre c_j = (2 cos(2 pi j / K), 2 sin(2 pi j / K)), x = c_j + randn(N, 2) * s.
/// - `xor` (K = 2): class 0 around the corners (1, 1) and (-1, -1), class 1 around (1, -1) and
///   (-1, 1), point i at corner i mod 2: x = corner + randn(N, 2) * s.
/// - `circles`: ring radius (j + 1) / K: a = rand(N) * 2 pi, rho = (j + 1) / K + randn(N) * s,
///   x = (rho cos a, rho sin a).
///
/// Then `permutation(N * K)` splits the rows: first 60% train, next 20% validation, the rest test.
public enum PointSet: String, CaseIterable, Sendable, Codable {
    case spiral, blobs, xor, circles

    public static let pointsRange = 5...10_000
    public static let noiseRange = 0.0...10.0

    public var defaultClasses: Int {
        switch self {
        case .spiral: 3
        case .blobs: 3
        case .xor: 2
        case .circles: 2
        }
    }

    /// Classes this set can have.
    public var classRange: ClosedRange<Int> {
        switch self {
        case .xor: 2...2
        case .spiral, .blobs, .circles: 2...10
        }
    }

    public var defaultNoise: Double {
        switch self {
        case .spiral: 0.2
        case .blobs: 0.5
        case .xor: 0.3
        case .circles: 0.05
        }
    }

    /// How the points are drawn, in words (for help and the data set's notes).
    public var recipe: String {
        switch self {
        case .spiral: "K arms: r = linspace(0, 1, N), t = linspace(4j, 4(j+1), N) + randn(N) * noise, x = (r sin t, r cos t)"
        case .blobs: "K Gaussian blobs of std noise around centres on a circle of radius 2"
        case .xor: "2 classes on opposite corners of the square (+-1, +-1), std noise around each corner"
        case .circles: "K concentric rings of radius (j + 1)/K, radius jittered by randn * noise"
        }
    }

    /// The points and labels in drawing order (class 0's N points, then class 1's, ...): x (N*K, 2).
    public func draw(perClass n: Int, classes k: Int, noise s: Double, rng: inout NumpyRandom) throws -> (x: Tensor, y: [Int]) {
        guard Self.pointsRange.contains(n) else {
            throw NumericsError.outOfRange("n is points per class, \(Self.pointsRange.lowerBound) to \(Self.pointsRange.upperBound); got \(n)")
        }
        guard classRange.contains(k) else {
            throw NumericsError.outOfRange("\(rawValue) takes classes=\(classRange.lowerBound == classRange.upperBound ? "\(classRange.lowerBound) only" : "\(classRange.lowerBound) to \(classRange.upperBound)"); got \(k)")
        }
        guard Self.noiseRange.contains(s) else { throw NumericsError.outOfRange("noise must be in [0, 10]; got \(s)") }
        var x = [Double](repeating: 0, count: n * k * 2)
        var y = [Int](repeating: 0, count: n * k)
        for j in 0..<k {
            let base = j * n
            for i in 0..<n { y[base + i] = j }
            switch self {
            case .spiral:
                let r = Self.linspace(0, 1, n)
                let t0 = Self.linspace(Double(j * 4), Double((j + 1) * 4), n)
                for i in 0..<n {
                    let t = t0[i] + rng.randn() * s
                    x[2 * (base + i)] = r[i] * sin(t)
                    x[2 * (base + i) + 1] = r[i] * cos(t)
                }
            case .blobs:
                let a = 2 * Double.pi * Double(j) / Double(k)
                let c = (2 * cos(a), 2 * sin(a))
                for i in 0..<n {
                    x[2 * (base + i)] = c.0 + rng.randn() * s
                    x[2 * (base + i) + 1] = c.1 + rng.randn() * s
                }
            case .xor:
                let corners: [(Double, Double)] = j == 0 ? [(1, 1), (-1, -1)] : [(1, -1), (-1, 1)]
                for i in 0..<n {
                    let c = corners[i % 2]
                    x[2 * (base + i)] = c.0 + rng.randn() * s
                    x[2 * (base + i) + 1] = c.1 + rng.randn() * s
                }
            case .circles:
                let radius = Double(j + 1) / Double(k)
                var angle = [Double](repeating: 0, count: n)
                for i in 0..<n { angle[i] = rng.rand() * 2 * Double.pi }
                for i in 0..<n {
                    let rho = radius + rng.randn() * s
                    x[2 * (base + i)] = rho * cos(angle[i])
                    x[2 * (base + i) + 1] = rho * sin(angle[i])
                }
            }
        }
        return (try Tensor(shape: [n * k, 2], data: x), y)
    }

    /// The data set: the points of `draw`, then `rng.permutation(N*K)` split 60/20/20.
    public func dataset(perClass n: Int, classes k: Int, noise s: Double, rng: inout NumpyRandom, seed: UInt32) throws -> Dataset {
        let (x, y) = try draw(perClass: n, classes: k, noise: s, rng: &rng)
        let total = n * k
        let order = rng.permutation(total)
        let nTrain = total * 6 / 10, nVal = total * 2 / 10
        return try Dataset(
            name: rawValue, inputShape: [2], classes: k,
            train: try .init(rows: Array(order[..<nTrain]), of: x, labels: y),
            val: try .init(rows: Array(order[nTrain..<(nTrain + nVal)]), of: x, labels: y),
            test: try .init(rows: Array(order[(nTrain + nVal)...]), of: x, labels: y),
            notes: [
                "\(rawValue): \(n) points per class, \(k) classes, noise \(s), drawn from the session's generator (seed \(seed) at its last reset): \(recipe)",
                "split: numpy's permutation of the \(total) points (drawn next), first 60% train (\(nTrain)), next 20% validation (\(nVal)), last \(total - nTrain - nVal) test",
                "features: the two coordinates as drawn, not rescaled",
            ])
    }

    /// `np.linspace(a, b, n)`: a + i * (b - a)/(n - 1), the last exactly b (numpy's order of operations).
    public static func linspace(_ a: Double, _ b: Double, _ n: Int) -> [Double] {
        guard n > 1 else { return n == 1 ? [a] : [] }
        let step = (b - a) / Double(n - 1)
        var out = (0..<n).map { Double($0) * step + a }
        out[n - 1] = b
        return out
    }
}

import Foundation

/// Reductions over all elements or along an axis of a matrix, with numpy's conventions:
/// `std` is the population standard deviation (numpy's default `ddof=0`), sqrt(mean((x - mean)^2)).
extension Tensor {
    public func sum() -> Double { data.reduce(0, +) }

    /// The mean of all elements; NaN for an empty tensor, like numpy (which also warns).
    public func mean() -> Double { data.isEmpty ? .nan : sum() / Double(count) }

    /// Population variance, computed in two passes (mean first) as numpy does, so that it does not
    /// lose digits to cancellation the way E[x^2] - E[x]^2 would.
    public func variance() -> Double {
        guard !data.isEmpty else { return .nan }
        let m = mean()
        var s = 0.0
        for x in data { let d = x - m; s += d * d }
        return s / Double(count)
    }

    public func std() -> Double { variance().squareRoot() }

    public func min() -> Double { data.min() ?? .nan }
    public func max() -> Double { data.max() ?? .nan }

    /// Sum along `axis` of a matrix: axis 0 sums the rows together (result `[n]`), axis 1 sums each
    /// row (result `[m]`).
    public func sum(axis: Int) throws -> Tensor {
        let (m, n) = try matrixDimensions("sum along an axis")
        switch axis {
        case 0:
            // One accumulator per column, rows added in order (bounds checks off the hot loop).
            var out = [Double](repeating: 0, count: n)
            out.withUnsafeMutableBufferPointer { o in
                data.withUnsafeBufferPointer { x in
                    guard let po = o.baseAddress, let px = x.baseAddress else { return }
                    for i in 0..<m {
                        let r = px + i * n
                        for j in 0..<n { po[j] += r[j] }
                    }
                }
            }
            return Tensor(unchecked: [n], data: out)
        case 1:
            var out = [Double](repeating: 0, count: m)
            for i in 0..<m { for j in 0..<n { out[i] += data[i * n + j] } }
            return Tensor(unchecked: [m], data: out)
        default:
            throw NumericsError.outOfRange("axis must be 0 or 1 for a matrix, got \(axis)")
        }
    }

    public func mean(axis: Int) throws -> Tensor {
        let s = try sum(axis: axis)
        let n = Double(shape[axis])
        return s.map { $0 / n }
    }

    /// Population standard deviation along an axis.
    public func std(axis: Int) throws -> Tensor {
        let (m, n) = try matrixDimensions("std along an axis")
        let mu = try mean(axis: axis)
        var out = [Double](repeating: 0, count: axis == 0 ? n : m)
        for i in 0..<m {
            for j in 0..<n {
                let d = data[i * n + j] - mu.data[axis == 0 ? j : i]
                out[axis == 0 ? j : i] += d * d
            }
        }
        let count = Double(shape[axis])
        return Tensor(unchecked: [out.count], data: out.map { ($0 / count).squareRoot() })
    }

    /// Index of the largest element of each row (first one on ties, like numpy's argmax).
    public func argmaxRows() throws -> [Int] {
        let (m, n) = try matrixDimensions("argmax")
        guard n > 0 else { throw NumericsError.invalidShape("argmax of rows with no columns") }
        return data.withUnsafeBufferPointer { buffer in
            guard let p = buffer.baseAddress else { return [Int](repeating: 0, count: m) }
            return (0..<m).map { i in
                let row = p + i * n
                var best = 0
                for j in 1..<n where row[j] > row[best] { best = j }
                return best
            }
        }
    }
}

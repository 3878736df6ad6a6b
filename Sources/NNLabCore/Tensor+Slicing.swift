/// Selecting rows of a matrix: contiguous ranges (mini-batches) and gathers by index (shuffled
/// batches, `X[idx]` in numpy).
extension Tensor {
    public func rows(_ range: Range<Int>) throws -> Tensor {
        let (m, n) = try matrixDimensions("row slicing")
        guard range.lowerBound >= 0, range.upperBound <= m else {
            throw NumericsError.outOfRange("rows \(range.lowerBound)..<\(range.upperBound) of a matrix with \(m) rows")
        }
        return Tensor(unchecked: [range.count, n], data: Array(data[(range.lowerBound * n)..<(range.upperBound * n)]))
    }

    public func rows(at indices: [Int]) throws -> Tensor {
        let (m, n) = try matrixDimensions("row gather")
        var out = [Double]()
        out.reserveCapacity(indices.count * n)
        for i in indices {
            guard i >= 0, i < m else { throw NumericsError.outOfRange("row \(i) of a matrix with \(m) rows") }
            out.append(contentsOf: data[(i * n)..<((i + 1) * n)])
        }
        return Tensor(unchecked: [indices.count, n], data: out)
    }

    public func row(_ i: Int) throws -> Tensor {
        let r = try rows(i..<(i + 1))
        return Tensor(unchecked: [r.count], data: r.data)
    }
}

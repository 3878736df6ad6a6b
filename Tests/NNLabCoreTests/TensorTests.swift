import XCTest
@testable import NNLabCore

final class TensorTests: XCTestCase {
    /// BLAS against the naive triple loop on many shapes, including empty and skinny ones.
    /// Tolerance: both sum k products of O(1) numbers; different summation orders differ by a few
    /// ulps times k, so 1e-12 relative to the largest entry is ample and still catches any real bug.
    func testBLASProductAgreesWithNaiveProduct() throws {
        var rng = NumpyRandom(seed: 1)
        let shapes = [(1, 1, 1), (2, 3, 4), (7, 1, 5), (1, 9, 1), (33, 17, 65), (64, 64, 64), (0, 3, 2), (3, 0, 2), (3, 2, 0), (100, 50, 3)]
        for (m, k, n) in shapes {
            let a = try Tensor.randn([m, k], using: &rng), b = try Tensor.randn([k, n], using: &rng)
            let fast = try a.matmul(b), slow = try a.matmulNaive(b)
            XCTAssertEqual(fast.shape, [m, n])
            let scale = max(1, slow.data.map(abs).max() ?? 1)
            for (x, y) in Swift.zip(fast.data, slow.data) { XCTAssertEqual(x, y, accuracy: 1e-12 * scale, "\(m)x\(k) by \(k)x\(n)") }
        }
    }

    func testProductByHand() throws {
        let a = try Tensor(rows: [[1, 2], [3, 4]]), b = try Tensor(rows: [[5, 6], [7, 8]])
        XCTAssertEqual(try a.matmul(b), try Tensor(rows: [[19, 22], [43, 50]]))
        XCTAssertEqual(try a.transposed(), try Tensor(rows: [[1, 3], [2, 4]]))
    }

    func testShapeErrorsThrowInsteadOfTrapping() throws {
        let a = try Tensor.zeros(2, 3), b = try Tensor.zeros(2, 3)
        XCTAssertThrowsError(try a.matmul(b)) { XCTAssertTrue("\($0)".contains("2x3 and 2x3")) }
        XCTAssertThrowsError(try a + Tensor.zeros(3, 2))
        XCTAssertThrowsError(try a.addingRow(Tensor.zeros(2)))
        XCTAssertThrowsError(try a.rows(1..<5))
        XCTAssertThrowsError(try a.rows(at: [0, 7]))
        XCTAssertThrowsError(try a.sum(axis: 2))
        XCTAssertThrowsError(try Tensor(shape: [2, 2], data: [1, 2, 3]))
        XCTAssertThrowsError(try Tensor(shape: [-1, 2]))
        XCTAssertThrowsError(try a.reshaped([4, 2]))
    }

    func testTensorsTooLargeForMemoryAreErrors() {
        XCTAssertThrowsError(try Tensor(shape: [1_000_000_000_000, 500])) { e in
            XCTAssertTrue("\(e)".contains("would not fit in memory"), "\(e)")
        }
        XCTAssertThrowsError(try Tensor(shape: [Int.max, 3]), "overflowing element count")
    }

    func testReductionsMatchNumpy() throws {
        let r = try NumpyRandomTests.reference().reductions
        let a = try Tensor(rows: r.A)
        XCTAssertEqual(a.sum(), r.sum, accuracy: 1e-12)
        XCTAssertEqual(a.mean(), r.mean, accuracy: 1e-13)
        XCTAssertEqual(a.std(), r.std, accuracy: 1e-13)
        func close(_ x: Tensor, _ y: [Double], _ what: String) {
            XCTAssertEqual(x.count, y.count, what)
            for (p, q) in Swift.zip(x.data, y) { XCTAssertEqual(p, q, accuracy: 1e-12, what) }
        }
        close(try a.sum(axis: 0), r.sum0, "sum0")
        close(try a.sum(axis: 1), r.sum1, "sum1")
        close(try a.mean(axis: 0), r.mean0, "mean0")
        close(try a.std(axis: 0), r.std0, "std0")
        close(try a.std(axis: 1), r.std1, "std1")
        XCTAssertEqual(try a.argmaxRows(), r.argmax1)
    }

    func testBroadcastRowAndSlicing() throws {
        let x = try Tensor(rows: [[1, 2], [3, 4], [5, 6]])
        XCTAssertEqual(try x.addingRow(Tensor(shape: [2], data: [10, 20])), try Tensor(rows: [[11, 22], [13, 24], [15, 26]]))
        XCTAssertEqual(try x.rows(1..<3), try Tensor(rows: [[3, 4], [5, 6]]))
        XCTAssertEqual(try x.rows(at: [2, 0]), try Tensor(rows: [[5, 6], [1, 2]]))
        XCTAssertEqual(try x.row(1).data, [3, 4])
        XCTAssertEqual(x.map { $0 * 2 }.sum(), 42)
    }
}

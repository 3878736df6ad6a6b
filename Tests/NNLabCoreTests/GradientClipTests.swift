import XCTest
@testable import NNLabCore

/// `GradientClip` and `ClippedUpdate` against values worked out by hand, and the penalties'
/// gradients against central differences.
final class GradientClipTests: XCTestCase {
    // g = (3, -4) and (12): global norm sqrt(9 + 16 + 144) = 13.
    let g1 = try! Tensor(shape: [2], data: [3, -4])
    let g2 = try! Tensor(shape: [1], data: [12])

    func testGlobalNormByHand() {
        XCTAssertEqual(GradientClip.globalNorm([g1, g2]), 13, accuracy: 1e-12)
    }

    func testNormClippingRescalesToTheThresholdAndKeepsTheDirection() {
        let c = GradientClip.norm(6.5)
        let s = c.scale(norm: 13)
        XCTAssertEqual(s, 0.5, accuracy: 1e-15)                // 6.5 / 13
        XCTAssertEqual(c.apply(g1, scale: s).data, [1.5, -2])
        XCTAssertEqual(c.apply(g2, scale: s).data, [6])
        XCTAssertEqual(GradientClip.globalNorm([c.apply(g1, scale: s), c.apply(g2, scale: s)]), 6.5, accuracy: 1e-12)
        // Below the threshold nothing changes.
        XCTAssertEqual(GradientClip.norm(20).scale(norm: 13), 1)
        XCTAssertFalse(GradientClip.norm(20).changes(norm: 13, largest: 12))
        XCTAssertTrue(c.changes(norm: 13, largest: 12))
    }

    func testValueClippingClampsEachComponent() {
        let c = GradientClip.value(3.5)
        XCTAssertEqual(c.apply(g1, scale: 1).data, [3, -3.5])
        XCTAssertEqual(c.apply(g2, scale: 1).data, [3.5])
        XCTAssertTrue(c.changes(norm: 13, largest: 12))
        XCTAssertFalse(GradientClip.value(12).changes(norm: 13, largest: 12))
    }

    func testSignGradientsAreOneBit() throws {
        let g = try Tensor(shape: [4], data: [0.001, -250, 0, 7])
        XCTAssertEqual(GradientClip.sign.apply(g, scale: 1).data, [1, -1, 0, 1])
    }

    /// SGD at lr 0.1 through the wrapper: w - 0.1 * clip(g). w = (1, 1), g = (3, -4), clip=norm:2.5
    /// (norm 5, scale 0.5): (1 - 0.15, 1 + 0.2) = (0.85, 1.2); sign: (0.9, 1.1).
    func testClippedUpdateHandsTheClippedGradientToTheRule() throws {
        var rule = ClippedUpdate(SGD(learningRate: 0.1), clip: .norm(2.5))
        rule.scale = GradientClip.norm(2.5).scale(norm: 5)
        var w = try Tensor(shape: [2], data: [1, 1])
        try rule.update("w", value: &w, gradient: g1)
        XCTAssertEqual(w.data[0], 0.85, accuracy: 1e-15)
        XCTAssertEqual(w.data[1], 1.2, accuracy: 1e-15)
        var s = ClippedUpdate(SGD(learningRate: 0.1), clip: .sign)
        var v = try Tensor(shape: [2], data: [1, 1])
        try s.update("w", value: &v, gradient: g1)
        XCTAssertEqual(v.data[0], 0.9, accuracy: 1e-15)
        XCTAssertEqual(v.data[1], 1.1, accuracy: 1e-15)
        s.learningRate = 0.5
        XCTAssertEqual(s.learningRate, 0.5)
    }

    /// The penalties' gradients against (P(w + h) - P(w - h)) / 2h, entry by entry, at weights
    /// away from 0 (L1's kink). P is a sum of 0.5 reg w^2 or reg |w| terms, each a polynomial of
    /// degree at most 2 in one entry, so central differences are exact up to rounding, about
    /// 1e-16 * |P| / h = 1e-11 here: the tolerance 1e-8 leaves room only for rounding.
    func testPenaltyGradientsMatchNumericDifferences() throws {
        var rng = NumpyRandom(seed: 5)
        var w = try Tensor.randn([3, 4], using: &rng)
        for i in 0..<w.count where abs(w[flat: i]) < 0.05 { w[flat: i] += 0.1 }
        for kind in Regularization.Kind.allCases {
            let reg = try Regularization(kind, strength: 0.7)
            let (_, grad) = reg.penalty(w)
            let h = 1e-5
            for i in 0..<w.count {
                var up = w, down = w
                up[flat: i] += h; down[flat: i] -= h
                let n = (reg.penalty(up).loss - reg.penalty(down).loss) / (2 * h)
                XCTAssertEqual(grad[flat: i], n, accuracy: 1e-8, "\(kind) [\(i)]")
            }
        }
    }
}

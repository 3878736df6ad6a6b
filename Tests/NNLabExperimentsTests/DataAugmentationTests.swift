import XCTest
import NNLabCore
@testable import NNLabExperiments

/// The transformations on small images worked out by hand, their draws against a generator with
/// the same seed, and the label verdicts on the digits.
final class DataAugmentationTests: XCTestCase {
    // A 1x2x3 image: rows (1 2 3) and (4 5 6).
    let small: [Double] = [1, 2, 3, 4, 5, 6]

    func testFlipMirrorsEachRowAndIsItsOwnInverse() {
        var rng = NumpyRandom(seed: 0)
        let f = Augmentation.flip.apply(small, shape: [1, 2, 3], rng: &rng)
        XCTAssertEqual(f, [3, 2, 1, 6, 5, 4])
        XCTAssertEqual(Augmentation.flip.apply(f, shape: [1, 2, 3], rng: &rng), small)
        // Two channels flip alike and stay apart.
        XCTAssertEqual(Augmentation.flip.apply(small + small.map { -$0 }, shape: [2, 2, 3], rng: &rng), [3, 2, 1, 6, 5, 4, -3, -2, -1, -6, -5, -4])
        // No draw: the generator is where it was.
        var fresh = NumpyRandom(seed: 0)
        XCTAssertEqual(rng.nextUInt32(), fresh.nextUInt32())
    }

    func testShiftMovesByTheDrawnOffsetsAndFillsWithZero() {
        // 3x3 image 1...9; the offsets are numpy's randint(-1, 2) twice after seed 3, dx then dy.
        let img: [Double] = (1...9).map(Double.init)
        var rng = NumpyRandom(seed: 3), twin = NumpyRandom(seed: 3)
        let t = Augmentation.shift.transform(img, shape: [1, 3, 3], amount: 1, rng: &rng)
        let dx = twin.randint(-1, 2) ?? 99, dy = twin.randint(-1, 2) ?? 99
        XCTAssertEqual(t.drawn["dx"], Double(dx))
        XCTAssertEqual(t.drawn["dy"], Double(dy))
        for r in 0..<3 { for k in 0..<3 {
            let sr = r - dy, sk = k - dx
            let expected = (0..<3).contains(sr) && (0..<3).contains(sk) ? img[sr * 3 + sk] : 0
            XCTAssertEqual(t.pixels[r * 3 + k], expected, "(\(r), \(k)) with dx \(dx), dy \(dy)")
        } }
        var z = NumpyRandom(seed: 0)
        XCTAssertEqual(Augmentation.shift.apply(img, shape: [1, 3, 3], amount: 0, rng: &z), img, "amount 0 moves nothing")
    }

    func testRotateByZeroIsTheIdentityAndANinetyDegreeTurnMovesCorners() {
        let img: [Double] = (1...9).map(Double.init)
        var rng = NumpyRandom(seed: 1)
        XCTAssertEqual(Augmentation.rotate.apply(img, shape: [1, 3, 3], amount: 0, rng: &rng), img)
        // With amount 180 the angle is (2 rand - 1) * 180; rotating by it and then asking for the
        // source of each corner: angle from a twin generator, corners by the rotation matrix.
        var a = NumpyRandom(seed: 11), twin = NumpyRandom(seed: 11)
        let t = Augmentation.rotate.transform(img, shape: [1, 3, 3], amount: 180, rng: &a)
        let angle = (2 * twin.rand() - 1) * 180
        XCTAssertEqual(t.drawn["angle"] ?? 0, angle, accuracy: 1e-12)
        // The centre pixel never moves.
        XCTAssertEqual(t.pixels[4], 5, accuracy: 1e-12)
    }

    func testCropWithNothingCutIsTheIdentityAndAHalfCropZooms() {
        let img: [Double] = (0..<16).map(Double.init)   // 4x4, value = 4 r + k
        var rng = NumpyRandom(seed: 2)
        XCTAssertEqual(Augmentation.crop.apply(img, shape: [1, 4, 4], amount: 0, rng: &rng), img)
        var r2 = NumpyRandom(seed: 2)
        let t = Augmentation.crop.transform(img, shape: [1, 4, 4], amount: 0.5, rng: &r2)
        // A 2x2 window at (top, left) scaled to 4x4: the output's corners are the window's corners
        // (sample points clamp to the window), and every value lies within the window's range.
        let top = Int(t.drawn["top"] ?? -1), left = Int(t.drawn["left"] ?? -1)
        XCTAssertEqual(t.drawn["window_height"], 2)
        XCTAssertEqual(t.pixels[0], Double(4 * top + left))
        XCTAssertEqual(t.pixels[15], Double(4 * (top + 1) + left + 1))
        XCTAssertTrue(t.pixels.allSatisfy { $0 >= Double(4 * top + left) && $0 <= Double(4 * (top + 1) + left + 1) })
    }

    func testNoiseAndContrastAreTheirFormulas() {
        var rng = NumpyRandom(seed: 4), twin = NumpyRandom(seed: 4)
        let n = Augmentation.noise.apply(small, shape: [1, 2, 3], amount: 0.1, rng: &rng)
        XCTAssertEqual(n, small.map { $0 + 0.1 * twin.randn() })
        var c = NumpyRandom(seed: 5), ctwin = NumpyRandom(seed: 5)
        let t = Augmentation.contrast.transform(small, shape: [1, 2, 3], amount: 0.5, rng: &c)
        let f = 1 + (2 * ctwin.rand() - 1) * 0.5
        XCTAssertEqual(t.drawn["factor"] ?? 0, f, accuracy: 1e-15)
        // Mean 3.5 stays; each deviation is scaled by f.
        for (x, y) in zip(small, t.pixels) { XCTAssertEqual(y, 3.5 + f * (x - 3.5), accuracy: 1e-12) }
    }

    func testNearestNeighbourAgainstBruteForce() throws {
        var rng = NumpyRandom(seed: 9)
        let q = try Tensor.randn([7, 5], using: &rng), r = try Tensor.randn([7, 5], using: &rng)
        let fast = try AugmentExperiment.nearest(q, r, excludeDiagonal: true)
        for i in 0..<7 {
            var best = Double.infinity, arg = -1
            for j in 0..<7 where j != i {
                let d = (0..<5).map { k in (q[i, k] - r[j, k]) * (q[i, k] - r[j, k]) }.reduce(0, +)
                if d < best { best = d; arg = j }
            }
            XCTAssertEqual(fast[i], arg)
        }
    }

    /// The claims `augment` prints. An identity transformation keeps every class exactly (the
    /// query is the reference image itself, excluded, so the result is the leave-one-out one); a
    /// mirror turns 2s, 3s, 5s, 6s, 7s into something else (they have no left-right symmetry), while
    /// 0s, nearly symmetric, survive; small shifts keep the label of most classes.
    func testLabelVerdictsOnTheDigits() throws {
        let d = try Dataset.digits(scaling: .unit)
        var rng = NumpyRandom(seed: 0)
        let same = try AugmentExperiment.run(data: d, transformation: .noise, amount: 0, index: 0, rng: &rng)
        for c in same.classes { XCTAssertEqual(c.kept, c.unchanged, "class \(c.label)"); XCTAssertEqual(c.verdict, "keeps") }
        XCTAssertEqual(same.classes.map(\.images).reduce(0, +), 1078)
        XCTAssertEqual(same.run, RunState.complete(1078))
        let flip = try AugmentExperiment.run(data: d, transformation: .flip, amount: nil, index: 0, rng: &rng)
        let byLabel = Dictionary(uniqueKeysWithValues: flip.classes.map { ($0.label, $0) })
        for c in [2, 3, 5, 6, 7] { XCTAssertEqual(byLabel[c]?.verdict, "changes", "a mirrored \(c)") }
        XCTAssertGreaterThan(byLabel[0]?.kept ?? 0, 0.9, "a mirrored 0 is still a 0")
        XCTAssertEqual(flip.label, 2)
        XCTAssertNotEqual(flip.nearest_after, 2, "training image 0 is a 2; mirrored it is not")
        let shift = try AugmentExperiment.run(data: d, transformation: .shift, amount: 1, index: 0, rng: &rng)
        XCTAssertGreaterThanOrEqual(shift.classes.filter { $0.verdict != "changes" }.count, 8)
        // Points are refused.
        var p = NumpyRandom(seed: 0)
        let spiral = try PointSet.spiral.dataset(perClass: 10, classes: 3, noise: 0.2, rng: &p, seed: 0)
        XCTAssertThrowsError(try AugmentExperiment.run(data: spiral, transformation: .flip, amount: nil, index: 0, rng: &rng))
    }

    func testInterruptedRunCoversOnlyWhatWasDone() throws {
        let d = try Dataset.digits(scaling: .unit)
        let flag = InterruptFlag()
        flag.raise()
        var rng = NumpyRandom(seed: 0)
        let r = try AugmentExperiment.run(data: d, transformation: .flip, amount: nil, index: 0, rng: &rng, monitor: .silent(flag))
        XCTAssertEqual(r.run, RunState(completed: 0, planned: 1078, interrupted: true))
        XCTAssertTrue(r.classes.isEmpty, "no class row over images never transformed")
    }
}

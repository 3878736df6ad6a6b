import Foundation
import NNLabCore

/// Label-preserving (or not) transformations of one image, as pure functions of the pixels and
/// the generator, so training can apply them per batch.
///
/// Images are (C, H, W) flattened row-major, channels first (a `Dataset` row). Every channel gets
/// the same geometric transform. Pixels that come from outside the image are 0 (the background).
/// `amount` is the transformation's strength (its range in `amountRange`):
///
/// - `flip`: mirror left-right, x'[c, r, k] = x[c, r, W-1-k] (amount unused; no draw).
/// - `shift`: dx, dy = randint(-a, a+1) each (dx first): x'[r, k] = x[r - dy, k - dx].
/// - `crop`: a window of round((1 - a) H) x round((1 - a) W) at a random offset (oy then ox from
///   randint), scaled back to H x W by bilinear interpolation (a zoom in).
/// - `rotate`: angle = (2 rand() - 1) a degrees about the centre ((H-1)/2, (W-1)/2), bilinear.
/// - `noise`: x' = x + a randn() per pixel (row-major order); values are not clipped.
/// - `contrast`: f = 1 + (2 rand() - 1) a; x' = m + f (x - m), m the channel's mean.
public enum Augmentation: String, CaseIterable, Sendable, Codable {
    case flip, shift, crop, rotate, noise, contrast

    public var defaultAmount: Double {
        switch self {
        case .flip: 0
        case .shift: 1
        case .crop: 0.25
        case .rotate: 15
        case .noise: 0.1
        case .contrast: 0.5
        }
    }

    public var amountRange: ClosedRange<Double> {
        switch self {
        case .flip: 0...1
        case .shift: 0...16
        case .crop: 0...0.75
        case .rotate: 0...180
        case .noise: 0...1
        case .contrast: 0...1
        }
    }

    /// What `amount` means, for help.
    public var amountMeaning: String {
        switch self {
        case .flip: "unused (a mirror has no strength)"
        case .shift: "largest shift in pixels, each direction drawn from -a...a"
        case .crop: "fraction of each side cut away: the window is (1 - a) of the image, scaled back up"
        case .rotate: "largest angle in degrees, drawn uniformly from -a...a"
        case .noise: "standard deviation of the Gaussian noise added to each pixel (pixels are 0...1)"
        case .contrast: "contrast factor drawn uniformly from 1 - a...1 + a"
        }
    }

    /// The transformed pixels; draws from `rng` as the type's documentation says.
    public func apply(_ image: [Double], shape: [Int], amount: Double? = nil, rng: inout NumpyRandom) -> [Double] {
        transform(image, shape: shape, amount: amount, rng: &rng).pixels
    }

    /// The transformed pixels and the values drawn (`dx`, `dy`, `angle`, `factor`, ...), for display.
    public func transform(_ image: [Double], shape: [Int], amount: Double? = nil,
                          rng: inout NumpyRandom) -> (pixels: [Double], drawn: [String: Double]) {
        let a = min(max(amount ?? defaultAmount, amountRange.lowerBound), amountRange.upperBound)
        let (c, h, w) = Self.dims(shape, count: image.count)
        guard c * h * w == image.count, h > 0, w > 0 else { return (image, [:]) }
        switch self {
        case .flip:
            var out = image
            for ch in 0..<c { for r in 0..<h { for k in 0..<w { out[(ch * h + r) * w + k] = image[(ch * h + r) * w + (w - 1 - k)] } } }
            return (out, [:])
        case .shift:
            let m = Int(a.rounded(.down))
            let dx = rng.randint(-m, m + 1) ?? 0, dy = rng.randint(-m, m + 1) ?? 0
            var out = [Double](repeating: 0, count: image.count)
            for ch in 0..<c { for r in 0..<h { for k in 0..<w {
                let sr = r - dy, sk = k - dx
                if sr >= 0, sr < h, sk >= 0, sk < w { out[(ch * h + r) * w + k] = image[(ch * h + sr) * w + sk] }
            } } }
            return (out, ["dx": Double(dx), "dy": Double(dy)])
        case .crop:
            let wh = max(1, Int((Double(h) * (1 - a)).rounded())), ww = max(1, Int((Double(w) * (1 - a)).rounded()))
            let oy = rng.randint(0, h - wh + 1) ?? 0, ox = rng.randint(0, w - ww + 1) ?? 0
            var out = [Double](repeating: 0, count: image.count)
            for ch in 0..<c { for r in 0..<h { for k in 0..<w {
                let sy = Double(oy) + (Double(r) + 0.5) * Double(wh) / Double(h) - 0.5
                let sx = Double(ox) + (Double(k) + 0.5) * Double(ww) / Double(w) - 0.5
                out[(ch * h + r) * w + k] = Self.bilinear(image, ch, h, w, min(max(sy, Double(oy)), Double(oy + wh - 1)),
                                                          min(max(sx, Double(ox)), Double(ox + ww - 1)))
            } } }
            return (out, ["top": Double(oy), "left": Double(ox), "window_height": Double(wh), "window_width": Double(ww)])
        case .rotate:
            let angle = (2 * rng.rand() - 1) * a
            let t = angle * Double.pi / 180, cy = Double(h - 1) / 2, cx = Double(w - 1) / 2
            var out = [Double](repeating: 0, count: image.count)
            for ch in 0..<c { for r in 0..<h { for k in 0..<w {
                // Inverse map: the source of output pixel (r, k) is it rotated by -angle.
                let y = Double(r) - cy, x = Double(k) - cx
                let sy = cy + y * cos(t) - x * sin(t), sx = cx + y * sin(t) + x * cos(t)
                out[(ch * h + r) * w + k] = Self.bilinear(image, ch, h, w, sy, sx)
            } } }
            return (out, ["angle": angle])
        case .noise:
            var out = image
            for i in out.indices { out[i] += a * rng.randn() }
            return (out, ["std": a])
        case .contrast:
            let f = 1 + (2 * rng.rand() - 1) * a
            var out = image
            for ch in 0..<c {
                let range = (ch * h * w)..<((ch + 1) * h * w)
                let m = image[range].reduce(0, +) / Double(h * w)
                for i in range { out[i] = m + f * (image[i] - m) }
            }
            return (out, ["factor": f])
        }
    }

    /// (C, H, W) from a shape [C, H, W] or [H, W]; a flat vector is one row.
    static func dims(_ shape: [Int], count: Int) -> (Int, Int, Int) {
        switch shape.count {
        case 3: (shape[0], shape[1], shape[2])
        case 2: (1, shape[0], shape[1])
        default: (1, 1, count)
        }
    }

    /// Bilinear interpolation of channel `ch` at (y, x); outside the image counts as 0.
    static func bilinear(_ img: [Double], _ ch: Int, _ h: Int, _ w: Int, _ y: Double, _ x: Double) -> Double {
        let y0 = Int(y.rounded(.down)), x0 = Int(x.rounded(.down))
        let fy = y - Double(y0), fx = x - Double(x0)
        func at(_ r: Int, _ k: Int) -> Double { r >= 0 && r < h && k >= 0 && k < w ? img[(ch * h + r) * w + k] : 0 }
        return (1 - fy) * ((1 - fx) * at(y0, x0) + fx * at(y0, x0 + 1)) + fy * ((1 - fx) * at(y0 + 1, x0) + fx * at(y0 + 1, x0 + 1))
    }
}

/// Max and average pooling over (N, C, H, W), each channel on its own, with a size x size window
/// moved by `stride`; no parameters. Max pooling sends the gradient to the input that won its
/// window (the first one on ties); average pooling shares it equally among the window.
public enum Pooling {
    static func geometry(_ x: Tensor, size: Int, stride: Int) throws -> (n: Int, c: Int, h: Int, w: Int, oh: Int, ow: Int) {
        guard x.rank == 4 else { throw NumericsError.invalidShape("pooling input must be (N, C, H, W), got \(Tensor.describe(x.shape))") }
        guard size > 0, stride > 0 else { throw NumericsError.invalidShape("pool size and stride must be positive") }
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        guard let oh = try ConvGeometry.step(input: h, filter: size, stride: stride, padding: 0).output,
              let ow = try ConvGeometry.step(input: w, filter: size, stride: stride, padding: 0).output else {
            throw NumericsError.invalidShape("a \(size)x\(size) pool at stride \(stride) does not fit \(h)x\(w)")
        }
        return (n, c, h, w, oh, ow)
    }

    public static func forward(_ x: Tensor, size: Int, stride: Int, kind: PoolKind) throws -> Tensor {
        let g = try geometry(x, size: size, stride: stride)
        var out = try Tensor(shape: [g.n, g.c, g.oh, g.ow])
        for nc in 0..<(g.n * g.c) { for i in 0..<g.oh { for j in 0..<g.ow {
            var best = -Double.infinity, sum = 0.0
            for p in 0..<size { for q in 0..<size {
                let v = x.data[(nc * g.h + i * stride + p) * g.w + j * stride + q]
                best = Swift.max(best, v); sum += v
            } }
            out.data[(nc * g.oh + i) * g.ow + j] = kind == .max ? best : sum / Double(size * size)
        } } }
        return out
    }

    public static func backward(_ dout: Tensor, x: Tensor, size: Int, stride: Int, kind: PoolKind) throws -> Tensor {
        let g = try geometry(x, size: size, stride: stride)
        guard dout.shape == [g.n, g.c, g.oh, g.ow] else {
            throw NumericsError.shapeMismatch(operation: "pool backward", lhs: dout.shape, rhs: [g.n, g.c, g.oh, g.ow])
        }
        var dx = try Tensor(shape: x.shape)
        for nc in 0..<(g.n * g.c) { for i in 0..<g.oh { for j in 0..<g.ow {
            let d = dout.data[(nc * g.oh + i) * g.ow + j]
            if kind == .avg {
                for p in 0..<size { for q in 0..<size { dx.data[(nc * g.h + i * stride + p) * g.w + j * stride + q] += d / Double(size * size) } }
            } else {
                var bestIndex = -1, best = -Double.infinity
                for p in 0..<size { for q in 0..<size {
                    let k = (nc * g.h + i * stride + p) * g.w + j * stride + q
                    if x.data[k] > best { best = x.data[k]; bestIndex = k }
                } }
                if bestIndex >= 0 { dx.data[bestIndex] += d }
            }
        } } }
        return dx
    }
}

/// A convolutional layer on a batch of images.
///
/// Shapes: x (N, C, H, W); w (F, C, HH, WW); b (F); out (N, F, H', W') with
/// H' = (H - HH + 2 pad)/stride + 1 and W' likewise (the lecture's formula; a filter that does not
/// fit is an error). Two implementations give the same numbers:
/// - `Convolution.Naive`: the definition as nested loops, easy to read and check;
/// - `Convolution.Im2col`: copies every receptive field into a row of a matrix (im2col), so the
///   layer becomes one matrix product through BLAS, and backward two more.
public enum Convolution {
    public struct Geometry: Sendable, Equatable {
        public var n, c, h, w, f, hh, ww, stride, pad, outH, outW: Int
    }

    public static func geometry(_ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Int, pad: Int) throws -> Geometry {
        guard x.rank == 4 else { throw NumericsError.invalidShape("conv input must be (N, C, H, W), got \(Tensor.describe(x.shape))") }
        guard w.rank == 4 else { throw NumericsError.invalidShape("conv weights must be (F, C, HH, WW), got \(Tensor.describe(w.shape))") }
        let (n, c, h, wd) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (f, c2, hh, ww) = (w.shape[0], w.shape[1], w.shape[2], w.shape[3])
        guard c == c2 else { throw NumericsError.shapeMismatch(operation: "conv (input and filter depths differ)", lhs: x.shape, rhs: w.shape) }
        guard b.count == f else { throw NumericsError.shapeMismatch(operation: "conv bias", lhs: w.shape, rhs: b.shape) }
        guard stride > 0, pad >= 0 else { throw NumericsError.invalidShape("stride must be positive and padding non-negative") }
        let sh = try ConvGeometry.step(input: h, filter: hh, stride: stride, padding: pad)
        let sw = try ConvGeometry.step(input: wd, filter: ww, stride: stride, padding: pad)
        guard let oh = sh.output, let ow = sw.output else {
            throw NumericsError.invalidShape("the \(hh)x\(ww) filter does not fit \(h)x\(wd) at stride \(stride), pad \(pad)")
        }
        _ = try Tensor.count(of: [n, f, oh, ow])
        return Geometry(n: n, c: c, h: h, w: wd, f: f, hh: hh, ww: ww, stride: stride, pad: pad, outH: oh, outW: ow)
    }

    public enum Naive {
        public static func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Int, pad: Int) throws -> Tensor {
            let g = try geometry(x, w, b, stride: stride, pad: pad)
            var out = try Tensor(shape: [g.n, g.f, g.outH, g.outW])
            for n in 0..<g.n { for f in 0..<g.f { for i in 0..<g.outH { for j in 0..<g.outW {
                var s = b.data[f]
                for c in 0..<g.c { for p in 0..<g.hh { for q in 0..<g.ww {
                    let r = i * g.stride + p - g.pad, t = j * g.stride + q - g.pad
                    if r >= 0, r < g.h, t >= 0, t < g.w {  // outside is zero padding
                        s += x.data[((n * g.c + c) * g.h + r) * g.w + t] * w.data[((f * g.c + c) * g.hh + p) * g.ww + q]
                    }
                } } }
                out.data[((n * g.f + f) * g.outH + i) * g.outW + j] = s
            } } } }
            return out
        }

        /// Each output (n, f, i, j) received x * w over its window: it sends dout * w back to those
        /// inputs and dout * x to those weights; db sums dout over everything but f.
        public static func backward(_ dout: Tensor, x: Tensor, w: Tensor, b: Tensor, stride: Int, pad: Int) throws
            -> (dx: Tensor, dw: Tensor, db: Tensor) {
            let g = try geometry(x, w, b, stride: stride, pad: pad)
            guard dout.shape == [g.n, g.f, g.outH, g.outW] else {
                throw NumericsError.shapeMismatch(operation: "conv backward", lhs: dout.shape, rhs: [g.n, g.f, g.outH, g.outW])
            }
            var dx = try Tensor(shape: x.shape), dw = try Tensor(shape: w.shape), db = try Tensor(shape: [g.f])
            for n in 0..<g.n { for f in 0..<g.f { for i in 0..<g.outH { for j in 0..<g.outW {
                let d = dout.data[((n * g.f + f) * g.outH + i) * g.outW + j]
                db.data[f] += d
                for c in 0..<g.c { for p in 0..<g.hh { for q in 0..<g.ww {
                    let r = i * g.stride + p - g.pad, t = j * g.stride + q - g.pad
                    if r >= 0, r < g.h, t >= 0, t < g.w {
                        let xi = ((n * g.c + c) * g.h + r) * g.w + t, wi = ((f * g.c + c) * g.hh + p) * g.ww + q
                        dx.data[xi] += d * w.data[wi]
                        dw.data[wi] += d * x.data[xi]
                    }
                } } }
            } } } }
            return (dx, dw, db)
        }
    }

    public enum Im2col {
        /// Rows: one per output position (n, i, j); columns: one per filter entry (c, p, q).
        static func columns(_ x: Tensor, _ g: Geometry) throws -> Tensor {
            let rows = g.n * g.outH * g.outW, cols = g.c * g.hh * g.ww
            var m = try Tensor(shape: [rows, cols])
            m.data.withUnsafeMutableBufferPointer { out in
                x.data.withUnsafeBufferPointer { src in
                    var row = 0
                    for n in 0..<g.n { for i in 0..<g.outH { for j in 0..<g.outW {
                        var col = row * cols
                        for c in 0..<g.c {
                            let plane = (n * g.c + c) * g.h
                            for p in 0..<g.hh {
                                let r = i * g.stride + p - g.pad
                                for q in 0..<g.ww {
                                    let t = j * g.stride + q - g.pad
                                    out[col] = (r >= 0 && r < g.h && t >= 0 && t < g.w) ? src[(plane + r) * g.w + t] : 0
                                    col += 1
                                }
                            }
                        }
                        row += 1
                    } } }
                }
            }
            return m
        }

        public static func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Int, pad: Int) throws -> Tensor {
            let g = try geometry(x, w, b, stride: stride, pad: pad)
            let cols = try columns(x, g)                                  // (N*H'*W', C*HH*WW)
            let wr = try w.reshaped([g.f, g.c * g.hh * g.ww])           // (F, C*HH*WW)
            let prod = try cols.matmul(wr, transposeA: false, transposeB: true)  // (N*H'*W', F)
            var out = try Tensor(shape: [g.n, g.f, g.outH, g.outW])
            let area = g.outH * g.outW
            for n in 0..<g.n { for k in 0..<area { for f in 0..<g.f {
                out.data[(n * g.f + f) * area + k] = prod.data[(n * area + k) * g.f + f] + b.data[f]
            } } }
            return out
        }

        /// dW = dout_r^T cols, dcols = dout_r W_r, then col2im adds each column entry back to the
        /// input position it was copied from.
        public static func backward(_ dout: Tensor, x: Tensor, w: Tensor, b: Tensor, stride: Int, pad: Int) throws
            -> (dx: Tensor, dw: Tensor, db: Tensor) {
            let g = try geometry(x, w, b, stride: stride, pad: pad)
            guard dout.shape == [g.n, g.f, g.outH, g.outW] else {
                throw NumericsError.shapeMismatch(operation: "conv backward", lhs: dout.shape, rhs: [g.n, g.f, g.outH, g.outW])
            }
            let area = g.outH * g.outW
            var doutR = try Tensor(shape: [g.n * area, g.f])                  // (N*H'*W', F)
            var db = try Tensor(shape: [g.f])
            for n in 0..<g.n { for f in 0..<g.f { for k in 0..<area {
                let d = dout.data[(n * g.f + f) * area + k]
                doutR.data[(n * area + k) * g.f + f] = d
                db.data[f] += d
            } } }
            let cols = try columns(x, g)
            let dw = try doutR.matmul(cols, transposeA: true).reshaped(w.shape)   // (F, C*HH*WW)
            let wr = try w.reshaped([g.f, g.c * g.hh * g.ww])
            let dcols = try doutR.matmul(wr)                                      // (N*H'*W', C*HH*WW)
            var dx = try Tensor(shape: x.shape)
            let ncols = g.c * g.hh * g.ww
            dx.data.withUnsafeMutableBufferPointer { out in
                dcols.data.withUnsafeBufferPointer { src in
                    var row = 0
                    for n in 0..<g.n { for i in 0..<g.outH { for j in 0..<g.outW {
                        var col = row * ncols
                        for c in 0..<g.c {
                            let plane = (n * g.c + c) * g.h
                            for p in 0..<g.hh {
                                let r = i * g.stride + p - g.pad
                                for q in 0..<g.ww {
                                    let t = j * g.stride + q - g.pad
                                    if r >= 0 && r < g.h && t >= 0 && t < g.w { out[(plane + r) * g.w + t] += src[col] }
                                    col += 1
                                }
                            }
                        }
                        row += 1
                    } } }
                }
            }
            return (dx, dw, db)
        }
    }
}

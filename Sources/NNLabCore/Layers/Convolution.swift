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
        /// What backward needs from forward: the column matrix, so it is not built twice.
        public struct Cache: Sendable {
            public var columns: Tensor
            public var geometry: Geometry
        }

        /// The column matrix, shape (C*HH*WW, N*H'*W'): row (c, p, q) holds, for every output
        /// position (n, i, j) in order, the input entry that filter entry (c, p, q) multiplies there
        /// (0 in the padding). Each row is filled in runs of W' contiguous numbers.
        static func columns(_ x: Tensor, _ g: Geometry) throws -> Tensor {
            var m = try Tensor(shape: [g.c * g.hh * g.ww, g.n * g.outH * g.outW])
            fill(&m, x, g)
            return m
        }

        /// Writes x's windows into a column matrix of geometry g. Only entries inside the image are
        /// written: a matrix last filled for the same geometry already holds zeros in the padding.
        static func fill(_ m: inout Tensor, _ x: Tensor, _ g: Geometry) {
            m.data.withUnsafeMutableBufferPointer { out in
                x.data.withUnsafeBufferPointer { src in
                    forEachRun(g) { col, inputRow, q in
                        for j in 0..<g.outW {
                            let t = j * g.stride + q - g.pad
                            if t >= 0 && t < g.w { out[col + j] = src[inputRow + t] }
                        }
                    }
                }
            }
        }

        /// The loop im2col and col2im share: for each filter entry (c, p, q), image n and output row
        /// i whose input row lies inside the image (padding rows are all zeros and are skipped),
        /// `body(col, inputRow, q)` with `col` the index of that run's first entry in the column
        /// matrix and `inputRow` the index of input row (n, c, i*stride + p - pad) in x.
        @inline(__always)
        static func forEachRun(_ g: Geometry, _ body: (_ col: Int, _ inputRow: Int, _ q: Int) -> Void) {
            let area = g.outH * g.outW, width = g.n * area
            for c in 0..<g.c { for p in 0..<g.hh { for q in 0..<g.ww {
                let rowStart = ((c * g.hh + p) * g.ww + q) * width
                for n in 0..<g.n {
                    let plane = (n * g.c + c) * g.h
                    for i in 0..<g.outH {
                        let r = i * g.stride + p - g.pad
                        guard r >= 0 && r < g.h else { continue }
                        body(rowStart + n * area + i * g.outW, (plane + r) * g.w, q)
                    }
                }
            } } }
        }

        public static func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Int, pad: Int) throws -> Tensor {
            try forwardCached(x, w, b, stride: stride, pad: pad).out
        }

        /// out = W_r cols + b, with W_r the filters as rows (F, C*HH*WW): one BLAS product per image,
        /// (F, K) by that image's (K, H'*W') block of the columns, written straight into out's
        /// (F, H'*W') block, so no (F, N*H'*W') product is built and copied.
        public static func forwardCached(_ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Int, pad: Int) throws -> (out: Tensor, cache: Cache) {
            var kept: Cache? = nil
            let out = try forward(x, w, b, stride: stride, pad: pad, cache: &kept)
            guard let cache = kept else { throw NumericsError.invalidShape("conv forward kept no columns") }
            return (out, cache)
        }

        /// The same, keeping the columns in `cache` for backward; when `cache` already holds columns
        /// of the same geometry (the last batch's), their buffer is refilled instead of allocated.
        public static func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Int, pad: Int, cache: inout Cache?) throws -> Tensor {
            let g = try geometry(x, w, b, stride: stride, pad: pad)
            var reused: Tensor? = nil
            if let old = cache, old.geometry == g { reused = old.columns }
            cache = nil  // `reused` now owns the buffer alone: refilling it copies nothing
            var cols: Tensor
            if var m = reused { reused = nil; fill(&m, x, g); cols = m } else { cols = try columns(x, g) }
            let k = g.c * g.hh * g.ww, area = g.outH * g.outW, width = g.n * area
            var out = try Tensor(shape: [g.n, g.f, g.outH, g.outW])
            let (f32, k32, a32, w32) = (Int32(g.f), Int32(k), Int32(area), Int32(width))
            if g.n > 0, area > 0, k > 0 {
                out.data.withUnsafeMutableBufferPointer { o in
                    cols.data.withUnsafeBufferPointer { cb in
                        w.data.withUnsafeBufferPointer { wb in
                            for n in 0..<g.n {
                                let block = n * g.f * area
                                for f in 0..<g.f {
                                    let bias = b.data[f]
                                    for t in 0..<area { o[block + f * area + t] = bias }
                                }
                                // out_n (F, area) = W_r (F, K) cols_n (K, area) + bias; cols_n's rows lie `width` apart.
                                BLAS.gemm(false, false, f32, a32, k32, wb, k32,
                                          UnsafeBufferPointer(rebasing: cb[(n * area)...]), w32,
                                          UnsafeMutableBufferPointer(rebasing: o[block...]), a32, beta: 1)
                            }
                        }
                    }
                }
            }
            cache = Cache(columns: cols, geometry: g)
            return out
        }

        public static func backward(_ dout: Tensor, x: Tensor, w: Tensor, b: Tensor, stride: Int, pad: Int) throws
            -> (dx: Tensor, dw: Tensor, db: Tensor) {
            let g = try geometry(x, w, b, stride: stride, pad: pad)
            return try backward(dout, w: w, cache: Cache(columns: try columns(x, g), geometry: g))
        }

        /// Per image n: dW += dout_n cols_n^T and dcols_n = W_r^T dout_n (two BLAS products on
        /// dout's own (F, H'*W') block, no reordered copy of dout); db sums dout; col2im then adds
        /// each entry of dcols_n back into the input position it was copied from. dcols_n is one
        /// image's (K, H'*W') block, reused from image to image.
        public static func backward(_ dout: Tensor, w: Tensor, cache: Cache) throws -> (dx: Tensor, dw: Tensor, db: Tensor) {
            let g = cache.geometry
            guard dout.shape == [g.n, g.f, g.outH, g.outW] else {
                throw NumericsError.shapeMismatch(operation: "conv backward", lhs: dout.shape, rhs: [g.n, g.f, g.outH, g.outW])
            }
            let k = g.c * g.hh * g.ww, area = g.outH * g.outW, width = g.n * area
            var db = try Tensor(shape: [g.f])
            var dw = try Tensor(shape: w.shape)
            var dx = try Tensor(shape: [g.n, g.c, g.h, g.w])
            guard g.n > 0, area > 0, k > 0 else { return (dx, dw, db) }
            var dcols = [Double](repeating: 0, count: k * area)
            let (f32, k32, a32, w32) = (Int32(g.f), Int32(k), Int32(area), Int32(width))
            dout.data.withUnsafeBufferPointer { d in
                for n in 0..<g.n { for f in 0..<g.f {
                    var sum = 0.0
                    let base = (n * g.f + f) * area
                    for t in 0..<area { sum += d[base + t] }
                    db.data[f] += sum
                } }
                cache.columns.data.withUnsafeBufferPointer { cb in
                    w.data.withUnsafeBufferPointer { wb in
                        dw.data.withUnsafeMutableBufferPointer { dwb in
                            dx.data.withUnsafeMutableBufferPointer { out in
                                dcols.withUnsafeMutableBufferPointer { dc in
                                    for n in 0..<g.n {
                                        let dn = UnsafeBufferPointer(rebasing: d[(n * g.f * area)...])
                                        // dW (F, K) += dout_n (F, area) cols_n^T (area, K)
                                        BLAS.gemm(false, true, f32, k32, a32, dn, a32,
                                                  UnsafeBufferPointer(rebasing: cb[(n * area)...]), w32,
                                                  dwb, k32, beta: n == 0 ? 0 : 1)
                                        // dcols_n (K, area) = W_r^T (K, F) dout_n (F, area)
                                        BLAS.gemm(true, false, k32, a32, f32, wb, k32, dn, a32, dc, a32)
                                        col2im(dc, image: n, g, into: out)
                                    }
                                }
                            }
                        }
                    }
                }
            }
            return (dx, dw, db)
        }

        /// Adds one image's column block (K, H'*W') back into dx at the positions im2col read.
        static func col2im(_ dc: UnsafeMutableBufferPointer<Double>, image n: Int, _ g: Geometry,
                           into out: UnsafeMutableBufferPointer<Double>) {
            let area = g.outH * g.outW
            for c in 0..<g.c { for p in 0..<g.hh { for q in 0..<g.ww {
                let row = ((c * g.hh + p) * g.ww + q) * area
                let plane = (n * g.c + c) * g.h
                for i in 0..<g.outH {
                    let r = i * g.stride + p - g.pad
                    guard r >= 0 && r < g.h else { continue }
                    let inputRow = (plane + r) * g.w, col = row + i * g.outW
                    for j in 0..<g.outW {
                        let t = j * g.stride + q - g.pad
                        if t >= 0 && t < g.w { out[inputRow + t] += dc[col + j] }
                    }
                }
            } } }
        }
    }
}

// Micro-benchmarks of the numerics core, printed as JSON for scripts/bench to set beside numpy.
// Usage: nnlab-bench matmul [M K N] [repeats]
import Foundation
import NNLabCore

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let t0 = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.isEmpty ? .nan : (s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2)
}

let args = Array(CommandLine.arguments.dropFirst())
switch args.first {
case "matmul":
    let n = args.dropFirst().compactMap { Int($0) }
    let (m, k, p) = n.count >= 3 ? (n[0], n[1], n[2]) : (1000, 500, 500)
    let repeats = n.count >= 4 ? n[3] : 20
    var rng = NumpyRandom(seed: 0)
    do {
        let a = try Tensor.randn([m, k], using: &rng), b = try Tensor.randn([k, p], using: &rng)
        _ = try a.matmul(b)  // warm up BLAS's threads
        var times: [Double] = []
        for _ in 0..<repeats { times.append(try seconds { _ = try a.matmul(b) }) }
        let naive = try seconds { _ = try a.matmulNaive(b) }
        print("{\"op\":\"matmul\",\"shape\":\"\(m)x\(k) @ \(k)x\(p)\",\"median_s\":\(median(times)),\"naive_s\":\(naive),\"repeats\":\(repeats)}")
    } catch {
        FileHandle.standardError.write(Data("nnlab-bench: \(error)\n".utf8))
        exit(1)
    }
case "conv":
    // The benchmark: a 50x3x32x32 batch, 32 filters of 3x3, stride 1, pad 1, forward + backward.
    let repeats = args.dropFirst().compactMap { Int($0) }.first ?? 5
    var rng = NumpyRandom(seed: 0)
    do {
        let x = try Tensor.randn([50, 3, 32, 32], using: &rng), w = try Tensor.randn([32, 3, 3, 3], using: &rng)
        let b = try Tensor.randn([32], using: &rng), dout = try Tensor.randn([50, 32, 32, 32], using: &rng)
        func both(_ naive: Bool) throws {
            if naive {
                _ = try Convolution.Naive.forward(x, w, b, stride: 1, pad: 1)
                _ = try Convolution.Naive.backward(dout, x: x, w: w, b: b, stride: 1, pad: 1)
            } else {
                // As in training: backward reuses the columns forward built.
                let (_, cache) = try Convolution.Im2col.forwardCached(x, w, b, stride: 1, pad: 1)
                _ = try Convolution.Im2col.backward(dout, w: w, cache: cache)
            }
        }
        try both(false)
        var fast: [Double] = [], slow: [Double] = []
        for _ in 0..<repeats { fast.append(try seconds { try both(false) }) }
        for _ in 0..<max(1, repeats / 2) { slow.append(try seconds { try both(true) }) }
        print("{\"op\":\"conv\",\"im2col_s\":\(median(fast)),\"naive_s\":\(median(slow))}")
    } catch {
        FileHandle.standardError.write(Data("nnlab-bench: \(error)\n".utf8))
        exit(1)
    }
default:
    FileHandle.standardError.write(Data("usage: nnlab-bench matmul [M K N] [repeats] | conv [repeats]\n".utf8))
    exit(2)
}

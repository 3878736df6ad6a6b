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
default:
    FileHandle.standardError.write(Data("usage: nnlab-bench matmul [M K N] [repeats]\n".utf8))
    exit(2)
}

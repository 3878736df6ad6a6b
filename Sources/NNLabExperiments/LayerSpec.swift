import NNLabCore

/// One layer of a `NetworkDraft`.
public enum LayerSpec: Sendable, Equatable {
    /// `pad == nil` is "same": (F - 1)/2 at stride 1.
    case conv(filters: Int, size: Int, stride: Int, pad: Int?, rounding: Rounding)
    case pool(size: Int, stride: Int, kind: PoolKind, rounding: Rounding)
    case globalAveragePool
    case fc(units: Int)
    case activation(String)
    case norm, batchNorm, softmax, flatten
    case dropout(keep: Double)

    public var kind: String {
        switch self {
        case .conv: return "conv"
        case let .pool(_, _, k, _): return k == .max ? "pool" : "avgpool"
        case .globalAveragePool: return "gap"
        case .fc: return "fc"
        case let .activation(a): return a
        case .norm: return "norm"
        case .batchNorm: return "bn"
        case .softmax: return "softmax"
        case .flatten: return "flatten"
        case .dropout: return "dropout"
        }
    }

    /// How the layer is typed: `conv 10 5 1 2`, `pool 2 2`, `fc 10`.
    public var text: String {
        func r(_ x: Rounding) -> String { x == .exact ? "" : " \(x.rawValue)" }
        switch self {
        case let .conv(k, f, s, p, x): return "conv \(k) \(f) \(s) \(p.map(String.init) ?? "same")\(r(x))"
        case let .pool(f, s, _, x): return "\(kind) \(f) \(s)\(r(x))"
        case let .fc(n): return "fc \(n)"
        case let .dropout(p): return "dropout \(p)"
        default: return kind
        }
    }

    func apply(to b: inout ArchitectureBuilder, name: String) throws {
        switch self {
        case let .conv(k, f, s, p, x):
            var pad = p ?? 0
            if p == nil {
                guard s == 1, f % 2 == 1 else {
                    throw ArchitectureError("\(name) (conv \(k) \(f) \(s) same): same padding (F - 1)/2 needs an odd filter at stride 1")
                }
                pad = (f - 1) / 2
            }
            try b.conv(name, filters: k, size: f, stride: s, pad: pad, rounding: x)
        case let .pool(f, s, k, x): try b.pool(name, size: f, stride: s, kind: k, rounding: x)
        case .globalAveragePool: try b.globalAveragePool(name)
        case let .fc(n): try b.fc(name, units: n)
        case let .activation(a): try b.passThrough(name, type: a)
        case .norm: try b.passThrough(name, type: "norm", detail: "local response")
        case .batchNorm:
            try b.passThrough(name, type: "bn", detail: "gamma, beta per channel", parameters: 2 * (b.current.depth ?? 1))
        case .softmax: try b.passThrough(name, type: "softmax")
        case let .dropout(p): try b.passThrough(name, type: "dropout", detail: "keep \(p)")
        case .flatten: try b.flatten(name)
        }
    }
}

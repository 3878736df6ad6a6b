import Foundation
import NNLabExperiments

/// Number formatting shared by all renderers.
public enum Format {
    /// `32`, `0.5`, `1e-07`: integers without a fraction, others in Swift's shortest exact form.
    public static func number(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    /// `138,357,544`: thousands separated, for parameter counts.
    public static func grouped(_ n: Int) -> String { Formatting.grouped(n) }

    /// Up to 6 significant digits without trailing zeros: `-12`, `0.731059`, `-0.196612`, `1.2e-07`.
    public static func short6(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x == 0 { return "0" }
        if x == x.rounded(), abs(x) < 1e12 { return String(Int64(x)) }
        let a = abs(x)
        if a >= 1e-4 && a < 1e6 {
            var s = String(format: "%.6g", x)
            if s.contains(".") && !s.contains("e") { while s.hasSuffix("0") { s.removeLast() } }
            return s
        }
        return String(format: "%.3e", x)
    }

    /// `3.73e-05`, `7.66`: three significant digits, exponent when far from 1.
    public static func sci3(_ x: Double) -> String {
        if x == 0 { return "0" }
        let a = abs(x)
        return (a >= 1e-3 && a < 1e5) ? String(format: "%.3g", x) : String(format: "%.2e", x)
    }

    /// `1.2e-09`: for relative errors.
    public static func sci(_ x: Double) -> String { x == 0 ? "0" : String(format: "%.1e", x) }

    /// Multiply-add counts: `1.14 G` from a billion up, else the exact count (`416,520`).
    public static func macs(_ n: Int) -> String {
        n >= 1_000_000_000 ? String(format: "%.2f G", Double(n) / 1e9) : grouped(n)
    }

    /// `602 KB`, `61.0 MB`: decimal units (1 MB = 10^6 bytes), as the lectures write memory.
    public static func bytes(_ n: Int) -> String {
        let x = Double(n)
        if x >= 1e9 { return String(format: "%.2f GB", x / 1e9) }
        if x >= 1e6 { return String(format: "%.1f MB", x / 1e6) }
        if x >= 1e3 { return String(format: "%.0f KB", x / 1e3) }
        return "\(n) B"
    }

    /// `35K`, `138M`, `1.2G`: the lecture's way of quoting sizes (K = 1000 here).
    public static func short(_ n: Int) -> String {
        let x = Double(n)
        func f(_ v: Double, _ unit: String) -> String {
            v >= 100 || v == v.rounded() ? "\(Int(v.rounded()))\(unit)" : "\((v * 10).rounded() / 10)\(unit)"
        }
        if x >= 1e9 { return f(x / 1e9, "G") }
        if x >= 1e6 { return f(x / 1e6, "M") }
        if x >= 1e3 { return f(x / 1e3, "K") }
        return String(n)
    }
}

import Foundation
import NNLabCore

/// The 8x8 handwritten digits (1797 images, 10 classes) shipped with nnlab; attribution in
/// Resources/optdigits/README.md (Alpaydin and Kaynak 1998, CC BY 4.0).
public struct Digits: Sendable {
    /// One image per row: 64 pixel values 0...16, row-major.
    public var images: Tensor
    public var labels: [Int]

    public struct LoadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Parses the CSV format: 64 pixel values then the label on each line. Every problem names the line.
    public static func parse(_ text: String, source: String) throws -> Digits {
        try parse(bytes: Array(text.utf8), source: source)
    }

    /// The same format read straight from the bytes: one pass, no per-field strings. Spaces and
    /// tabs around a field and `\r\n` line ends are allowed; blank lines are skipped.
    ///
    /// A field is `[ \t]* digits [ \t]*`; the line must hold exactly 65 of them (64 pixels in
    /// 0...16, then a label in 0...9).
    public static func parse(bytes: [UInt8], source: String) throws -> Digits {
        var pixels: [Double] = []
        pixels.reserveCapacity(bytes.count / 3)
        var labels: [Int] = []
        var lineNumber = 0
        try bytes.withUnsafeBufferPointer { b in
            let n = b.count
            var i = 0
            while i < n {
                lineNumber += 1
                var end = i
                while end < n, b[end] != 10 { end += 1 }          // '\n'
                var lineEnd = end
                if lineEnd > i, b[lineEnd - 1] == 13 { lineEnd -= 1 } // '\r'
                defer { i = end + 1 }
                // Blank (or whitespace-only) line: skipped.
                var k = i
                while k < lineEnd, b[k] == 32 || b[k] == 9 { k += 1 }
                if k == lineEnd { continue }
                // Count the fields first so a short line reports its field count, as before.
                var fields = 1
                for j in i..<lineEnd where b[j] == 44 { fields += 1 }  // ','
                guard fields == 65 else {
                    throw LoadError(description: "\(source):\(lineNumber): expected 65 comma-separated numbers (64 pixels and a label), got \(fields)")
                }
                var p = i
                for field in 0..<65 {
                    let start = p
                    while p < lineEnd, b[p] != 44 { p += 1 }
                    var s = start, e = p
                    while s < e, b[s] == 32 || b[s] == 9 { s += 1 }
                    while e > s, b[e - 1] == 32 || b[e - 1] == 9 { e -= 1 }
                    var v = 0
                    var ok = s < e && e - s <= 6
                    if ok {
                        for q in s..<e {
                            let d = Int(b[q]) - 48
                            guard d >= 0, d <= 9 else { ok = false; break }
                            v = v * 10 + d
                        }
                    }
                    guard ok else {
                        let text = String(decoding: UnsafeBufferPointer(rebasing: b[start..<p]), as: UTF8.self)
                        throw LoadError(description: "\(source):\(lineNumber): field \(field + 1) is not a whole number: '\(text)'")
                    }
                    if field < 64 {
                        guard v <= 16 else { throw LoadError(description: "\(source):\(lineNumber): pixel \(field + 1) is \(v), outside 0...16") }
                        pixels.append(Double(v))
                    } else {
                        guard v <= 9 else { throw LoadError(description: "\(source):\(lineNumber): label \(v) is not a digit 0...9") }
                        labels.append(v)
                    }
                    p += 1  // past the comma
                }
            }
        }
        guard !labels.isEmpty else { throw LoadError(description: "\(source): no images") }
        return Digits(images: try Tensor(shape: [labels.count, 64], data: pixels), labels: labels)
    }

    /// The copy compiled into nnlab (`Digits+Embedded.swift`, generated from
    /// Resources/optdigits/digits.csv), so a binary copied anywhere has it.
    public static func bundled() throws -> Digits {
        try parse(bytes: Array((embeddedCSV + "\n").utf8), source: "digits.csv (built in)")
    }

    /// Train / validation / test rows, shuffled with a fixed seed (numpy's permutation after
    /// np.random.seed(seed)), 60% / 20% / 20%.
    public func split(seed: UInt32 = 0) -> (train: [Int], val: [Int], test: [Int]) {
        var rng = NumpyRandom(seed: seed)
        let order = rng.permutation(labels.count)
        let nTrain = labels.count * 6 / 10, nVal = labels.count * 2 / 10
        return (Array(order[..<nTrain]), Array(order[nTrain..<(nTrain + nVal)]), Array(order[(nTrain + nVal)...]))
    }
}

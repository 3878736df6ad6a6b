import Foundation
import NNLabCore

extension Dataset {
    /// The shipped 8x8 digits as a `Dataset`: `Digits.split()`'s fixed, seed-independent 60/20/20
    /// split (numpy's permutation after np.random.seed(0): 1078 / 359 / 360 images), input shape
    /// [1, 8, 8], 10 classes. Features are standardized with the training part's statistics:
    /// x' = (x - mean_j) / std_j per pixel j (a pixel that is constant in training keeps std 1), so
    /// training inputs have mean 0 and standard deviation 1 per feature; validation and test use
    /// the same mean and std.
    ///
    /// (Until the `data` command's loaders land this helper is the one place the digits become a
    /// `Dataset`; the CSV is parsed from its bytes, without Foundation string handling.)
    public static func digits() throws -> Dataset {
        guard let url = Bundle.module.url(forResource: "digits", withExtension: "csv", subdirectory: "optdigits") else {
            throw Digits.LoadError(description: "the digits data set is missing from nnlab's resources (optdigits/digits.csv)")
        }
        let bytes = try [UInt8](Data(contentsOf: url))
        var pixels: [Double] = [], labels: [Int] = []
        pixels.reserveCapacity(1797 * 64)
        var field = 0, value = 0, inNumber = false, line = 1
        func endField() throws {
            guard inNumber else { throw Digits.LoadError(description: "digits.csv:\(line): an empty field") }
            if field < 64 { pixels.append(Double(value)) } else if field == 64 { labels.append(value) } else {
                throw Digits.LoadError(description: "digits.csv:\(line): more than 65 fields")
            }
            field += 1; value = 0; inNumber = false
        }
        for b in bytes {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = value * 10 + Int(b - UInt8(ascii: "0")); inNumber = true
                guard value <= 16 else { throw Digits.LoadError(description: "digits.csv:\(line): a value above 16") }
            case UInt8(ascii: ","): try endField()
            case UInt8(ascii: "\n"):
                if field > 0 || inNumber {
                    try endField()
                    guard field == 65 else { throw Digits.LoadError(description: "digits.csv:\(line): expected 65 fields, got \(field)") }
                }
                field = 0; line += 1
            case UInt8(ascii: "\r"), UInt8(ascii: " "): continue
            default: throw Digits.LoadError(description: "digits.csv:\(line): unexpected byte \(b)")
            }
        }
        if inNumber || field > 0 {
            try endField()
            guard field == 65 else { throw Digits.LoadError(description: "digits.csv:\(line): expected 65 fields, got \(field)") }
        }
        guard labels.allSatisfy({ (0...9).contains($0) }), !labels.isEmpty else {
            throw Digits.LoadError(description: "digits.csv: labels must be digits 0...9")
        }
        let digits = Digits(images: try Tensor(shape: [labels.count, 64], data: pixels), labels: labels)
        let (tr, va, te) = digits.split()
        var mean = [Double](repeating: 0, count: 64), std = [Double](repeating: 0, count: 64)
        for i in tr { for j in 0..<64 { mean[j] += pixels[i * 64 + j] } }
        for j in 0..<64 { mean[j] /= Double(tr.count) }
        for i in tr { for j in 0..<64 { let d = pixels[i * 64 + j] - mean[j]; std[j] += d * d } }
        for j in 0..<64 { std[j] = (std[j] / Double(tr.count)).squareRoot(); if std[j] == 0 { std[j] = 1 } }
        func part(_ rows: [Int]) throws -> Part {
            var x = [Double](repeating: 0, count: rows.count * 64)
            for (k, i) in rows.enumerated() { for j in 0..<64 { x[k * 64 + j] = (pixels[i * 64 + j] - mean[j]) / std[j] } }
            return try Part(x: try Tensor(shape: [rows.count, 64], data: x), y: rows.map { labels[$0] })
        }
        return try Dataset(name: "digits", inputShape: [1, 8, 8], classes: 10,
                           train: try part(tr), val: try part(va), test: try part(te),
                           notes: ["the UCI optical digits (Alpaydin and Kaynak 1998, CC BY 4.0), 1797 8x8 images",
                                   "split 60/20/20 by numpy's permutation after np.random.seed(0), whatever the session's seed",
                                   "each pixel standardized with the training part's mean and standard deviation"])
    }
}

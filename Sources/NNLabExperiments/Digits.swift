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
        var pixels: [Double] = [], labels: [Int] = []
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            let fields = trimmed.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == 65 else {
                throw LoadError(description: "\(source):\(lineNumber): expected 65 comma-separated numbers (64 pixels and a label), got \(fields.count)")
            }
            for (k, f) in fields.enumerated() {
                guard let v = Int(f.trimmingCharacters(in: .whitespaces)) else {
                    throw LoadError(description: "\(source):\(lineNumber): field \(k + 1) is not a whole number: '\(f)'")
                }
                if k < 64 {
                    guard (0...16).contains(v) else { throw LoadError(description: "\(source):\(lineNumber): pixel \(k + 1) is \(v), outside 0...16") }
                    pixels.append(Double(v))
                } else {
                    guard (0...9).contains(v) else { throw LoadError(description: "\(source):\(lineNumber): label \(v) is not a digit 0...9") }
                    labels.append(v)
                }
            }
        }
        guard !labels.isEmpty else { throw LoadError(description: "\(source): no images") }
        return Digits(images: try Tensor(shape: [labels.count, 64], data: pixels), labels: labels)
    }

    /// The copy shipped in the package.
    public static func bundled() throws -> Digits {
        guard let url = Bundle.module.url(forResource: "digits", withExtension: "csv", subdirectory: "optdigits") else {
            throw LoadError(description: "the digits data set is missing from nnlab's resources (optdigits/digits.csv)")
        }
        return try parse(try String(contentsOf: url, encoding: .utf8), source: "digits.csv")
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

import Foundation
import NNLabCore

/// A streamed record that is also Codable (what the training log's records are).
public typealias StreamRecordCodable = StreamRecord & Codable

/// printf's `%f` (6 decimals) and `%e` (6 digits after the point, two-digit exponent), with
/// infinities and NaN written `inf`, `-inf`, `nan` as C (and so numpy's print) writes them.
public enum CFormat {
    public static func f(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        return String(format: "%f", x)
    }

    public static func e(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        return String(format: "%e", x)
    }
}

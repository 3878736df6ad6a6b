import Foundation
import NNLabCore

/// Six significant digits for the sentences of a reason (the command layer formats the rest).
enum Format6 {
    static func n(_ x: Double) -> String { String(format: "%.6g", x) }
}

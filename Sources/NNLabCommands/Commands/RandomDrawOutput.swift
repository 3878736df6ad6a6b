import NNLabCore

/// What `rand`, `randn`, `randint` and `permutation` return: the numbers drawn from the session's
/// generator and numpy's print() of them.
public struct RandomDrawOutput: CommandOutput {
    /// The numpy call that draws the same numbers after the same `np.random.seed`.
    public var numpy: String
    /// The array's shape; empty for a scalar.
    public var shape: [Int]
    /// The values in row-major order: reals (rand, randn) or exact whole numbers (randint, permutation).
    public var reals: [Double]
    public var ints: [Int]?

    public init(numpy: String, shape: [Int], reals: [Double]) { self.numpy = numpy; self.shape = shape; self.reals = reals; ints = nil }
    public init(numpy: String, shape: [Int], ints: [Int]) { self.numpy = numpy; self.shape = shape; reals = []; self.ints = ints }

    enum CodingKeys: String, CodingKey { case numpy, shape, values, integers }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(numpy, forKey: .numpy)
        try c.encode(shape, forKey: .shape)
        if let ints { try c.encode(ints, forKey: .values) } else { try c.encode(reals, forKey: .values) }
        try c.encode(ints != nil, forKey: .integers)
    }

    /// The fields every random-draw command documents.
    static let fields = [
        FieldDoc("numpy", "the numpy call drawing the same numbers after the same seed, e.g. np.random.randn(2, 3)"),
        FieldDoc("shape", "the array's shape (empty for a single number)"),
        FieldDoc("values", "the numbers in row-major order"),
        FieldDoc("integers", "whether the values are whole numbers (randint, permutation)"),
    ]

    /// The most values one command draws: numpy's print threshold, above which numpy abbreviates.
    public static let maxValues = NumpyPrint.threshold

    /// Refuses a shape over `maxValues` before anything is drawn.
    static func checkedCount(_ shape: [Int], command: String, example: String) throws -> Int {
        var n = 1
        for d in shape {
            let (m, o) = n.multipliedReportingOverflow(by: d)
            guard !o, m <= maxValues else {
                throw CommandError("\(command) \(shape.map(String.init).joined(separator: " ")) asks for more than \(maxValues) numbers; allowed: at most \(maxValues) (numpy abbreviates longer arrays with ...); e.g. \(example)")
            }
            n = m
        }
        return n
    }

    public func renderText(_ style: TextStyle) -> String {
        let width = min(NumpyPrint.lineWidth, style.wide ? NumpyPrint.lineWidth : style.width)
        if let ints {
            if shape.isEmpty, let v = ints.first { return String(v) }
            return NumpyPrint.array(ints, shape: shape, lineWidth: width)
        }
        if shape.isEmpty, let v = reals.first { return NumpyPrint.scalar(v) }
        return NumpyPrint.array(reals, shape: shape, lineWidth: width)
    }
}

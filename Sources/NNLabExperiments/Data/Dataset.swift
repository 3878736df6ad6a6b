import NNLabCore

/// A classification data set split into train, validation and test parts: what `data NAME` loads
/// into the session and what `model`, `train`, `evaluate` and `search` read.
///
/// Features are stored flattened, one example per row of `x` (N, D), in the order the model's
/// first layer expects: for images that is channels first, (C, H, W) row-major, so a conv model
/// reshapes a batch to (N, C, H, W) with `inputShape` = [C, H, W]; for points it is [D].
/// Labels are class indices 0..<classes.
public struct Dataset: Sendable {
    /// The parts a data set is split into.
    public enum Split: String, CaseIterable, Sendable, Codable {
        case train, val, test
    }

    /// One part: N examples.
    public struct Part: Sendable {
        /// (N, D), D = inputShape's product.
        public var x: Tensor
        /// N class indices.
        public var y: [Int]

        public init(x: Tensor, y: [Int]) throws {
            guard x.shape.count == 2, x.shape[0] == y.count else {
                throw NumericsError.invalidShape("a data part needs x (N, D) with one label per row, got x \(Tensor.describe(x.shape)) and \(y.count) labels")
            }
            self.x = x; self.y = y
        }

        public var count: Int { y.count }
    }

    /// What `data` calls it: "digits", "spiral", "mnist", ...
    public var name: String
    /// One example's shape without the batch dimension: [C, H, W] for images, [D] for points.
    public var inputShape: [Int]
    /// How many classes (labels are 0..<classes).
    public var classes: Int
    /// A name per class ("0"..."9", "airplane", ...).
    public var classNames: [String]
    public var train: Part
    public var val: Part
    public var test: Part
    /// Statements about how it was made, for `help data` and `data stats`: where it comes from
    /// (attribution), how it was split, how features were scaled.
    public var notes: [String]

    public init(name: String, inputShape: [Int], classes: Int, classNames: [String]? = nil,
                train: Part, val: Part, test: Part, notes: [String] = []) throws {
        let d = inputShape.reduce(1, *)
        for (split, part) in [("train", train), ("val", val), ("test", test)] {
            guard part.x.shape[1] == d else {
                throw NumericsError.shapeMismatch(operation: "\(name) \(split) features against the input shape", lhs: part.x.shape, rhs: inputShape)
            }
            if let bad = part.y.first(where: { !(0..<classes).contains($0) }) {
                throw NumericsError.outOfRange("\(name) \(split): label \(bad) is not a class 0..<\(classes)")
            }
        }
        self.name = name; self.inputShape = inputShape; self.classes = classes
        self.classNames = classNames ?? (0..<classes).map(String.init)
        self.train = train; self.val = val; self.test = test; self.notes = notes
    }

    public func part(_ split: Split) -> Part {
        switch split {
        case .train: train
        case .val: val
        case .test: test
        }
    }

    /// Features per example (the first fully connected layer's input size).
    public var featureCount: Int { inputShape.reduce(1, *) }
}

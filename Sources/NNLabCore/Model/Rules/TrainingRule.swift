/// An update rule `train` can drive: a `UpdateRule` whose learning rate a schedule may change
/// between epochs (the state it keeps per parameter is untouched by the change).
public protocol TrainingRule: UpdateRule {
    var learningRate: Double { get set }
}

extension SGD: TrainingRule {}

/// The state buffers a stateful rule keeps for one parameter, created as zeros of the
/// parameter's size on its first step and checked against it on every later step.
struct RuleState: Sendable, Equatable {
    private var buffers: [String: [Double]] = [:]

    /// The buffer called `name` for a parameter of `count` numbers (zeros the first time).
    mutating func buffer(_ name: String, count: Int, rule: String) throws -> [Double] {
        if let b = buffers[name] {
            guard b.count == count else {
                throw NumericsError.invalidShape("\(rule): parameter '\(name)' had \(b.count) numbers at the last step, now \(count)")
            }
            return b
        }
        return [Double](repeating: 0, count: count)
    }

    mutating func store(_ b: [Double], _ name: String) { buffers[name] = b }

    /// The buffer called `name` (zeros the first time), changed in place by `body`: no copy of
    /// it per step, as `buffer` then `store` make.
    mutating func withBuffer<R>(_ name: String, count: Int, rule: String,
                                _ body: (UnsafeMutableBufferPointer<Double>) throws -> R) throws -> R {
        if let b = buffers[name] {
            guard b.count == count else {
                throw NumericsError.invalidShape("\(rule): parameter '\(name)' had \(b.count) numbers at the last step, now \(count)")
            }
        } else {
            buffers[name] = [Double](repeating: 0, count: count)
        }
        return try buffers[name]!.withUnsafeMutableBufferPointer { v in try body(v) }
    }
}

extension UpdateRule {
    func checkShapes(_ name: String, _ value: Tensor, _ gradient: Tensor, _ rule: String) throws {
        guard value.shape == gradient.shape else {
            throw NumericsError.shapeMismatch(operation: "\(rule) step on \(name)", lhs: value.shape, rhs: gradient.shape)
        }
    }
}

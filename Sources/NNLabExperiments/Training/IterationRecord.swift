/// With `log=iter`: the loss of every iteration, as the course's Solver prints it:
/// `(Iteration 1 / 100) loss: 2.302585`.
public struct IterationRecord: StreamRecordCodable {
    public static let recordType = "iteration"
    public var iteration: Int
    public var iterations: Int
    public var loss: Double

    public var line: String { "(Iteration \(iteration) / \(iterations)) loss: \(CFormat.f(loss))" }
}

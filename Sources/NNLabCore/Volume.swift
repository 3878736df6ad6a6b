/// The size of an activation volume, width x height x depth, written `WxHxD` as in the lectures.
/// A volume without a known depth (a bare `N` typed by a student) has `depth == nil`.
public struct Volume: Equatable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var width: Int
    public var height: Int
    public var depth: Int?

    public init(width: Int, height: Int, depth: Int?) {
        self.width = width
        self.height = height
        self.depth = depth
    }

    public init(square n: Int, depth: Int? = nil) { self.init(width: n, height: n, depth: depth) }

    /// `32x32x3`, or `7x7` without a depth.
    public var description: String {
        let wh = "\(width)x\(height)"
        return depth.map { "\(wh)x\($0)" } ?? wh
    }

    /// Number of activations, W*H*D (overflow-checked).
    public func count() throws -> Int {
        try Checked.product([width, height, depth ?? 1], "the volume \(description)")
    }
}

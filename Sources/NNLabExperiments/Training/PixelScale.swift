import NNLabCore

/// Per-feature mean and standard deviation mapping standardized features back to pixels:
/// pixel_j = x_j * std_j + mean_j, and x_j = (pixel_j - mean_j) / std_j after augmenting.
public struct PixelScale: Codable, Sendable, Equatable {
    public var mean: [Double]
    public var std: [Double]
    public init(mean: [Double], std: [Double]) { self.mean = mean; self.std = std }
}

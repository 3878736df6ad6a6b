import NNLabCore

/// The named 2-D landscapes of `descend`, each an expression of the `graph` language so its gradient
/// comes from the graph's backward pass.
public enum DescentLandscape: String, CaseIterable, Sendable, Codable {
    /// The lecture's zig-zag: curvature 2 across (y), 1/10 along (x).
    case ravine
    /// A saddle at the origin, minima at (0, +-sqrt 2) with f = -1: x^2 - y^2 bent back up by y^4/4.
    case saddle
    /// Rosenbrock's banana, minimum 0 at (1, 1).
    case rosenbrock
    /// Almost flat far from its minimum at the origin: the gradient is tiny on the plateau.
    case plateau
    /// The round bowl x^2 + y^2.
    case quadratic

    public var expression: String {
        switch self {
        case .ravine: return "x^2/20 + y^2"
        case .saddle: return "x^2 - y^2 + y^4/4"
        case .rosenbrock: return "(1 - x)^2 + 100*(y - x^2)^2"
        case .plateau: return "1 - exp(-(x^2 + y^2)/2)"
        case .quadratic: return "x^2 + y^2"
        }
    }

    /// Where the lecture's picture starts (the saddle on its ridge line, a tiny offset across it).
    public var start: (Double, Double) {
        switch self {
        case .ravine: return (-7, 2)
        case .saddle: return (-3, 1e-3)
        case .rosenbrock: return (-1.2, 1)
        case .plateau: return (3, 2.5)
        case .quadratic: return (-3, 2)
        }
    }
}

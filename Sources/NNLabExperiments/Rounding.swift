/// How the output size is rounded when (N - F + 2P)/S + 1 is not whole.
public enum Rounding: String, Codable, Sendable {
    /// The lecture's rule: the window must fit, else it is an error.
    case exact
    /// What most frameworks do for conv (and PyTorch for pooling): drop the last partial step.
    case floor
    /// Caffe's pooling (GoogLeNet): round up, so a partial window at the edge counts.
    case ceil
}

import NNLabCore

/// A network described layer by layer, with the size of everything in it: the table of the CNN
/// case-study lectures (output volume, memory, parameters and multiply-adds of each layer).
///
/// Counting conventions, used for every network:
/// - activations: the numbers a layer outputs for one image (W*H*D); a composite row (an inception
///   module, a ResNet stage) counts the outputs of every layer inside it. Memory is 4 bytes each.
/// - weights: conv F*F*D_in*K, fully connected N_in*N_out. biases: one per filter or unit, and for
///   batch normalization its two per-channel parameters (gamma, beta).
/// - multiply-adds (MACs): one per weight per output position; pooling and normalization count 0.
/// - fan-in: the inputs one output unit sees (F*F*D_in for conv, N_in for fully connected).
public struct ArchitectureReport: Codable, Sendable, Equatable {
    public struct Row: Codable, Sendable, Equatable {
        public var name: String
        public var type: String
        /// `96 11x11 /4 pad 0`, `3x3 /2`, `4096`.
        public var detail: String
        public var output: String
        public var out_w: Int, out_h: Int, out_d: Int
        public var activations: Int
        public var bytes: Int
        public var weights: Int, biases: Int
        /// weights + biases, or weights alone when biases are not counted.
        public var params: Int
        public var macs: Int
        public var fan_in: Int?
        /// Weight layers in this row (1 for conv/fc, 2 for an inception module, 2 or 3 per residual block).
        public var depth: Int
        public var note: String?
    }

    /// A number the lecture prints, next to what the rows give.
    public struct LectureFigure: Codable, Sendable, Equatable {
        public var what: String
        public var printed: String
        public var computed: String
        public var agrees: Bool
        public var explanation: String
    }

    public var name: String
    public var title: String
    public var input: String
    public var biases_counted: Bool
    public var layers: [Row]
    public var weights: Int, biases: Int, params: Int
    public var activations: Int
    /// Activation memory for one image, forward only, and roughly forward plus backward (2x).
    public var memory_bytes: Int, memory_bytes_train: Int
    public var macs: Int
    public var depth: Int
    public var notes: [String]
    public var lecture: [LectureFigure]
}

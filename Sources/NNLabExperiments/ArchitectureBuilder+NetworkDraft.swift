import NNLabCore

extension ArchitectureBuilder {
    /// Stretches the volume into a vector: WxHxD becomes 1x1x(W*H*D). No parameters.
    public mutating func flatten(_ name: String) throws {
        let n = try current.count()
        rows.append(try row(name: name, type: "flatten", detail: "\(current) -> \(n)", w: 1, h: 1, d: n,
                            activations: n, weights: 0, biases: 0, macs: 0, fanIn: nil, depth: 0))
        current = Volume(width: 1, height: 1, depth: n)
    }
}

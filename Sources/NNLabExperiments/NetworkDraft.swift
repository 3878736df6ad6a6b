import NNLabCore

/// A network a student builds layer by layer (`net new`, `net add`): an input volume and a list of
/// layers, sized with the same builder as the famous networks.
public struct NetworkDraft: Sendable, Equatable {
    public var input: Volume
    public var layers: [LayerSpec]

    public init(input: Volume, layers: [LayerSpec] = []) {
        self.input = input
        self.layers = layers
    }

    /// Sizes every layer; a layer that does not fit throws an error naming it.
    public func build(countBiases: Bool = true) throws -> ArchitectureReport {
        var b = try ArchitectureBuilder(input: input, countBiases: countBiases)
        for (i, layer) in layers.enumerated() { try layer.apply(to: &b, name: "\(layer.kind)\(i + 1)") }
        let description = ([input.description] + layers.map(\.text)).joined(separator: ", ")
        return try b.report(name: "net", title: "your network: \(description)")
    }
}

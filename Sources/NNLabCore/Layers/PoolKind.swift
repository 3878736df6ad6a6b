/// Max or average pooling: the one list of pooling kinds, used by the `Pool` layer, the `Pooling`
/// functions and the shape tables (`ArchitectureBuilder.pool`, `LayerSpec.pool`).
public enum PoolKind: String, CaseIterable, Sendable, Codable {
    /// Each window's largest input.
    case max
    /// Each window's mean.
    case avg
}

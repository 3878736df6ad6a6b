extension InitExperiment {
    /// The named initialization schemes (a standard deviation typed as a number is the other kind
    /// of `Scheme`): the list `init`, `set init` and completion offer.
    public enum SchemeName: String, CaseIterable, Sendable, Codable {
        case zero, small, big, xavier, he

        public var scheme: Scheme {
            switch self {
            case .zero: return .zero
            case .small: return .small
            case .big: return .big
            case .xavier: return .xavier
            case .he: return .he
            }
        }
    }
}

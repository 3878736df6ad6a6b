/// An on/off switch typed as a word (`bn=on`).
public enum Switch: String, Choice {
    case on, off
    public var isOn: Bool { self == .on }
}

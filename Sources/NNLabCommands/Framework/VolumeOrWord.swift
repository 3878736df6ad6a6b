import NNLabCore

/// `conv 32 ...` or `conv same ...`: a size, or one of a few words.
public enum VolumeOrWord: ArgumentValue, Equatable {
    case volume(Volume), word(String)
    public static func from(_ v: ArgValue) -> VolumeOrWord? {
        switch v {
        case let .volume(x): return .volume(x)
        case let .word(w): return .word(w)
        default: return nil
        }
    }
}

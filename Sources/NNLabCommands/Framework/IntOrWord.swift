import NNLabCore

/// `P=2` or `P=same`: a whole number, or one of a few words.
public enum IntOrWord: ArgumentValue, Equatable {
    case int(Int), word(String)
    public static func from(_ v: ArgValue) -> IntOrWord? {
        switch v {
        case let .int(i): return .int(i)
        case let .word(w): return .word(w)
        default: return nil
        }
    }
}

import NNLabCore

/// A type an argument's parsed value converts to.
public protocol ArgumentValue: Sendable {
    static func from(_ v: ArgValue) -> Self?
}

extension Int: ArgumentValue {
    public static func from(_ v: ArgValue) -> Int? { if case let .int(i) = v { return i } else { return nil } }
}

extension Double: ArgumentValue {
    public static func from(_ v: ArgValue) -> Double? {
        switch v {
        case let .real(x): return x
        case let .int(i): return Double(i)
        default: return nil
        }
    }
}

extension String: ArgumentValue {
    public static func from(_ v: ArgValue) -> String? {
        switch v {
        case let .text(t), let .word(t): return t
        default: return nil
        }
    }
}

extension Bool: ArgumentValue {
    public static func from(_ v: ArgValue) -> Bool? {
        guard case let .word(w) = v else { return nil }
        return w == "on"
    }
}

extension Volume: ArgumentValue {
    public static func from(_ v: ArgValue) -> Volume? { if case let .volume(x) = v { return x } else { return nil } }
}

extension Array: ArgumentValue where Element: ArgumentValue {
    public static func from(_ v: ArgValue) -> [Element]? {
        guard case let .list(items) = v else { return nil }
        var out: [Element] = []
        for i in items {
            guard let e = Element.from(i) else { return nil }
            out.append(e)
        }
        return out
    }
}

import NNLabCore

/// A list of one enum's cases (a variadic choice argument).
public protocol ChoiceList: ArgumentValue { associatedtype Item: Choice }

extension Array: ChoiceList where Element: Choice { public typealias Item = Element }

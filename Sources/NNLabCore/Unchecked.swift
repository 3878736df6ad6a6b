import Dispatch

struct Unchecked<T>: @unchecked Sendable {
    let value: T
    init(_ v: T) { value = v }
}

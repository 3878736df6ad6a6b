/// The learnable tensors of a layer or a model with their gradients, in a fixed order under unique
/// names: what an update rule loops over (micrograd's `parameters()`, llm.c's `ParameterTensors`
/// walked by `gpt2_update`).
///
/// A layer's set names its tensors `w`, `b`, `gamma`...; a `Sequential` model's set prefixes each
/// with the layer's name, `layer1.w`, `layer1.b`, `layer3.w`, in layer order. A 2-D point for a
/// descent is a set of one parameter of two numbers: nothing here assumes layers.
///
/// The set keeps its shape fixed: it can be read freely, but values and gradients are replaced
/// only by tensors of the same shape (checked), and no entry is added or removed after creation.
public struct ParameterSet: Sendable, Equatable, RandomAccessCollection {
    var entries: [Parameter]

    /// An empty set (a layer without parameters).
    public init() { entries = [] }

    /// The given parameters in order; names must be unique.
    public init(_ parameters: [Parameter]) throws {
        var seen = Set<String>()
        for p in parameters where !seen.insert(p.name).inserted {
            throw NumericsError.invalidShape("two parameters are named '\(p.name)'")
        }
        entries = parameters
    }

    public var startIndex: Int { entries.startIndex }
    public var endIndex: Int { entries.endIndex }
    public subscript(position: Int) -> Parameter { entries[position] }

    public var names: [String] { entries.map(\.name) }

    /// The parameter called `name`, or nil.
    public subscript(name: String) -> Parameter? { entries.first { $0.name == name } }

    /// How many numbers the set holds (what the `net` and `arch` tables call parameters).
    public var scalarCount: Int { entries.reduce(0) { $0 + $1.value.count } }

    func index(of name: String) throws -> Int {
        guard let i = entries.firstIndex(where: { $0.name == name }) else {
            throw NumericsError.outOfRange("no parameter '\(name)'; there are: \(names.joined(separator: ", "))")
        }
        return i
    }

    static func sameShape(_ new: Tensor, _ old: Tensor, _ what: String) throws {
        guard new.shape == old.shape else {
            throw NumericsError.shapeMismatch(operation: what, lhs: new.shape, rhs: old.shape)
        }
    }

    /// Replaces the value of `name` by a tensor of the same shape.
    public mutating func setValue(_ value: Tensor, for name: String) throws {
        let i = try index(of: name)
        try Self.sameShape(value, entries[i].value, "setting \(name)")
        entries[i].value = value
    }

    /// Replaces the gradient of `name` by a tensor of the same shape.
    public mutating func setGradient(_ gradient: Tensor, for name: String) throws {
        let i = try index(of: name)
        try Self.sameShape(gradient, entries[i].value, "setting the gradient of \(name)")
        entries[i].gradient = gradient
    }

    /// Sets every gradient to zero (before accumulating gradients over several batches).
    public mutating func zeroGradients() {
        for i in entries.indices {
            entries[i].gradient.data.withUnsafeMutableBufferPointer { g in
                for k in g.indices { g[k] = 0 }
            }
        }
    }

    /// Every value changed in place by `body(name, &value, gradient)`, in order, with the name
    /// prefixed by `prefix` (how a model hands its layers' sets to one rule). A body that changes a
    /// value's shape is an error.
    public mutating func updateValues(prefix: String = "",
                                      _ body: (_ name: String, _ value: inout Tensor, _ gradient: Tensor) throws -> Void) throws {
        for i in entries.indices {
            let shape = entries[i].value.shape
            try body(prefix + entries[i].name, &entries[i].value, entries[i].gradient)
            guard entries[i].value.shape == shape else {
                throw NumericsError.shapeMismatch(operation: "updating \(prefix + entries[i].name)", lhs: entries[i].value.shape, rhs: shape)
            }
        }
    }

    /// Copies the values of `checkpoint` (same names, same shapes) into this set; gradients stay.
    public mutating func restore(_ checkpoint: ParameterSet) throws {
        guard checkpoint.names == names else {
            throw NumericsError.invalidShape("the checkpoint holds \(checkpoint.names.joined(separator: ", ")), not \(names.joined(separator: ", "))")
        }
        for i in entries.indices {
            try Self.sameShape(checkpoint.entries[i].value, entries[i].value, "restoring \(entries[i].name)")
            entries[i].value = checkpoint.entries[i].value
        }
    }

    /// The same parameters named `prefix + name`.
    func prefixed(_ prefix: String) -> ParameterSet {
        var s = self
        for i in s.entries.indices { s.entries[i].name = prefix + s.entries[i].name }
        return s
    }
}

extension ParameterSet {
    /// For names the caller knows to be unique.
    init(unchecked parameters: [Parameter]) { entries = parameters }
}

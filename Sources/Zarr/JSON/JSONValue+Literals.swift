extension JSONValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .null }
}

extension JSONValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension JSONValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int64) { self = .int(value) }
}

extension JSONValue: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension JSONValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension JSONValue: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
}

extension JSONValue: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(JSONObject(elements)) }
}

extension JSONValue {
    /// An integer value from any Swift integer (traps if it does not fit in Int64).
    public init(_ value: some BinaryInteger) { self = .int(Int64(value)) }

    /// A number value.
    public init(_ value: Double) { self = .double(value) }

    /// A string value.
    public init(_ value: String) { self = .string(value) }

    /// An array of integers, e.g. a shape.
    public init(integers: [Int]) { self = .array(integers.map { .int(Int64($0)) }) }

    /// An array of strings, e.g. dimension names.
    public init(strings: [String]) { self = .array(strings.map { .string($0) }) }
}

/// A JSON document: the metadata currency of Zarr and OME-Zarr.
public enum JSONValue: Sendable, Hashable {
    /// JSON `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number written without fraction or exponent.
    case int(Int64)
    /// A number with a fraction or exponent (always serialised as a float, e.g. `1.0`).
    case double(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object with ordered keys.
    case object(JSONObject)

    /// The member `key` of an object (nil for other values); assigning turns `.null` into an object.
    public subscript(key: String) -> JSONValue? {
        get {
            guard case let .object(object) = self else { return nil }
            return object[key]
        }
        set {
            var object: JSONObject
            switch self {
            case let .object(existing): object = existing
            case .null: object = JSONObject()
            default: preconditionFailure("JSONValue: cannot set member \"\(key)\" on a non-object value")
            }
            object[key] = newValue
            self = .object(object)
        }
    }

    /// The element at `index` of an array (nil for other values or out of range).
    public subscript(index: Int) -> JSONValue? {
        guard case let .array(elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    /// The string payload, if this is a string.
    public var stringValue: String? {
        if case let .string(value) = self { return value }
        return nil
    }

    /// The boolean payload, if this is a bool.
    public var boolValue: Bool? {
        if case let .bool(value) = self { return value }
        return nil
    }

    /// The integer payload; a double is accepted when it is integral and fits.
    public var intValue: Int64? {
        switch self {
        case let .int(value): return value
        case let .double(value): return Int64(exactly: value)
        default: return nil
        }
    }

    /// The numeric payload as a double (integers convert).
    public var doubleValue: Double? {
        switch self {
        case let .int(value): return Double(value)
        case let .double(value): return value
        default: return nil
        }
    }

    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? {
        if case let .array(value) = self { return value }
        return nil
    }

    /// The members, if this is an object.
    public var objectValue: JSONObject? {
        if case let .object(value) = self { return value }
        return nil
    }

    /// A short name of the value's JSON type, for error messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .int: "an integer"
        case .double: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

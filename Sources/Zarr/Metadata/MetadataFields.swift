/// Typed access to the members of a metadata object, turning every mismatch into a `ZarrError`
/// that names the file and the dotted field path.
struct MetadataFields {
    let object: JSONObject
    let path: String
    let context: String

    /// Wraps `value`, which must be an object; `context` is its dotted field path ("" at the top).
    init(_ value: JSONValue, path: String, context: String) throws(ZarrError) {
        guard case let .object(object) = value else {
            throw ZarrError(path: path, .invalidField(
                field: context.isEmpty ? "(document)" : context, expected: "an object", found: Self.describe(value)))
        }
        self.object = object
        self.path = path
        self.context = context
    }

    func fieldName(_ key: String) -> String {
        context.isEmpty ? key : context + "." + key
    }

    /// The value of a required member.
    func value(_ key: String) throws(ZarrError) -> JSONValue {
        guard let value = object[key] else {
            throw ZarrError(path: path, .missingField(field: fieldName(key)))
        }
        return value
    }

    func string(_ key: String) throws(ZarrError) -> String {
        let value = try value(key)
        guard let string = value.stringValue else { throw invalid(key, expected: "a string", found: value) }
        return string
    }

    func int(_ key: String) throws(ZarrError) -> Int {
        let value = try value(key)
        guard let integer = value.intValue.flatMap({ Int(exactly: $0) }) else {
            throw invalid(key, expected: "an integer", found: value)
        }
        return integer
    }

    func intArray(_ key: String) throws(ZarrError) -> [Int] {
        let value = try value(key)
        guard let elements = value.arrayValue else { throw invalid(key, expected: "an array of integers", found: value) }
        var integers: [Int] = []
        for element in elements {
            guard let integer = element.intValue.flatMap({ Int(exactly: $0) }) else {
                throw invalid(key, expected: "an array of integers", found: value)
            }
            integers.append(integer)
        }
        return integers
    }

    func array(_ key: String) throws(ZarrError) -> [JSONValue] {
        let value = try value(key)
        guard let elements = value.arrayValue else { throw invalid(key, expected: "an array", found: value) }
        return elements
    }

    func nested(_ key: String) throws(ZarrError) -> MetadataFields {
        try MetadataFields(try value(key), path: path, context: fieldName(key))
    }

    /// An optional member; JSON null counts as absent.
    func optional(_ key: String) -> JSONValue? {
        guard let value = object[key], value != .null else { return nil }
        return value
    }

    func optionalBool(_ key: String) throws(ZarrError) -> Bool? {
        guard let value = optional(key) else { return nil }
        guard let bool = value.boolValue else { throw invalid(key, expected: "a boolean", found: value) }
        return bool
    }

    func optionalInt(_ key: String) throws(ZarrError) -> Int? {
        guard optional(key) != nil else { return nil }
        return try int(key)
    }

    func optionalString(_ key: String) throws(ZarrError) -> String? {
        guard optional(key) != nil else { return nil }
        return try string(key)
    }

    func invalid(_ key: String, expected: String, found: JSONValue) -> ZarrError {
        ZarrError(path: path, .invalidField(field: fieldName(key), expected: expected, found: Self.describe(found)))
    }

    /// A value's type and a bounded excerpt of its JSON, for messages.
    static func describe(_ value: JSONValue) -> String {
        let text = value.serialized()
        let excerpt = text.count > 60 ? text.prefix(57) + "..." : Substring(text)
        return "\(value.typeName) \(excerpt)"
    }
}

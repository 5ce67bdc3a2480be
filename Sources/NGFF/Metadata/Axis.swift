import Zarr

/// One axis of a multiscale image (NGFF "axes": name MUST, type and unit SHOULD).
public struct Axis: Sendable, Hashable {
    /// The axis kinds the spec names.
    public enum Kind: String, Sendable, Hashable {
        case time, channel, space
    }

    public var name: String
    public var kind: Kind
    /// A UDUNITS-2 unit name such as `micrometer` or `second`; nil when the instrument did not say.
    public var unit: String?

    public init(name: String, kind: Kind, unit: String? = nil) {
        self.name = name
        self.kind = kind
        self.unit = unit
    }

    var json: JSONValue {
        var object: JSONObject = ["name": .string(name), "type": .string(kind.rawValue)]
        if let unit { object["unit"] = .string(unit) }
        return .object(object)
    }
}

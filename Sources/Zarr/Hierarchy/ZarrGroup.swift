/// Reading and writing Zarr group nodes.
public enum ZarrGroup {
    /// Writes a group at `path` ("" is the store root): v2 `.zgroup` plus `.zattrs` when attributes
    /// are given, v3 `zarr.json` with `attributes` (`{}` when none, §5.2).
    public static func write(
        store: FileStore, path: String, format: ZarrFormat, attributes: JSONValue?, durable: Bool = false
    ) throws(ZarrError) {
        if let attributes, attributes.objectValue == nil {
            throw ZarrError(path: store.location(of: path), .invalidField(
                field: "attributes", expected: "an object", found: MetadataFields.describe(attributes)))
        }
        switch format {
        case .v2:
            try store.write((["zarr_format": 2] as JSONValue).prettyBytes(), to: NodeKeys.join(path, NodeKeys.v2Group), durable: durable)
            if let attributes {
                try store.write(attributes.prettyBytes(), to: NodeKeys.join(path, NodeKeys.v2Attributes), durable: durable)
            }
        case .v3:
            let document: JSONValue = ["zarr_format": 3, "node_type": "group", "attributes": attributes ?? [:]]
            try store.write(document.prettyBytes(), to: NodeKeys.join(path, NodeKeys.v3Metadata), durable: durable)
        }
    }

    /// The group's attributes (v2 `.zattrs`, v3 `zarr.json` `attributes`), nil when it has none.
    /// Throws when the group's metadata is missing, malformed or describes an array.
    public static func readAttributes(store: FileStore, path: String, format: ZarrFormat) throws(ZarrError) -> JSONValue? {
        switch format {
        case .v2:
            let groupKey = NodeKeys.join(path, NodeKeys.v2Group)
            guard let groupBytes = try store.read(groupKey) else {
                throw ZarrError(path: store.location(of: groupKey), .missingMetadata(expected: "a v2 group (.zgroup)"))
            }
            let group = try JSONValue(parsing: groupBytes, source: store.location(of: groupKey))
            try checkFormat(group, expected: 2, path: store.location(of: groupKey))
            let attributesKey = NodeKeys.join(path, NodeKeys.v2Attributes)
            guard let bytes = try store.read(attributesKey) else { return nil }
            let attributes = try JSONValue(parsing: bytes, source: store.location(of: attributesKey))
            guard attributes.objectValue != nil else {
                throw ZarrError(path: store.location(of: attributesKey), .invalidField(
                    field: "(document)", expected: "an object", found: MetadataFields.describe(attributes)))
            }
            return attributes
        case .v3:
            let key = NodeKeys.join(path, NodeKeys.v3Metadata)
            let location = store.location(of: key)
            guard let bytes = try store.read(key) else {
                throw ZarrError(path: location, .missingMetadata(expected: "a v3 group (zarr.json)"))
            }
            let document = try JSONValue(parsing: bytes, source: location)
            try checkFormat(document, expected: 3, path: location)
            let fields = try MetadataFields(document, path: location, context: "")
            let nodeType = try fields.string("node_type")
            guard nodeType == "group" else {
                throw fields.invalid("node_type", expected: "\"group\"", found: .string(nodeType))
            }
            guard let attributes = fields.optional("attributes") else { return nil }
            guard attributes.objectValue != nil else {
                throw fields.invalid("attributes", expected: "an object", found: attributes)
            }
            return attributes
        }
    }

    /// The format of the node (group or array) at `path`, judged by which metadata files exist;
    /// v3 wins if both are present. Nil when there is no metadata (or the path is not a valid key).
    public static func detectFormat(store: FileStore, path: String) -> ZarrFormat? {
        let exists = { (name: String) in (try? store.exists(NodeKeys.join(path, name))) ?? false }
        if exists(NodeKeys.v3Metadata) { return .v3 }
        if exists(NodeKeys.v2Group) || exists(NodeKeys.v2Array) { return .v2 }
        return nil
    }

    static func checkFormat(_ document: JSONValue, expected: Int, path: String) throws(ZarrError) {
        let fields = try MetadataFields(document, path: path, context: "")
        let found = try fields.int("zarr_format")
        guard found == expected else {
            throw fields.invalid("zarr_format", expected: String(expected), found: .int(Int64(found)))
        }
    }
}

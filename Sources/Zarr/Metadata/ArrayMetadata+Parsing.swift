extension ArrayMetadata {
    /// Reads a v2 `.zarray` or v3 array `zarr.json` document written by any conforming writer,
    /// then checks it for consistency; `path` names the file in errors.
    ///
    /// Normalises what it does not keep: blosc `typesize`/`blocksize` (the blosc header carries
    /// them), v3 null dimension names (become ""). v2 attributes live in `.zattrs` and are not read here.
    public static func parse(_ json: JSONValue, format: ZarrFormat, path: String) throws(ZarrError) -> ArrayMetadata {
        let fields = try MetadataFields(json, path: path, context: "")
        let declared = try fields.int("zarr_format")
        guard declared == format.rawValue else {
            throw fields.invalid("zarr_format", expected: String(format.rawValue), found: .int(Int64(declared)))
        }
        let metadata = switch format {
        case .v2: try parseV2(fields)
        case .v3: try parseV3(fields)
        }
        try metadata.validate(path: path)
        return metadata
    }

    private static func parseV2(_ fields: MetadataFields) throws(ZarrError) -> ArrayMetadata {
        let typeString = try fields.string("dtype")
        guard let (dataType, byteOrder) = ZarrDataType.parseV2(typeString) else {
            throw ZarrError(path: fields.path, .unsupported(
                feature: "dtype", found: "\"\(typeString)\"",
                supported: ZarrDataType.allCases.map { $0.v2TypeString() }.joined(separator: ", ") + " (either byte order)"))
        }
        let order = try fields.optionalString("order") ?? "C"
        guard order == "C" else {
            throw ZarrError(path: fields.path, .unsupported(feature: "order", found: "\"\(order)\"", supported: "\"C\""))
        }
        if let filters = fields.optional("filters"), filters != .array([]) {
            throw ZarrError(path: fields.path, .unsupported(
                feature: "filters", found: MetadataFields.describe(filters), supported: "null or []"))
        }
        let separatorName = try fields.optionalString("dimension_separator") ?? ChunkKeySeparator.dot.rawValue
        guard let separator = ChunkKeySeparator(rawValue: separatorName) else {
            throw fields.invalid("dimension_separator", expected: "\".\" or \"/\"", found: .string(separatorName))
        }
        var metadata = ArrayMetadata(
            format: .v2,
            shape: try fields.intArray("shape"),
            dataType: dataType,
            chunkShape: try fields.intArray("chunks"),
            compressor: try parseV2Compressor(fields, elementSize: dataType.byteSize),
            fillValue: try fields.value("fill_value"))
        metadata.byteOrder = byteOrder
        metadata.chunkKeyEncoding = .v2(separator: separator)
        return metadata
    }

    private static func parseV2Compressor(_ fields: MetadataFields, elementSize: Int) throws(ZarrError) -> ZarrCompressor {
        guard fields.optional("compressor") != nil else {
            // The key is required (§5.1) but may be null, meaning uncompressed.
            _ = try fields.value("compressor")
            return .none
        }
        let compressor = try fields.nested("compressor")
        let id = try compressor.string("id")
        guard let codec = CompressorRegistry.codec(named: id) else {
            throw ZarrError(path: fields.path, .unsupported(
                feature: "v2 compressor", found: "\"\(id)\"", supported: (CompressorRegistry.names + ["null"]).joined(separator: ", ")))
        }
        return ZarrCompressor(try codec.parse(v2: compressor, elementSize: elementSize))
    }

    private static func parseV3(_ fields: MetadataFields) throws(ZarrError) -> ArrayMetadata {
        let nodeType = try fields.string("node_type")
        guard nodeType == "array" else {
            throw fields.invalid("node_type", expected: "\"array\"", found: .string(nodeType))
        }
        let typeName = try fields.string("data_type")
        guard let dataType = ZarrDataType(v3Name: typeName) else {
            throw ZarrError(path: fields.path, .unsupported(
                feature: "data_type", found: "\"\(typeName)\"",
                supported: ZarrDataType.allCases.map(\.v3Name).joined(separator: ", ")))
        }
        let grid = try fields.nested("chunk_grid")
        let gridName = try grid.string("name")
        guard gridName == "regular" else {
            throw ZarrError(path: fields.path, .unsupported(feature: "chunk_grid", found: "\"\(gridName)\"", supported: "regular"))
        }
        let chunkShape = try grid.nested("configuration").intArray("chunk_shape")
        if let transformers = fields.optional("storage_transformers"), transformers != .array([]) {
            throw ZarrError(path: fields.path, .unsupported(
                feature: "storage_transformers", found: MetadataFields.describe(transformers), supported: "none"))
        }

        var metadata = ArrayMetadata(
            format: .v3, shape: try fields.intArray("shape"), dataType: dataType, chunkShape: chunkShape,
            fillValue: try fields.value("fill_value"))
        metadata.chunkKeyEncoding = try parseChunkKeyEncoding(fields)
        metadata.dimensionNames = try parseDimensionNames(fields)
        if let attributes = fields.optional("attributes") {
            guard attributes.objectValue != nil else {
                throw fields.invalid("attributes", expected: "an object", found: attributes)
            }
            metadata.attributes = attributes
        }

        let codecs = try fields.array("codecs")
        let firstName = codecs.first.flatMap { $0["name"]?.stringValue }
        if firstName == ShardingCodec.name {
            guard codecs.count == 1 else {
                throw ZarrError(path: fields.path, .unsupported(
                    feature: "codecs", found: "sharding_indexed followed by \(codecs.count - 1) more codec(s)",
                    supported: "sharding_indexed as the only codec"))
            }
            let sharding = try ShardingCodec.parse(
                try MetadataFields(codecs[0], path: fields.path, context: "codecs[0]"), dataType: dataType)
            metadata.innerChunkShape = sharding.innerChunkShape
            metadata.apply(sharding.inner)
            metadata.shardIndexLocation = sharding.indexLocation
            metadata.shardIndexChecksum = sharding.indexChecksum
        } else {
            metadata.apply(try CodecChain.parseV3(codecs, dataType: dataType, path: fields.path, field: "codecs"))
        }
        return metadata
    }

    private mutating func apply(_ chain: CodecChain) {
        byteOrder = chain.bytes.byteOrder
        compressor = chain.compressor
        chunkChecksum = chain.checksum
    }

    private static func parseChunkKeyEncoding(_ fields: MetadataFields) throws(ZarrError) -> ChunkKeyEncoding {
        let encoding = try fields.nested("chunk_key_encoding")
        let name = try encoding.string("name")
        let configured = try encoding.optional("configuration").map { value throws(ZarrError) in
            try MetadataFields(value, path: fields.path, context: encoding.fieldName("configuration")).optionalString("separator")
        } ?? nil
        // §5.2: "default" separates with "/" unless configured; the "v2" encoding defaults to ".".
        let separatorName = configured ?? (name == "v2" ? "." : "/")
        guard let separator = ChunkKeySeparator(rawValue: separatorName) else {
            throw encoding.invalid("configuration.separator", expected: "\"/\" or \".\"", found: .string(separatorName))
        }
        switch name {
        case "default": return .default(separator: separator)
        case "v2": return .v2(separator: separator)
        default:
            throw ZarrError(path: fields.path, .unsupported(
                feature: "chunk_key_encoding", found: "\"\(name)\"", supported: "default, v2"))
        }
    }

    private static func parseDimensionNames(_ fields: MetadataFields) throws(ZarrError) -> [String]? {
        guard let value = fields.optional("dimension_names") else { return nil }
        guard let elements = value.arrayValue else {
            throw fields.invalid("dimension_names", expected: "an array of strings or nulls", found: value)
        }
        var names: [String] = []
        for element in elements {
            switch element {
            case let .string(name): names.append(name)
            case .null: names.append("")
            default: throw fields.invalid("dimension_names", expected: "an array of strings or nulls", found: value)
            }
        }
        return names
    }
}

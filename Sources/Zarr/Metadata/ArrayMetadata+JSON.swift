extension ArrayMetadata {
    /// The metadata document: v2 `.zarray` (§5.1; attributes go to `.zattrs` separately) or v3 `zarr.json` (§5.2).
    public func json() -> JSONValue {
        switch format {
        case .v2: v2JSON()
        case .v3: v3JSON()
        }
    }

    private func v2JSON() -> JSONValue {
        let compressorJSON = compressor.codec?.v2JSON ?? .null
        return [
            "zarr_format": 2,
            "shape": JSONValue(integers: shape),
            "chunks": JSONValue(integers: chunkShape),
            "dtype": .string(dataType.v2TypeString(byteOrder: byteOrder)),
            "compressor": compressorJSON,
            "fill_value": fillValue,
            "order": "C",
            "filters": nil,
            "dimension_separator": .string(chunkKeyEncoding.separator.rawValue),
        ]
    }

    private func v3JSON() -> JSONValue {
        let keyEncodingName = switch chunkKeyEncoding {
        case .default: "default"
        case .v2: "v2"
        }
        var json: JSONValue = [
            "zarr_format": 3,
            "node_type": "array",
            "shape": JSONValue(integers: shape),
            "data_type": .string(dataType.v3Name),
            "chunk_grid": ["name": "regular", "configuration": ["chunk_shape": JSONValue(integers: chunkShape)]],
            "chunk_key_encoding": [
                "name": .string(keyEncodingName),
                "configuration": ["separator": .string(chunkKeyEncoding.separator.rawValue)],
            ],
            "fill_value": fillValue,
            "codecs": sharding.map { [$0.v3JSON] } ?? chunkCodecs.v3JSON,
        ]
        if let dimensionNames {
            json["dimension_names"] = JSONValue(strings: dimensionNames)
        }
        if let attributes {
            json["attributes"] = attributes
        }
        return json
    }
}

internal import CZstd

extension ArrayMetadata {
    /// Checks that the metadata describes an array this module can lay out; `path` names the file in errors.
    public func validate(path: String) throws(ZarrError) {
        let chunkField = format == .v2 ? "chunks" : "chunk_grid.configuration.chunk_shape"
        guard rank >= 1 else {
            throw ZarrError(path: path, .unsupported(feature: "rank", found: "0 (a scalar array)", supported: "1 or more dimensions"))
        }
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw invalid(path, "shape", expected: "non-negative extents", found: shape)
        }
        guard chunkShape.count == rank else {
            throw invalid(path, chunkField, expected: "\(rank) entries like shape", found: chunkShape)
        }
        guard chunkShape.allSatisfy({ $0 > 0 }) else {
            throw invalid(path, chunkField, expected: "positive extents", found: chunkShape)
        }
        if let innerChunkShape {
            try validateSharding(innerChunkShape, path: path)
        }
        guard Self.byteCount(codecChunkShape, elementSize: dataType.byteSize) != nil else {
            throw invalid(path, chunkField, expected: "a chunk smaller than the address space", found: codecChunkShape)
        }
        if let dimensionNames {
            guard format == .v3 else {
                throw ZarrError(path: path, .unsupported(feature: "dimension_names", found: "in a v2 array", supported: "Zarr v3 only"))
            }
            guard dimensionNames.count == rank else {
                throw ZarrError(path: path, .invalidField(
                    field: "dimension_names", expected: "\(rank) names like shape", found: "\(dimensionNames.count) names"))
            }
        }
        if let attributes, attributes.objectValue == nil {
            throw ZarrError(path: path, .invalidField(field: "attributes", expected: "an object", found: MetadataFields.describe(attributes)))
        }
        if format == .v2 {
            guard case .v2 = chunkKeyEncoding else {
                throw ZarrError(path: path, .unsupported(
                    feature: "chunk key encoding", found: "\"default\" in a v2 array", supported: "dimension_separator \".\" or \"/\""))
            }
            guard !chunkChecksum else {
                throw ZarrError(path: path, .unsupported(feature: "crc32c chunk checksum", found: "in a v2 array", supported: "Zarr v3 only"))
            }
        }
        try validateCompressor(path: path)
        _ = try fillValueBytes(path: path)
    }

    private func validateSharding(_ innerChunkShape: [Int], path: String) throws(ZarrError) {
        let field = "codecs[0].configuration.chunk_shape"
        guard format == .v3 else {
            throw ZarrError(path: path, .unsupported(feature: "sharding", found: "in a v2 array", supported: "Zarr v3 only"))
        }
        guard innerChunkShape.count == rank else {
            throw invalid(path, field, expected: "\(rank) entries like shape", found: innerChunkShape)
        }
        // §5.4: the inner chunk shape must divide the shard shape evenly per dimension.
        guard zip(chunkShape, innerChunkShape).allSatisfy({ $1 > 0 && $0 % $1 == 0 }) else {
            throw invalid(path, field, expected: "positive extents dividing the shard shape \(chunkShape)", found: innerChunkShape)
        }
    }

    private func validateCompressor(path: String) throws(ZarrError) {
        guard let codec = compressor.codec else { return }
        let levels = type(of: codec).levels
        guard levels.contains(codec.level) else {
            throw ZarrError(path: path, .invalidField(
                field: "\(type(of: codec).name) level", expected: "\(levels.lowerBound) to \(levels.upperBound)", found: String(codec.level)))
        }
    }

    private func invalid(_ path: String, _ field: String, expected: String, found: [Int]) -> ZarrError {
        ZarrError(path: path, .invalidField(field: field, expected: expected, found: "\(found)"))
    }

    /// Bytes in a block of `shape` elements, or nil on overflow.
    static func byteCount(_ shape: [Int], elementSize: Int) -> Int? {
        var total = elementSize
        for extent in shape {
            let (product, overflow) = total.multipliedReportingOverflow(by: extent)
            guard !overflow else { return nil }
            total = product
        }
        return total
    }
}

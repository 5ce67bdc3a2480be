/// The codecs applied to one (inner) chunk: `bytes`, an optional compressor, an optional trailing crc32c.
///
/// This is the subset of v3 codec lists that this module reads and writes; anything else
/// (array→array codecs, gzip, two compressors) is reported as unsupported.
struct CodecChain: Hashable, Sendable {
    let bytes: BytesCodec
    let compressor: ZarrCompressor
    let checksum: Bool

    var dataType: ZarrDataType { bytes.dataType }

    /// The compressor's v3 codec entry, if any.
    var compressorV3JSON: JSONValue? {
        compressor.codec?.v3JSON(elementSize: dataType.byteSize)
    }

    /// The v3 `codecs` list for this chain.
    var v3JSON: JSONValue {
        var codecs = [bytes.v3JSON]
        if let compressorV3JSON { codecs.append(compressorV3JSON) }
        if checksum { codecs.append(CRC32CCodec.v3JSON) }
        return .array(codecs)
    }

    /// Reads a v3 codec list whose array→bytes codec must be `bytes`; `field` names the list in errors.
    static func parseV3(
        _ codecs: [JSONValue], dataType: ZarrDataType, path: String, field: String
    ) throws(ZarrError) -> CodecChain {
        var bytes: BytesCodec?
        var compressor = ZarrCompressor.none
        var checksum = false
        for (index, codec) in codecs.enumerated() {
            let entry = try MetadataFields(codec, path: path, context: "\(field)[\(index)]")
            let name = try entry.string("name")
            let stage = "\(field)[\(index)] \"\(name)\""
            switch name {
            case BytesCodec.name:
                guard bytes == nil else { throw misplaced(stage, "a second array→bytes codec", path: path) }
                bytes = try BytesCodec.parse(entry, dataType: dataType)
            case let name where CompressorRegistry.codec(named: name) != nil:
                guard bytes != nil else { throw misplaced(stage, "a compressor before the bytes codec", path: path) }
                guard compressor == .none, !checksum else {
                    throw misplaced(stage, "a compressor after another compressor or after crc32c", path: path)
                }
                let configuration = try entry.nested("configuration")
                compressor = ZarrCompressor(try CompressorRegistry.codec(named: name)!.parse(v3: configuration))
            case CRC32CCodec.name:
                guard bytes != nil, !checksum else { throw misplaced(stage, "crc32c before bytes or twice", path: path) }
                checksum = true
            default:
                throw ZarrError(path: path, .unsupported(
                    feature: "codec", found: stage,
                    supported: (["bytes"] + CompressorRegistry.names + ["crc32c"]).joined(separator: ", ")
                        + " (and sharding_indexed as the only outer codec)"))
            }
        }
        guard let bytes else {
            throw ZarrError(path: path, .invalidField(
                field: field, expected: "exactly one array→bytes codec (\"bytes\")", found: "none"))
        }
        return CodecChain(bytes: bytes, compressor: compressor, checksum: checksum)
    }

    private static func misplaced(_ stage: String, _ problem: String, path: String) -> ZarrError {
        ZarrError(path: path, .unsupported(
            feature: "codec order", found: "\(stage): \(problem)",
            supported: "bytes, then at most one of \(CompressorRegistry.names.joined(separator: "/")), then optionally crc32c"))
    }

    /// Decodes one stored chunk back to `byteCount` bytes of host-order elements.
    func decode(_ encoded: UnsafeRawBufferPointer, byteCount: Int, path: String) throws(ZarrError) -> [UInt8] {
        let payload = checksum ? try CRC32CCodec.verified(encoded, path: path) : encoded
        var decoded: [UInt8]
        if let codec = compressor.codec {
            decoded = try codec.decode(payload, expectedSize: byteCount, path: path)
        } else {
            guard payload.count == byteCount else {
                throw ZarrError(path: path, .sizeMismatch(what: "uncompressed chunk", expected: byteCount, found: payload.count))
            }
            decoded = Array(payload)
        }
        if bytes.needsSwap {
            decoded.withUnsafeMutableBytes { bytes.swapBytes($0) }
        }
        return decoded
    }
}

internal import CZstd

/// The `zstd` bytes→bytes codec (zarr-extensions codecs/zstd; numcodecs `zstd` as a v2 compressor).
///
/// Frames always carry the decompressed size in their header: several readers refuse frames
/// without it (docs/ngff-choices.md §5.3, P15).
struct ZstdCodec: BytesToBytesCodec {
    static let name = "zstd"
    static let levels = Int(ZSTD_minCLevel())...Int(ZSTD_maxCLevel())

    let level: Int
    let checksum: Bool

    func withLevel(_ level: Int) -> ZstdCodec {
        ZstdCodec(level: level, checksum: checksum)
    }

    /// The v2 `compressor` object; `checksum` only when set, as numcodecs omits the default (§3).
    var v2JSON: JSONValue {
        var json: JSONValue = ["id": "zstd", "level": JSONValue(level)]
        if checksum { json["checksum"] = true }
        return json
    }

    /// The v3 codec entry; zstd does not depend on the element size.
    func v3JSON(elementSize: Int) -> JSONValue {
        ["name": "zstd", "configuration": ["level": JSONValue(level), "checksum": .bool(checksum)]]
    }

    /// Reads a v3 configuration object.
    static func parse(v3 fields: MetadataFields) throws(ZarrError) -> ZstdCodec {
        ZstdCodec(level: try fields.optionalInt("level") ?? 0, checksum: try fields.optionalBool("checksum") ?? false)
    }

    /// Reads a v2 compressor object, whose members are named as in v3.
    static func parse(v2 fields: MetadataFields, elementSize: Int) throws(ZarrError) -> ZstdCodec {
        try parse(v3: fields)
    }

    /// The largest frame `encode` can produce for `inputCount` bytes.
    func maximumEncodedSize(_ inputCount: Int) -> Int {
        ZSTD_compressBound(inputCount)
    }

    /// Writes one zstd frame of `input` into `destination`, reusing the workspace's ZSTD_CCtx, and returns
    /// its length.
    func encode(_ input: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer, elementSize: Int,
                workspace: ZarrWriteWorkspace, path: String) throws(ZarrError) -> Int {
        let context = try workspace.zstd(path: path)
        ZSTD_CCtx_reset(context, ZSTD_reset_session_and_parameters)
        for (parameter, value) in [
            (ZSTD_c_compressionLevel, Int32(level)), (ZSTD_c_checksumFlag, checksum ? 1 : 0), (ZSTD_c_contentSizeFlag, 1),
        ] {
            let code = ZSTD_CCtx_setParameter(context, parameter, value)
            guard ZSTD_isError(code) == 0 else { throw Self.failure(code, path: path) }
        }
        // One-shot compression knows the input size, so the frame header records it.
        let written = ZSTD_compress2(context, destination.baseAddress, destination.count, input.baseAddress, input.count)
        guard ZSTD_isError(written) == 0 else { throw Self.failure(written, path: path) }
        return written
    }

    /// Decodes zstd data that must expand to exactly `expectedSize` bytes; frames without a
    /// content size and concatenated frames are decoded by streaming.
    func decode(_ input: UnsafeRawBufferPointer, expectedSize: Int, path: String) throws(ZarrError) -> [UInt8] {
        let contentSize = ZSTD_getFrameContentSize(input.baseAddress, input.count)
        if contentSize == czstd_contentsize_error() {
            throw ZarrError(path: path, .codecFailure(codec: "zstd", detail: "the data is not a zstd frame"))
        }
        if contentSize == UInt64(expectedSize) {
            var result = 0
            let output = [UInt8](unsafeUninitializedCapacity: expectedSize) { buffer, count in
                result = ZSTD_decompress(buffer.baseAddress, expectedSize, input.baseAddress, input.count)
                count = ZSTD_isError(result) == 0 ? result : 0
            }
            guard ZSTD_isError(result) == 0 else { throw Self.failure(result, path: path) }
            guard output.count == expectedSize else {
                throw ZarrError(path: path, .sizeMismatch(what: "decompressed zstd chunk", expected: expectedSize, found: output.count))
            }
            return output
        }
        let output = try Self.decompressStreaming(input, path: path)
        guard output.count == expectedSize else {
            throw ZarrError(path: path, .sizeMismatch(what: "decompressed zstd chunk", expected: expectedSize, found: output.count))
        }
        return output
    }

    private static func decompressStreaming(_ input: UnsafeRawBufferPointer, path: String) throws(ZarrError) -> [UInt8] {
        guard let context = ZSTD_createDCtx() else {
            throw ZarrError(path: path, .codecFailure(codec: "zstd", detail: "ZSTD_createDCtx failed"))
        }
        defer { ZSTD_freeDCtx(context) }
        var output: [UInt8] = []
        var block = [UInt8](repeating: 0, count: ZSTD_DStreamOutSize())
        var source = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
        var remainingHint = 1
        while source.pos < source.size || remainingHint != 0 {
            var produced = 0
            let consumedBefore = source.pos
            remainingHint = block.withUnsafeMutableBytes { blockBuffer in
                var target = ZSTD_outBuffer(dst: blockBuffer.baseAddress, size: blockBuffer.count, pos: 0)
                let hint = ZSTD_decompressStream(context, &target, &source)
                produced = target.pos
                return hint
            }
            guard ZSTD_isError(remainingHint) == 0 else { throw failure(remainingHint, path: path) }
            output.append(contentsOf: block[0..<produced])
            if produced == 0 && source.pos == consumedBefore {
                throw ZarrError(path: path, .codecFailure(codec: "zstd", detail: "the frame is truncated"))
            }
        }
        return output
    }

    /// The error for a zstd result code that `ZSTD_isError` flagged.
    private static func failure(_ code: Int, path: String) -> ZarrError {
        ZarrError(path: path, .codecFailure(codec: "zstd", detail: String(cString: ZSTD_getErrorName(code))))
    }
}

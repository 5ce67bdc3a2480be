internal import CBlosc

/// The `blosc` bytes→bytes codec (v3 codecs/blosc 1.0; numcodecs `blosc` as a v2 compressor).
///
/// Uses only c-blosc's `_ctx` entry points with one internal thread: they keep no global state,
/// so any task may call them (c-blosc's plain `blosc_compress` shares global state and is not thread-safe),
/// and callers parallelise across chunks instead.
struct BloscCodec: BytesToBytesCodec {
    static let name = "blosc"
    static let levels = 0...9

    let compressor: BloscCompressor
    let clevel: Int
    let shuffle: BloscShuffle

    var level: Int { clevel }

    func withLevel(_ level: Int) -> BloscCodec {
        BloscCodec(compressor: compressor, clevel: level, shuffle: shuffle)
    }

    /// The v2 `compressor` object: shuffle as an integer and no typesize (docs/ngff-choices.md §5.1, P15).
    var v2JSON: JSONValue {
        [
            "id": "blosc",
            "cname": .string(compressor.rawValue),
            "clevel": JSONValue(clevel),
            "shuffle": JSONValue(shuffle.v2Code),
            "blocksize": 0,
        ]
    }

    /// The v3 codec entry: shuffle as a string, typesize = element size, the width shuffling works on
    /// (docs/ngff-choices.md §5.3, P15).
    func v3JSON(elementSize: Int) -> JSONValue {
        [
            "name": "blosc",
            "configuration": [
                "cname": .string(compressor.rawValue),
                "clevel": JSONValue(clevel),
                "shuffle": .string(shuffle.v3Name),
                "typesize": JSONValue(elementSize),
                "blocksize": 0,
            ],
        ]
    }

    /// Reads a numcodecs v2 blosc object; shuffle −1 ("auto") means bit shuffle for 1-byte elements, else byte shuffle.
    static func parse(v2 fields: MetadataFields, elementSize: Int) throws(ZarrError) -> BloscCodec {
        let compressor = try parseCompressorName(fields)
        let clevel = try fields.int("clevel")
        let shuffle: BloscShuffle
        switch try fields.optionalInt("shuffle") ?? 1 {
        case 0: shuffle = .none
        case 1: shuffle = .byte
        case 2: shuffle = .bit
        case -1: shuffle = elementSize == 1 ? .bit : .byte
        default:
            throw fields.invalid("shuffle", expected: "0, 1, 2 or -1", found: try fields.value("shuffle"))
        }
        return BloscCodec(compressor: compressor, clevel: clevel, shuffle: shuffle)
    }

    /// Reads a v3 blosc configuration object.
    static func parse(v3 fields: MetadataFields) throws(ZarrError) -> BloscCodec {
        let compressor = try parseCompressorName(fields)
        let clevel = try fields.int("clevel")
        let name = try fields.string("shuffle")
        guard let shuffle = BloscShuffle.allCases.first(where: { $0.v3Name == name }) else {
            throw fields.invalid("shuffle", expected: "\"noshuffle\", \"shuffle\" or \"bitshuffle\"", found: .string(name))
        }
        return BloscCodec(compressor: compressor, clevel: clevel, shuffle: shuffle)
    }

    private static func parseCompressorName(_ fields: MetadataFields) throws(ZarrError) -> BloscCompressor {
        let name = try fields.string("cname")
        guard let compressor = BloscCompressor(rawValue: name) else {
            throw ZarrError(path: fields.path, .unsupported(
                feature: "blosc cname", found: "\"\(name)\"",
                supported: BloscCompressor.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        return compressor
    }

    /// The largest frame `encode` can produce for `inputCount` bytes.
    func maximumEncodedSize(_ inputCount: Int) -> Int {
        inputCount + Int(BLOSC_MAX_OVERHEAD)
    }

    /// Writes the blosc frame of `input` into `destination` and returns its length.
    func encode(_ input: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer, elementSize: Int,
                workspace: ZarrWriteWorkspace, path: String) throws(ZarrError) -> Int {
        // BLOSC_MAX_BUFFERSIZE is INT_MAX − BLOSC_MAX_OVERHEAD; the macro expression is not imported.
        let maximumSize = Int(Int32.max) - Int(BLOSC_MAX_OVERHEAD)
        guard input.count <= maximumSize else {
            throw ZarrError(path: path, .codecFailure(
                codec: "blosc", detail: "a chunk of \(input.count) bytes exceeds blosc's limit of \(maximumSize) bytes"))
        }
        let written = blosc_compress_ctx(
            Int32(clevel), Int32(shuffle.v2Code), elementSize, input.count, input.baseAddress,
            destination.baseAddress, destination.count, compressor.rawValue, 0, 1)
        guard written > 0 else {
            throw ZarrError(path: path, .codecFailure(codec: "blosc", detail: "blosc_compress_ctx returned \(written)"))
        }
        return Int(written)
    }

    /// Decodes one blosc frame that must expand to exactly `expectedSize` bytes.
    func decode(_ input: UnsafeRawBufferPointer, expectedSize: Int, path: String) throws(ZarrError) -> [UInt8] {
        var declaredSize = 0
        guard input.count >= Int(BLOSC_MIN_HEADER_LENGTH),
              blosc_cbuffer_validate(input.baseAddress, input.count, &declaredSize) == 0
        else {
            throw ZarrError(path: path, .codecFailure(codec: "blosc", detail: "the data is not a valid blosc frame"))
        }
        guard declaredSize == expectedSize else {
            throw ZarrError(path: path, .sizeMismatch(what: "decompressed blosc chunk", expected: expectedSize, found: declaredSize))
        }
        var failure: Int32 = 0
        let output = [UInt8](unsafeUninitializedCapacity: expectedSize) { buffer, count in
            let result = blosc_decompress_ctx(input.baseAddress, buffer.baseAddress, expectedSize, 1)
            if result == Int32(expectedSize) {
                count = expectedSize
            } else {
                failure = result
                count = 0
            }
        }
        guard output.count == expectedSize else {
            throw ZarrError(path: path, .codecFailure(codec: "blosc", detail: "blosc_decompress_ctx returned \(failure)"))
        }
        return output
    }
}

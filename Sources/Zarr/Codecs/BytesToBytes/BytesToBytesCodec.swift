/// A bytes→bytes codec (Zarr v3 core §"Codecs": the stage after the array→bytes codec), in the form this module
/// writes as a compressor: its configuration, its v2 and v3 JSON, its encoder and its decoder, in one type
/// per codec. `CompressorRegistry` finds a codec by its name; nothing else names the codecs.
protocol BytesToBytesCodec: Sendable {
    /// The v3 codec `name`, which is also the numcodecs `id` of its v2 compressor object.
    static var name: String { get }
    /// The compression levels the codec accepts.
    static var levels: ClosedRange<Int> { get }

    /// Reads a v3 codec `configuration` object.
    static func parse(v3 configuration: MetadataFields) throws(ZarrError) -> Self
    /// Reads a v2 `compressor` object for elements of `elementSize` bytes.
    static func parse(v2 compressor: MetadataFields, elementSize: Int) throws(ZarrError) -> Self

    /// The compression level.
    var level: Int { get }
    /// The same codec at another level.
    func withLevel(_ level: Int) -> Self

    /// The v3 codec entry for elements of `elementSize` bytes.
    func v3JSON(elementSize: Int) -> JSONValue
    /// The v2 `compressor` object.
    var v2JSON: JSONValue { get }

    /// The largest output `encode` can produce for `inputCount` bytes.
    func maximumEncodedSize(_ inputCount: Int) -> Int
    /// Encodes `input` (elements of `elementSize` bytes) into `destination`, which holds at least
    /// `maximumEncodedSize(input.count)` bytes, reusing `workspace`'s contexts; returns the length written.
    func encode(_ input: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer, elementSize: Int,
                workspace: ZarrWriteWorkspace, path: String) throws(ZarrError) -> Int
    /// Decodes `input`, which must expand to exactly `expectedSize` bytes.
    func decode(_ input: UnsafeRawBufferPointer, expectedSize: Int, path: String) throws(ZarrError) -> [UInt8]
}

/// The bytes→bytes codecs this module can write as a chunk's compressor, by name: adding a codec is one
/// `BytesToBytesCodec` type and one entry here.
enum CompressorRegistry {
    static let codecs: [any BytesToBytesCodec.Type] = [BloscCodec.self, ZstdCodec.self]

    /// The codec called `name` (v3 name or v2 id), nil when this module does not write it.
    static func codec(named name: String) -> (any BytesToBytesCodec.Type)? {
        codecs.first { $0.name == name }
    }

    /// The names, for messages that list what is supported.
    static var names: [String] { codecs.map { $0.name } }
}

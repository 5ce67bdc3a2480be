extension TIFFCompression {
    /// Compression tag values the reader decodes: lossless schemes only.
    static let readableTagValues: Set<UInt16> = [1, 5, 8, 32946, 32773, 50000]

    /// A human name for a Compression tag value, used in page info and error messages.
    static func displayName(forTagValue value: UInt16) -> String {
        switch value {
        case 1: "none"
        case 2: "CCITT RLE"
        case 3: "CCITT Group 3 fax"
        case 4: "CCITT Group 4 fax"
        case 5: "LZW"
        case 6: "old-style JPEG"
        case 7: "JPEG"
        case 8, 32946: "Deflate"
        case 32773: "PackBits"
        case 34661: "JBIG"
        case 34712: "JPEG 2000"
        case 34887: "LERC"
        case 34925: "LZMA"
        case 50000: "Zstd"
        case 50001: "WebP"
        case 50002: "JPEG XL"
        default: "code \(value)"
        }
    }
}

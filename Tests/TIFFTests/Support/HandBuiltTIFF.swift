/// Builds small classic TIFF files byte by byte, for structures the writer (libtiff) will not produce.
/// Layout: 8-byte header, one directory at byte 8, then the pixel bytes of a single strip.
struct HandBuiltTIFF {
    /// One directory entry holding a single SHORT (type 3) or LONG (type 4) value.
    struct Entry {
        let tag: UInt16
        let type: UInt16
        let value: UInt32
    }

    static let stripOffsetsTag: UInt16 = 273

    var bigEndian: Bool
    /// Entries other than StripOffsets, which is added to point at `stripData`.
    var entries: [Entry]
    var stripData: [UInt8]

    func bytes() -> [UInt8] {
        let allEntries = entries + [Entry(tag: Self.stripOffsetsTag, type: 4, value: 0)]
        let dataOffset = UInt32(8 + 2 + 12 * allEntries.count + 4)
        var out: [UInt8] = bigEndian ? [0x4D, 0x4D] : [0x49, 0x49]
        append(UInt16(42), to: &out)
        append(UInt32(8), to: &out)
        append(UInt16(allEntries.count), to: &out)
        for entry in allEntries.sorted(by: { $0.tag < $1.tag }) {
            let value = entry.tag == Self.stripOffsetsTag ? dataOffset : entry.value
            append(entry.tag, to: &out)
            append(entry.type, to: &out)
            append(UInt32(1), to: &out)
            if entry.type == 3 {
                append(UInt16(value), to: &out)
                append(UInt16(0), to: &out)
            } else {
                append(value, to: &out)
            }
        }
        append(UInt32(0), to: &out)
        return out + stripData
    }

    private func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        let ordered = bigEndian ? value.bigEndian : value.littleEndian
        withUnsafeBytes(of: ordered) { bytes.append(contentsOf: $0) }
    }

    /// A zlib stream (RFC 1950) made of stored, uncompressed deflate blocks (RFC 1951 §3.2.4).
    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var start = 0
        repeat {
            let length = min(65535, data.count - start)
            let isLast = start + length == data.count
            out.append(isLast ? 1 : 0)
            out += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            out += data[start..<(start + length)]
            start += length
        } while start < data.count
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        let adler = b << 16 | a
        return out + [UInt8(adler >> 24), UInt8((adler >> 16) & 0xFF), UInt8((adler >> 8) & 0xFF), UInt8(adler & 0xFF)]
    }

    /// TIFF Technical Note 3 floating-point predictor for one row: the bytes of each sample most
    /// significant first, regrouped into byte planes, then differenced byte by byte.
    static func floatingPointPredicted(row: [Float]) -> [UInt8] {
        let sampleBytes = row.map { value in withUnsafeBytes(of: value.bitPattern.bigEndian) { Array($0) } }
        var planes: [UInt8] = []
        for plane in 0..<4 {
            planes += sampleBytes.map { $0[plane] }
        }
        var differenced = planes
        for index in differenced.indices.dropFirst() {
            differenced[index] = planes[index] &- planes[index - 1]
        }
        return differenced
    }
}

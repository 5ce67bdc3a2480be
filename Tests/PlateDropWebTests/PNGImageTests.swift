import CZlib
import PlateDropWeb
import Testing

@Suite("PNG encoding")
struct PNGImageTests {
    /// A 3×2 image: its chunks in order, each CRC checked by an independent CRC-32, and the IDAT inflated
    /// back to filter-0 scanlines holding the pixels.
    @Test func encodesChunksWithCRCsAndRawScanlines() throws {
        let rgb: [UInt8] = [255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30, 40, 50, 60, 70, 80, 90]
        let png = try PNGImage(width: 3, height: 2, rgb: rgb).encoded()
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var offset = 8
        var chunks: [(type: String, data: [UInt8])] = []
        while offset < png.count {
            let length = Self.bigEndian(png[offset..<(offset + 4)])
            let typeAndData = Array(png[(offset + 4)..<(offset + 8 + length)])
            let crc = Self.bigEndian(png[(offset + 8 + length)..<(offset + 12 + length)])
            #expect(UInt32(crc) == Self.crc32(typeAndData))
            chunks.append((String(decoding: typeAndData.prefix(4), as: UTF8.self), Array(typeAndData.dropFirst(4))))
            offset += 12 + length
        }
        #expect(chunks.map(\.type) == ["IHDR", "IDAT", "IEND"])
        #expect(chunks[0].data == [0, 0, 0, 3, 0, 0, 0, 2, 8, 2, 0, 0, 0])
        var inflated = [UInt8](repeating: 0, count: 64)
        var size = uLong(inflated.count)
        let status = uncompress(&inflated, &size, chunks[1].data, uLong(chunks[1].data.count))
        #expect(status == Z_OK)
        let scanlines: [UInt8] = [0] + Array(rgb[0..<9]) + [0] + Array(rgb[9..<18])
        #expect(Array(inflated.prefix(Int(size))) == scanlines)
    }

    private static func bigEndian(_ bytes: ArraySlice<UInt8>) -> Int {
        bytes.reduce(0) { $0 << 8 | Int($1) }
    }

    /// CRC-32 as ISO 3309 and the PNG specification's annex D define it, bit by bit.
    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 {
                crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1
            }
        }
        return ~crc
    }
}

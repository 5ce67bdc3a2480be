import CZlib

/// An 8-bit RGB image encoded as PNG (ISO/IEC 15948): signature, IHDR, one zlib-deflated IDAT with filter
/// type 0 on every scanline, IEND; each chunk closed by the CRC-32 of its type and data.
public struct PNGImage: Sendable {
    public let width: Int
    public let height: Int
    /// Row-major R, G, B bytes: `width * height * 3`.
    public let rgb: [UInt8]

    public init(width: Int, height: Int, rgb: [UInt8]) {
        precondition(width > 0 && height > 0 && rgb.count == width * height * 3, "RGB bytes do not match \(width)×\(height)")
        self.width = width
        self.height = height
        self.rgb = rgb
    }

    private static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    public func encoded() throws(ThumbnailError) -> [UInt8] {
        var header: [UInt8] = []
        header += Self.bigEndian(UInt32(width))
        header += Self.bigEndian(UInt32(height))
        // Bit depth 8, colour type 2 (truecolour), deflate, adaptive filtering, no interlace (§11.2.2).
        header += [8, 2, 0, 0, 0]
        var png = Self.signature
        png += Self.chunk("IHDR", header)
        png += Self.chunk("IDAT", try Self.deflate(scanlines))
        png += Self.chunk("IEND", [])
        return png
    }

    /// Each row prefixed with its filter type, 0 (none).
    private var scanlines: [UInt8] {
        let rowBytes = width * 3
        var bytes = [UInt8]()
        bytes.reserveCapacity(height * (rowBytes + 1))
        for row in 0..<height {
            bytes.append(0)
            bytes += rgb[(row * rowBytes)..<((row + 1) * rowBytes)]
        }
        return bytes
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        var crc = crc32(0, nil, 0)
        crc = typeBytes.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, uInt($0.count)) }
        crc = data.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, uInt($0.count)) }
        return bigEndian(UInt32(data.count)) + typeBytes + data + bigEndian(UInt32(crc))
    }

    /// A zlib stream (RFC 1950) of `bytes`, as IDAT carries it.
    private static func deflate(_ bytes: [UInt8]) throws(ThumbnailError) -> [UInt8] {
        var capacity = compressBound(uLong(bytes.count))
        var output = [UInt8](repeating: 0, count: Int(capacity))
        let status = output.withUnsafeMutableBufferPointer { out in
            bytes.withUnsafeBufferPointer { input in
                compress2(out.baseAddress, &capacity, input.baseAddress, uLong(input.count), Z_DEFAULT_COMPRESSION)
            }
        }
        // compressBound is the documented worst case, so only memory can run out.
        guard status == Z_OK else { throw .encoding("zlib compress2 failed with status \(status)") }
        return Array(output.prefix(Int(capacity)))
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}

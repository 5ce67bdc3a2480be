import Testing
import Zarr

@Suite("CRC32C")
struct CRC32CTests {
    @Test("standard check value of \"123456789\"")
    func checkValue() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
    }

    @Test("32 zero bytes (RFC 3720 B.4)")
    func zeros() {
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
    }

    @Test("32 0xFF bytes and an ascending sequence (RFC 3720 B.4)")
    func rfcVectors() {
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
    }

    @Test("the shard index example of docs/ngff-choices.md §5.4 checksums to bytes 33 c2 37 01")
    func shardIndexExample() {
        let empty = UInt64.max
        let index = littleEndianBytes([0, 4974, empty, empty, 4974, 722, empty, empty] as [UInt64])
        #expect(index.count == 64)
        let crc = CRC32C.checksum(index)
        #expect(crc == 0x0137_C233)
        #expect(littleEndianBytes([crc]) == [0x33, 0xC2, 0x37, 0x01])
    }

    @Test("incremental updates at every split point equal the one-shot checksum")
    func incremental() {
        let bytes = (0..<100).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let whole = CRC32C.checksum(bytes)
        for split in 0...bytes.count {
            let crc = bytes.withUnsafeBytes { buffer in
                CRC32C.update(CRC32C.checksum(UnsafeRawBufferPointer(rebasing: buffer[..<split])),
                              with: UnsafeRawBufferPointer(rebasing: buffer[split...]))
            }
            #expect(crc == whole)
        }
    }
}

import Foundation
import Testing
@testable import Zarr

@Suite("FileStore: large encoded files written around the page cache")
struct DirectWriteTests {
    /// The temp directory (ext4 or whatever the host has) and tmpfs, which older kernels refuse O_DIRECT on:
    /// both the direct path and its fallback must store exactly the bytes.
    static let parents = [FileManager.default.temporaryDirectory.path, "/dev/shm"].filter {
        FileManager.default.fileExists(atPath: $0)
    }

    @Test("the file holds exactly the payload: padding truncated, below-threshold files buffered",
          arguments: parents, [1, DirectIO.minimumSize - 1, DirectIO.minimumSize, DirectIO.minimumSize + 1, 1_000_003, 4096 * 300])
    func roundTrip(parent: String, size: Int) throws {
        try withTemporaryStore(in: parent) { store in
            var bytes = ReusableBytes()
            let pattern = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
            pattern.withUnsafeBytes { bytes.append($0) }
            try store.write(bytes.alignedPayload(), to: "a/c/0/0", durable: size % 2 == 0)
            #expect(try store.read("a/c/0/0") == pattern)
            #expect(allFiles(under: store.root) == ["a/c/0/0"])
        }
    }

    @Test("padding is zeros and the payload keeps its bytes and length")
    func padding() {
        var bytes = ReusableBytes()
        let content = [UInt8](repeating: 0xA5, count: 5000)
        content.withUnsafeBytes { bytes.append($0) }
        let payload = bytes.alignedPayload()
        #expect(Array(payload.bytes) == content)
        #expect(payload.padded.count == 8192)
        #expect(Int(bitPattern: payload.padded.baseAddress) % DirectIO.alignment == 0)
        #expect(payload.padded[5000...].allSatisfy { $0 == 0 })
    }
}

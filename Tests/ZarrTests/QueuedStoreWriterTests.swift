import Dispatch
import Foundation
import Testing
import Zarr

/// The writer stage: units encoded on several threads and written by the queued writer's own thread land
/// exactly as direct writes do, a batch reports when they are in their files, and a failed write fails
/// its batch alone.
@Suite("Queued store writer")
struct QueuedStoreWriterTests {
    /// The region of each write: the first dimension's units (2 + 1 planes), one per thread.
    private static let regions: [(origin: [Int], shape: [Int])] = [([0, 0, 0], [2, 37, 50]), ([2, 0, 0], [1, 37, 50])]

    private static func bytes(of region: (origin: [Int], shape: [Int]), in data: [UInt8]) -> [UInt8] {
        let planeBytes = 37 * 50 * 2
        return Array(data[(region.origin[0] * planeBytes)..<((region.origin[0] + region.shape[0]) * planeBytes)])
    }

    @Test("units queued from two threads through one spare buffer equal direct writes", arguments: Layout.allCases)
    func queuedWritesEqualDirectWrites(layout: Layout) throws {
        let metadata = layout.metadata(dataType: .uint16, compressor: .blosc(.zstd, clevel: 5, shuffle: .bit))
        let data = patternBytes(count: metadata.shape.reduce(2, *), seed: 11)
        try withTemporaryStore { direct in
            try ZarrArrayWriter(store: direct, path: "a", metadata: metadata).write(origin: [0, 0, 0], shape: metadata.shape, data)
            try withTemporaryStore { queued in
                let writer = try ZarrArrayWriter(store: queued, path: "a", metadata: metadata)
                let stage = QueuedStoreWriter(buffers: 1)
                let batch = stage.batch()
                let failures = Failures()
                DispatchQueue.concurrentPerform(iterations: Self.regions.count) { index in
                    let workspace = ZarrWriteWorkspace()
                    workspace.batch = batch
                    let region = Self.regions[index]
                    do {
                        try Self.bytes(of: region, in: data).withUnsafeBytes { bytes in
                            try writer.writeRegion(origin: region.origin, shape: region.shape, data: bytes, workspace: workspace)
                        }
                    } catch {
                        failures.record(error)
                    }
                }
                let bytes = try batch.waitUntilWritten()
                stage.close()
                #expect(failures.all.isEmpty, "\(failures.all)")
                let files = allFiles(under: direct.root)
                #expect(allFiles(under: queued.root) == files)
                let sizes = try files.filter { !["zarr.json", ".zarray", ".zattrs"].contains(($0 as NSString).lastPathComponent) }.map {
                    try FileManager.default.attributesOfItem(atPath: queued.root + "/" + $0)[.size] as? Int ?? 0
                }
                #expect(bytes == sizes.reduce(0, +), "the batch counts the bytes of every chunk or shard it wrote")
                for file in files {
                    let expected = try Data(contentsOf: URL(fileURLWithPath: direct.root + "/" + file))
                    #expect(try Data(contentsOf: URL(fileURLWithPath: queued.root + "/" + file)) == expected, "\(file)")
                }
            }
        }
    }

    @Test("a failed write fails its batch, and another batch of the same writer still writes")
    func aFailureStaysInItsBatch() throws {
        let metadata = Layout.v3.metadata(dataType: .uint16, compressor: .zstd(level: 1, checksum: false))
        let data = patternBytes(count: metadata.shape.reduce(2, *), seed: 5)
        try withTemporaryStore { good in
            // A store under a regular file cannot create its directories.
            let blocker = good.root + "/not-a-directory"
            try Data([1]).write(to: URL(fileURLWithPath: blocker))
            let bad = FileStore(root: blocker + "/store")
            let stage = QueuedStoreWriter(buffers: 2)
            let failing = stage.batch(), healthy = stage.batch()
            for (store, batch) in [(bad, failing), (good, healthy)] {
                let workspace = ZarrWriteWorkspace()
                workspace.batch = batch
                try data.withUnsafeBytes { bytes in
                    try ZarrArrayWriter(store: store, path: "a", metadata: metadata)
                        .writeRegion(origin: [0, 0, 0], shape: metadata.shape, data: bytes, workspace: workspace)
                }
            }
            #expect(throws: ZarrError.self) { try failing.waitUntilWritten() }
            try healthy.waitUntilWritten()
            stage.close()
            try ZarrArrayWriter(store: good, path: "a", metadata: metadata).writeMetadata()
            #expect(try ZarrArrayReader.open(store: good, path: "a").readAll() == data)
        }
    }
}

/// Errors thrown on worker threads, collected for the test's thread.
private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [String] = []

    func record(_ error: any Error) {
        lock.withLock { errors.append("\(error)") }
    }

    var all: [String] { lock.withLock { errors } }
}

import Foundation
import Layouts
import NGFF
import TIFF
import Zarr

/// The pyramid of a shard: its level-0 planes halved level by level (the downsampler stage), each level
/// compressed through its field array's writer (the compressor stage) and handed to the writer stage
/// (`writes`), which puts it in its file while the next is compressed. The writers are built once per
/// run, one per well, field and level: in the staging store for a well written whole, in the plate store
/// for timepoints written in place.
struct PyramidWriter: Sendable {
    private let layout: FieldArrayLayout
    private let sampleType: TIFFSampleType
    /// By well index, field and level.
    private let writers: [[[ZarrArrayWriter]]]
    /// The writes of each well, by well index, waited for before its metadata.
    private let written: [StoreWriteBatch]

    init(layout: FieldArrayLayout, sampleType: TIFFSampleType, wells: [WellWritePlan], fields: Int,
         staging: FileStore, plate: FileStore, durable: Bool, writes: QueuedStoreWriter) throws {
        self.layout = layout
        self.sampleType = sampleType
        written = wells.map { _ in writes.batch() }
        writers = try wells.map { plan in
            let well = plan.well
            let levels = layout.levels(timeExtent: plan.timeExtent)
            // New chunks must be on disk before the metadata that makes them readable (P1 along t).
            let store = plan.inPlace ? plate : staging
            return try (0..<fields).map { field in
                try levels.enumerated().map { level, metadata in
                    try ZarrArrayWriter(store: store, path: HCSPlateStore.levelPath(row: well.rowName, column: well.columnName,
                                                                                   field: field, level: level),
                                        metadata: metadata, durable: durable || plan.inPlace)
                }
            }
        }
    }

    /// Halves the shard's level-0 planes in `buffers` into every coarser level, each from the one above.
    func halve(_ task: ShardTask, buffers: ShardBuffers) {
        let elementSize = sampleType.byteCount
        for level in layout.pyramid.levels.indices.dropFirst() {
            let size = layout.pyramid.levels[level], above = layout.pyramid.levels[level - 1]
            let levelBytes = size.height * size.width * elementSize
            let aboveBytes = above.height * above.width * elementSize
            for slot in task.planes.indices {
                let source = buffers.levels[level - 1][(slot * aboveBytes)..<((slot + 1) * aboveBytes)]
                let destination = buffers.levels[level][(slot * levelBytes)..<((slot + 1) * levelBytes)]
                Downsampler.halve(UnsafeRawBufferPointer(rebasing: source), height: above.height, width: above.width,
                                  into: UnsafeMutableRawBufferPointer(rebasing: destination), sampleType: sampleType)
            }
        }
    }

    /// Encodes the shard at every level from `buffers` (`halve` filled the coarser ones) and hands each
    /// encoded unit to the writer stage.
    func write(_ task: ShardTask, buffers: ShardBuffers, workspace: ZarrWriteWorkspace) throws {
        let channels = task.planes.count
        let origin = layout.origin(timepoint: task.timepoint, firstChannel: task.firstChannel, zPlane: task.zPlane)
        workspace.batch = written[task.wellIndex]
        for (level, writer) in writers[task.wellIndex][task.field].enumerated() {
            let size = layout.pyramid.levels[level]
            let levelBytes = size.height * size.width * sampleType.byteCount
            try writer.writeRegion(origin: origin, shape: layout.regionShape(level: level, channels: channels),
                                   data: UnsafeRawBufferPointer(rebasing: buffers.levels[level][..<(channels * levelBytes)]),
                                   workspace: workspace)
        }
    }

    /// Removes the temporary files (`FileStore.isTemporaryName`) an interrupted write left in the arrays of
    /// a well written in place: beside each level's metadata and among the chunks or shards of `timepoints`
    /// (positions). A write that was interrupted is taken up again with the same timepoints, and nothing else
    /// writes there, so every such file is a leftover; the files of other timepoints are not even listed.
    func removeInterruptedWrites(wellIndex: Int, timepoints: Set<Int>) throws {
        for writer in writers[wellIndex].joined() {
            let rank = writer.metadata.rank
            try Self.removeTemporaryFiles(in: writer.store.location(of: writer.path), recursively: false)
            for t in timepoints {
                // The chunk key of the timepoint's first unit, cut after its t coordinate: that timepoint's subtree.
                let components = writer.metadata.chunkKey(for: [t] + Array(repeating: 0, count: rank - 1)).split(separator: "/")
                guard components.count >= rank else { continue }
                let subtree = components.prefix(components.count - rank + 1).joined(separator: "/")
                try Self.removeTemporaryFiles(in: writer.store.location(of: writer.path + "/" + subtree), recursively: true)
            }
        }
    }

    private static func removeTemporaryFiles(in folder: String, recursively: Bool) throws {
        let manager = FileManager.default
        guard let names = recursively ? manager.enumerator(atPath: folder)?.allObjects as? [String]
            : try? manager.contentsOfDirectory(atPath: folder) else { return }
        for name in names where FileStore.isTemporaryName((name as NSString).lastPathComponent) {
            try manager.removeItem(atPath: folder + "/" + name)
        }
    }

    /// Writes the metadata of every level array of `well`'s fields, last, so a reader never finds an array
    /// whose chunks are still coming. Coarsest level and last field first: a well growing in place has
    /// its level 0 of field 0, the array readers size the image by, grown last, so every t index a reader
    /// finds there is on disk at every level and field.
    /// Its chunks are in their files first: the metadata waits for the well's writes, and throws the first
    /// that failed. Returns the bytes of the chunks and shards written for the well.
    func writeMetadata(wellIndex: Int) throws -> Int {
        let bytes = try written[wellIndex].waitUntilWritten()
        for field in writers[wellIndex].reversed() {
            for writer in field.reversed() { try writer.writeMetadata() }
        }
        return bytes
    }
}

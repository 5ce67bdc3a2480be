import Layouts
import NGFF
import TIFF
import Zarr

/// The second stage: a shard's level-0 planes halved level by level, each level compressed and written
/// through its field array's writer. The writers are built once per run, one per well, field and level.
struct PyramidWriter: Sendable {
    private let layout: FieldArrayLayout
    private let sampleType: TIFFSampleType
    /// By well index, field and level.
    private let writers: [[[ZarrArrayWriter]]]

    init(layout: FieldArrayLayout, sampleType: TIFFSampleType, wells: [WellPosition], fields: Int,
         store: FileStore, durable: Bool) throws {
        self.layout = layout
        self.sampleType = sampleType
        writers = try wells.map { well in
            try (0..<fields).map { field in
                try layout.levels.enumerated().map { level, metadata in
                    try ZarrArrayWriter(store: store, path: HCSPlateStore.levelPath(row: well.rowName, column: well.columnName,
                                                                                   field: field, level: level),
                                        metadata: metadata, durable: durable)
                }
            }
        }
    }

    /// Writes `task`'s shard at every level; `buffers[0]` holds its level-0 planes, the other buffers
    /// receive the halved ones.
    func write(_ task: ShardTask, buffers: [UnsafeMutableRawBufferPointer], workspace: ZarrWriteWorkspace) throws {
        let channels = task.planes.count
        let origin = layout.origin(timepoint: task.timepoint, firstChannel: task.firstChannel, zPlane: task.zPlane)
        let elementSize = sampleType.byteCount
        for (level, writer) in writers[task.wellIndex][task.field].enumerated() {
            let size = layout.pyramid.levels[level]
            let levelBytes = size.height * size.width * elementSize
            if level > 0 {
                let above = layout.pyramid.levels[level - 1]
                let aboveBytes = above.height * above.width * elementSize
                for slot in 0..<channels {
                    let source = buffers[level - 1][(slot * aboveBytes)..<((slot + 1) * aboveBytes)]
                    let destination = buffers[level][(slot * levelBytes)..<((slot + 1) * levelBytes)]
                    Downsampler.halve(UnsafeRawBufferPointer(rebasing: source), height: above.height, width: above.width,
                                      into: UnsafeMutableRawBufferPointer(rebasing: destination), sampleType: sampleType)
                }
            }
            try writer.writeRegion(origin: origin, shape: layout.regionShape(level: level, channels: channels),
                                   data: UnsafeRawBufferPointer(rebasing: buffers[level][..<(channels * levelBytes)]),
                                   workspace: workspace)
        }
    }

    /// Writes the metadata of every level array of `well`'s fields, last, so a reader never finds an array
    /// whose chunks are still coming.
    func writeMetadata(wellIndex: Int) throws {
        for field in writers[wellIndex] {
            for writer in field { try writer.writeMetadata() }
        }
    }
}

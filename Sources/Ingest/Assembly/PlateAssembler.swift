import Dispatch
import Foundation
import Layouts
import NGFF
import Synchronization
import TIFF
import Zarr

/// Writes one plate: every plane read, downsampled and compressed by parallel workers, each well's
/// metadata written when its last plane lands, and the plate metadata rewritten after every well so
/// the store is a valid plate listing exactly the finished wells at every moment.
final class PlateAssembler: Sendable {
    private struct PlaneTask: Sendable {
        let wellIndex: Int
        let plane: PlaneSource
    }

    private struct WellProgress: Sendable {
        var remaining: Int
        var failure: String?
        /// Data range per field, per channel position.
        var channelRanges: [[ValueRange?]]
    }

    private struct Shared: Sendable {
        var wells: [WellProgress]
        var rejected: [FileIssue] = []
        var planesDone = 0
        var planesWritten = 0
        var bytesRead = 0
        var wellsDone = 0
    }

    /// Plate-level state only the worker that finishes a well touches, one at a time.
    private struct Published: Sendable {
        var writtenWells: [WellPosition] = []
        var writtenRows: Set<Int> = []
        var failedWells: [FileIssue] = []
    }

    private let geometry: PlateGeometry
    private let layout: FieldArrayLayout
    private let options: IngestOptions
    private let plateRoot: String
    private let store: HCSPlateStore
    private let tasks: [PlaneTask]
    private let nextTask = Atomic<Int>(0)
    private let shared: Mutex<Shared>
    private let published = Mutex(Published())
    private let progress: @Sendable (IngestProgress) -> Void
    private let started = ContinuousClock.now

    init(geometry: PlateGeometry, options: IngestOptions, plateRoot: String,
         progress: @escaping @Sendable (IngestProgress) -> Void) {
        self.geometry = geometry
        self.options = options
        self.plateRoot = plateRoot
        self.progress = progress
        layout = FieldArrayLayout(geometry: geometry, options: options)
        store = HCSPlateStore(plateRoot: plateRoot, version: options.ngffVersion)
        let sortedPlanes = geometry.wells.map { well in
            geometry.planesByWell[well, default: []].sorted {
                ($0.field, $0.timepoint, $0.channel, $0.zPlane) < ($1.field, $1.timepoint, $1.channel, $1.zPlane)
            }
        }
        tasks = sortedPlanes.enumerated().flatMap { index, planes in planes.map { PlaneTask(wellIndex: index, plane: $0) } }
        let emptyRanges = Array(repeating: Array(repeating: ValueRange?.none, count: geometry.channels.count),
                                count: geometry.fields.count)
        shared = Mutex(Shared(wells: sortedPlanes.map {
            WellProgress(remaining: $0.count, failure: nil, channelRanges: emptyRanges)
        }))
    }

    /// Runs the workers to completion and reports what was written.
    func run() -> (result: PlateResult, rejected: [FileIssue]) {
        let workerCount = max(1, min(options.workers, tasks.count))
        DispatchQueue.concurrentPerform(iterations: workerCount) { _ in
            runWorker()
        }
        let state = shared.withLock { $0 }
        let outcome = published.withLock { $0 }
        let result = PlateResult(
            name: geometry.name, path: plateRoot,
            wellsWritten: outcome.writtenWells.sorted().map { "\($0.rowName)\($0.columnName)" },
            wellsFailed: outcome.failedWells.sorted(),
            planesWritten: state.planesWritten,
            missingPlanes: geometry.wells.count * geometry.planesPerWell - state.planesWritten,
            bytesRead: state.bytesRead)
        return (result, state.rejected.sorted())
    }

    private func runWorker() {
        let levelSizes = layout.pyramid.levels
        let elementSize = geometry.sampleType.byteCount
        let buffers = levelSizes.map {
            UnsafeMutableRawBufferPointer.allocate(byteCount: $0.height * $0.width * elementSize, alignment: 16)
        }
        defer { buffers.forEach { $0.deallocate() } }
        while true {
            let index = nextTask.wrappingAdd(1, ordering: .relaxed).oldValue
            guard index < tasks.count else { return }
            process(tasks[index], buffers: buffers)
        }
    }

    private func process(_ task: PlaneTask, buffers: [UnsafeMutableRawBufferPointer]) {
        let plane = task.plane
        let well = geometry.wells[task.wellIndex]
        let alreadyFailed = shared.withLock { $0.wells[task.wellIndex].failure != nil }
        var range: ValueRange?
        var readError: String?
        var writeError: String?
        if !alreadyFailed {
            do {
                let file = try TIFFFile(path: plane.absolutePath)
                try file.readPage(plane.page, into: buffers[0])
                range = ValueRange.of(UnsafeRawBufferPointer(buffers[0]), sampleType: geometry.sampleType)
            } catch {
                readError = "unreadable TIFF: \(error)"
            }
        }
        if !alreadyFailed, readError == nil {
            do {
                try writeLevels(of: plane, well: well, buffers: buffers)
            } catch {
                writeError = "writing \(plane.relativePath) failed: \(error)"
            }
        }
        let (finished, snapshot) = shared.withLock { state -> (Bool, Shared) in
            state.planesDone += 1
            if let readError {
                state.rejected.append(FileIssue(path: plane.relativePath, reason: readError))
            } else if !alreadyFailed {
                state.bytesRead += buffers[0].count
            }
            if let writeError, state.wells[task.wellIndex].failure == nil {
                state.wells[task.wellIndex].failure = writeError
            }
            if readError == nil, writeError == nil, !alreadyFailed {
                state.planesWritten += 1
                let current = state.wells[task.wellIndex].channelRanges[plane.field][plane.channel]
                state.wells[task.wellIndex].channelRanges[plane.field][plane.channel] = range?.union(current) ?? current
            }
            state.wells[task.wellIndex].remaining -= 1
            let done = state.wells[task.wellIndex].remaining == 0
            if done { state.wellsDone += 1 }
            return (done, state)
        }
        var finishedPath: String?
        if finished {
            finishedPath = finishWell(task.wellIndex, progress: snapshot.wells[task.wellIndex])
        }
        progress(IngestProgress(
            plate: geometry.name, planesDone: snapshot.planesDone, planesTotal: tasks.count,
            wellsDone: snapshot.wellsDone, wellsTotal: geometry.wells.count, bytesRead: snapshot.bytesRead,
            seconds: (ContinuousClock.now - started).seconds, finishedWell: finishedPath))
    }

    private func writeLevels(of plane: PlaneSource, well: WellPosition,
                             buffers: [UnsafeMutableRawBufferPointer]) throws {
        let origin = layout.origin(of: plane)
        for (level, metadata) in layout.levels.enumerated() {
            if level > 0 {
                let above = layout.pyramid.levels[level - 1]
                Downsampler.halve(UnsafeRawBufferPointer(buffers[level - 1]), height: above.height, width: above.width,
                                  into: buffers[level], sampleType: geometry.sampleType)
            }
            let path = HCSPlateStore.levelPath(row: well.rowName, column: well.columnName, field: plane.field, level: level)
            try ZarrArrayWriter(store: store.store, path: path, metadata: metadata, durable: options.durableChunks)
                .writeRegion(origin: origin, shape: layout.planeShape(level: level), data: UnsafeRawBufferPointer(buffers[level]))
        }
    }

    /// Publishes a finished well: array and group metadata, then the plate listing. Returns the well's path
    /// when it was published.
    private func finishWell(_ wellIndex: Int, progress wellProgress: WellProgress) -> String? {
        let well = geometry.wells[wellIndex]
        let wellName = "\(well.rowName)\(well.columnName)"
        return published.withLock { state -> String? in
            if let failure = wellProgress.failure {
                state.failedWells.append(FileIssue(path: wellName, reason: failure))
                return nil
            }
            do {
                try writeWellMetadata(well, ranges: wellProgress.channelRanges)
                if !state.writtenRows.contains(well.row) {
                    try store.writeRow(well.rowName)
                }
                let wells = state.writtenWells + [well]
                try store.writePlate(plateMetadata(listing: wells))
                state.writtenRows.insert(well.row)
                state.writtenWells = wells
                return HCSPlateStore.wellPath(row: well.rowName, column: well.columnName)
            } catch {
                state.failedWells.append(FileIssue(path: wellName, reason: "writing metadata failed: \(error)"))
                return nil
            }
        }
    }

    private func writeWellMetadata(_ well: WellPosition, ranges: [[ValueRange?]]) throws {
        for (fieldIndex, _) in geometry.fields.enumerated() {
            for (level, metadata) in layout.levels.enumerated() {
                let path = HCSPlateStore.levelPath(row: well.rowName, column: well.columnName, field: fieldIndex, level: level)
                try ZarrArrayWriter(store: store.store, path: path, metadata: metadata, durable: true).writeMetadata()
            }
            let name = "\(well.rowName)\(well.columnName) field \(fieldIndex)"
            try store.writeImage(row: well.rowName, column: well.columnName, field: fieldIndex,
                                 layout.imageMetadata(name: name, channelRanges: ranges[fieldIndex]))
        }
        let images = geometry.fields.enumerated().map { index, slot in
            WellMetadata.Image(path: String(index), acquisition: slot.acquisition)
        }
        try store.writeWell(row: well.rowName, column: well.columnName, WellMetadata(images: images))
    }

    private func plateMetadata(listing wells: [WellPosition]) -> PlateMetadata {
        let format = geometry.format
        let rows = (0..<format.rows).map { WellPosition(row: $0, column: 0).rowName }
        let columns = (0..<format.columns).map { WellPosition(row: 0, column: $0).columnName }
        let acquisitionIDs = Set(geometry.fields.map(\.acquisition)).sorted()
        let acquisitions = acquisitionIDs.map { id in
            let info = geometry.plan?.acquisitions.first { $0.id == id }
            return PlateMetadata.Acquisition(
                id: id, name: info?.name ?? (acquisitionIDs.count == 1 ? geometry.name : "Acquisition \(id)"),
                maximumFieldCount: geometry.fields.filter { $0.acquisition == id }.count,
                startTime: info?.start.map { Int64($0) }, endTime: info?.end.map { Int64($0) })
        }
        return PlateMetadata(
            name: geometry.name, rows: rows, columns: columns,
            wells: wells.map { PlateMetadata.Well(rowIndex: $0.row, columnIndex: $0.column) },
            fieldCount: geometry.fields.count, acquisitions: acquisitions)
    }
}

extension Duration {
    /// The duration in seconds as a floating-point number.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}

import Dispatch
import Foundation
import Layouts
import NGFF
import Synchronization
import TIFF
import Zarr

/// Writes wells of one plate: every plane read, downsampled and compressed by parallel workers into the
/// staging area; when a well's last plane lands its metadata is written and the publisher swaps it into
/// the plate store and relists the plate, so the store is a valid plate listing exactly the finished
/// wells at every moment.
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

    private struct Outcome: Sendable {
        var writtenWells: [WellPosition] = []
        var failedWells: [FileIssue] = []
    }

    private let geometry: PlateGeometry
    private let layout: FieldArrayLayout
    private let options: IngestOptions
    private let plateRoot: String
    /// The wells this run writes, row-major; task well indices point into it.
    private let wells: [WellPosition]
    private let publisher: PlatePublisher
    private let staging: HCSPlateStore
    private let tasks: [PlaneTask]
    private let nextTask = Atomic<Int>(0)
    private let shared: Mutex<Shared>
    private let outcome = Mutex(Outcome())
    private let progress: @Sendable (IngestProgress) -> Void
    /// Asked before each plane: true stops the run; wells not finished by then are left unpublished.
    private let shouldStop: @Sendable () -> Bool
    /// Finished wells are published one at a time, in the order they finish.
    private let publishing = DispatchQueue(label: "platedrop.publish")
    private let started = ContinuousClock.now

    /// Writes `wells` (every well of the geometry when nil); `listed` are wells already published.
    init(geometry: PlateGeometry, options: IngestOptions, plateRoot: String, wells: [WellPosition]? = nil,
         listed: [WellPosition] = [], progress: @escaping @Sendable (IngestProgress) -> Void,
         shouldStop: @escaping @Sendable () -> Bool = { false }) {
        self.geometry = geometry
        self.shouldStop = shouldStop
        self.options = options
        self.plateRoot = plateRoot
        self.progress = progress
        self.wells = (wells ?? geometry.wells).sorted()
        layout = FieldArrayLayout(geometry: geometry, options: options)
        let metadata = PlateMetadataBuilder(geometry: geometry)
        publisher = PlatePublisher(plateRoot: plateRoot, version: options.ngffVersion, listed: listed,
                                   plateMetadata: metadata.plate(listing:))
        staging = publisher.stagingStore
        let sortedPlanes = self.wells.map { well in
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

    /// Runs the workers to completion and reports what was written; throws only when the plate store
    /// itself cannot be prepared.
    func run() throws -> (result: PlateResult, rejected: [FileIssue]) {
        try publisher.clearStaging()
        // Relisting what is already on disk keeps the plate current; a new plate gets its metadata with its
        // first well (a plate listing no wells is no plate to readers).
        if !publisher.listedWells.isEmpty { try publisher.writePlateMetadata() }
        let workerCount = max(1, min(options.workers, tasks.count))
        DispatchQueue.concurrentPerform(iterations: workerCount) { _ in
            runWorker()
        }
        publishing.sync {}
        try publisher.clearStaging()
        let state = shared.withLock { $0 }
        let finished = outcome.withLock { $0 }
        let result = PlateResult(
            name: geometry.name, path: plateRoot,
            wellsWritten: finished.writtenWells.sorted().map { "\($0.rowName)\($0.columnName)" },
            wellsFailed: finished.failedWells.sorted(),
            planesWritten: state.planesWritten,
            missingPlanes: wells.count * geometry.planesPerWell - state.planesWritten,
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
        let workspace = ZarrWriteWorkspace()
        while true {
            guard !shouldStop() else { return }
            let index = nextTask.wrappingAdd(1, ordering: .relaxed).oldValue
            guard index < tasks.count else { return }
            process(tasks[index], buffers: buffers, workspace: workspace)
        }
    }

    private func process(_ task: PlaneTask, buffers: [UnsafeMutableRawBufferPointer], workspace: ZarrWriteWorkspace) {
        let plane = task.plane
        let well = wells[task.wellIndex]
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
            // A file still growing or replaced while read is not bad input: the well waits for it to settle.
            if let expected = plane.fingerprint {
                let current = SourceFingerprint.current(path: plane.absolutePath)
                if current != expected {
                    readError = nil
                    writeError = current == nil
                        ? "\(plane.relativePath) vanished while the well was being written"
                        : "\(plane.relativePath) changed while it was being read (still being written or replaced); "
                            + "the well is written again once the file is stable"
                }
            }
        }
        if !alreadyFailed, readError == nil, writeError == nil {
            do {
                try writeLevels(of: plane, well: well, buffers: buffers, workspace: workspace)
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
        if finished {
            // Publishing (metadata, fsyncs, the swap) runs beside the workers so they keep compressing.
            let wellProgress = snapshot.wells[task.wellIndex]
            publishing.async { [self] in
                let path = finishWell(task.wellIndex, progress: wellProgress)
                report(snapshot, finishedWell: path)
            }
        }
        report(snapshot, finishedWell: nil)
    }

    private func report(_ snapshot: Shared, finishedWell: String?) {
        progress(IngestProgress(
            plate: geometry.name, planesDone: snapshot.planesDone, planesTotal: tasks.count,
            wellsDone: snapshot.wellsDone, wellsTotal: wells.count, bytesRead: snapshot.bytesRead,
            seconds: (ContinuousClock.now - started).seconds, finishedWell: finishedWell))
    }

    private func writeLevels(of plane: PlaneSource, well: WellPosition,
                             buffers: [UnsafeMutableRawBufferPointer], workspace: ZarrWriteWorkspace) throws {
        let origin = layout.origin(of: plane)
        for (level, metadata) in layout.levels.enumerated() {
            if level > 0 {
                let above = layout.pyramid.levels[level - 1]
                Downsampler.halve(UnsafeRawBufferPointer(buffers[level - 1]), height: above.height, width: above.width,
                                  into: buffers[level], sampleType: geometry.sampleType)
            }
            let path = HCSPlateStore.levelPath(row: well.rowName, column: well.columnName, field: plane.field, level: level)
            try ZarrArrayWriter(store: staging.store, path: path, metadata: metadata, durable: options.durableChunks)
                .writeRegion(origin: origin, shape: layout.planeShape(level: level), data: UnsafeRawBufferPointer(buffers[level]),
                             workspace: workspace)
        }
    }

    /// Publishes a finished well: its array and group metadata, then the swap into the plate. Returns the
    /// well's path when it was published.
    private func finishWell(_ wellIndex: Int, progress wellProgress: WellProgress) -> String? {
        let well = wells[wellIndex]
        let wellName = "\(well.rowName)\(well.columnName)"
        if let failure = wellProgress.failure {
            outcome.withLock { $0.failedWells.append(FileIssue(path: wellName, reason: failure)) }
            return nil
        }
        do {
            try writeWellMetadata(well, ranges: wellProgress.channelRanges)
            try publisher.publish(well)
            outcome.withLock { $0.writtenWells.append(well) }
            return HCSPlateStore.wellPath(row: well.rowName, column: well.columnName)
        } catch {
            outcome.withLock { $0.failedWells.append(FileIssue(path: wellName, reason: "publishing failed: \(error)")) }
            return nil
        }
    }

    private func writeWellMetadata(_ well: WellPosition, ranges: [[ValueRange?]]) throws {
        for (fieldIndex, _) in geometry.fields.enumerated() {
            for (level, metadata) in layout.levels.enumerated() {
                let path = HCSPlateStore.levelPath(row: well.rowName, column: well.columnName, field: fieldIndex, level: level)
                try ZarrArrayWriter(store: staging.store, path: path, metadata: metadata).writeMetadata()
            }
            let name = "\(well.rowName)\(well.columnName) field \(fieldIndex)"
            try staging.writeImage(row: well.rowName, column: well.columnName, field: fieldIndex,
                                   layout.imageMetadata(name: name, channelRanges: ranges[fieldIndex]))
        }
        let images = geometry.fields.enumerated().map { index, slot in
            WellMetadata.Image(path: String(index), acquisition: slot.acquisition)
        }
        try staging.writeWell(row: well.rowName, column: well.columnName, WellMetadata(images: images))
    }
}

extension Duration {
    /// The duration in seconds as a floating-point number.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}

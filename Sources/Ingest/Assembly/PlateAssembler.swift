import Dispatch
import Foundation
import Layouts
import NGFF
import Synchronization
import Zarr

/// Writes wells of one plate: every shard read, downsampled, compressed and written by the stages of a
/// `ShardPipeline` into the staging area; when a well's last shard lands its metadata is written and the
/// publisher swaps it into the plate store and relists the plate, so the store is a valid plate
/// listing exactly the finished wells at every moment.
final class PlateAssembler: Sendable {
    private struct WellProgress: Sendable {
        /// Shard tasks not yet done.
        var remaining: Int
        var failure: String?
        /// Values sampled from every field's planes, per channel position.
        var channelSamples: [IntensitySample]
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
        var failedWells: [WellFailure] = []
        var bytesWritten = 0
    }

    private let geometry: PlateGeometry
    private let layout: FieldArrayLayout
    private let options: IngestOptions
    private let plateRoot: String
    /// The wells this run writes and how, row-major; task well indices point into it.
    private let plans: [WellWritePlan]
    private let publisher: PlatePublisher
    private let staging: HCSPlateStore
    private let reader: PlaneReader
    private let tasks: [ShardTask]
    private let planeCount: Int
    private let shared: Mutex<Shared>
    private let outcome = Mutex(Outcome())
    private let progress: @Sendable (IngestProgress) -> Void
    /// Asked before each shard is read and encoded: true stops the run; wells not finished by then are left
    /// unpublished.
    private let shouldStop: @Sendable () -> Bool
    /// Finished wells are published one at a time, in the order they finish.
    private let publishing = DispatchQueue(label: "platedrop.publish")
    private let started = ContinuousClock.now

    /// Writes `wells` as their plans say (every well of the geometry whole when nil); `listed` are wells
    /// already published.
    init(geometry: PlateGeometry, options: IngestOptions, plateRoot: String, wells: [WellWritePlan]? = nil,
         listed: [WellPosition] = [], progress: @escaping @Sendable (IngestProgress) -> Void,
         shouldStop: @escaping @Sendable () -> Bool = { false }) {
        self.geometry = geometry
        self.shouldStop = shouldStop
        self.options = options
        self.plateRoot = plateRoot
        self.progress = progress
        plans = (wells ?? geometry.wells.map { WellWritePlan.whole($0, of: geometry) }).sorted { $0.well < $1.well }
        layout = FieldArrayLayout(geometry: geometry, options: options)
        let metadata = PlateMetadataBuilder(geometry: geometry)
        publisher = PlatePublisher(plateRoot: plateRoot, version: options.ngffVersion, listed: listed,
                                   consolidatedMetadata: options.consolidatedMetadata,
                                   plateMetadata: metadata.plate(listing:))
        staging = publisher.stagingStore
        let sortedPlanes = plans.map { plan in
            geometry.planesByWell[plan.well, default: []].filter { plan.timepoints.contains($0.timepoint) }.sorted {
                ($0.field, $0.timepoint, $0.channel, $0.zPlane) < ($1.field, $1.timepoint, $1.channel, $1.zPlane)
            }
        }
        let channelsPerShard = layout.channelsPerShard
        let tasksByWell = sortedPlanes.enumerated().map { index, planes in
            ShardTask.tasks(wellIndex: index, planes: planes, channelsPerShard: channelsPerShard,
                            channelCount: geometry.channels.count)
        }
        reader = PlaneReader(sampleType: geometry.sampleType,
                             planeBytes: geometry.height * geometry.width * geometry.sampleType.byteCount)
        tasks = tasksByWell.flatMap { $0 }
        planeCount = sortedPlanes.reduce(0) { $0 + $1.count }
        let emptySamples = Array(repeating: IntensitySample(), count: geometry.channels.count)
        shared = Mutex(Shared(wells: tasksByWell.map {
            WellProgress(remaining: $0.count, failure: nil, channelSamples: emptySamples)
        }))
    }

    /// Runs the pipeline to completion and reports what was written; throws only when the plate store
    /// itself cannot be prepared.
    func run() throws -> (result: PlateResult, rejected: [FileIssue]) {
        try publisher.clearStaging()
        // Relisting what is already on disk keeps the plate current; a new plate gets its metadata with its
        // first well (a plate listing no wells is no plate to readers).
        if !publisher.listedWells.isEmpty { try publisher.writePlateMetadata() }
        let workerCount = max(1, min(options.workers, tasks.count))
        // A spare encoded buffer per compressor: each hands over a finished shard and compresses the next while
        // the writer stage writes it; more would only hold memory.
        let writes = QueuedStoreWriter(buffers: workerCount)
        defer { writes.close() }
        let pyramid = try PyramidWriter(layout: layout, sampleType: geometry.sampleType, wells: plans,
                                        fields: geometry.fields.count, staging: staging.store, plate: publisher.plateStore.store,
                                        durable: options.durableChunks, writes: writes)
        for (index, plan) in plans.enumerated() where plan.inPlace {
            try pyramid.removeInterruptedWrites(wellIndex: index, timepoints: plan.timepoints)
        }
        let idle = shared.withLock { state in state.wells.indices.filter { state.wells[$0].remaining == 0 } }
        for wellIndex in idle {
            // Timepoints with no plane in this well (a gap written with what is there) only grow its arrays.
            let wellProgress = shared.withLock { $0.wells[wellIndex] }
            publishing.async { [self] in _ = finishWell(wellIndex, progress: wellProgress, pyramid: pyramid) }
        }
        let elementSize = geometry.sampleType.byteCount
        let pipeline = ShardPipeline(
            tasks: tasks, reader: reader, pyramid: pyramid, workers: workerCount,
            levelByteCounts: layout.pyramid.levels.map { layout.channelsPerShard * $0.height * $0.width * elementSize },
            shouldStop: shouldStop,
            hasFailed: { [self] wellIndex in shared.withLock { $0.wells[wellIndex].failure != nil } })
        pipeline.run { [self] shard in record(shard, pyramid: pyramid) }
        publishing.sync {}
        // Writes of wells that failed or were stopped land in staging before it is cleared.
        writes.close()
        try publisher.clearStaging()
        let state = shared.withLock { $0 }
        let finished = outcome.withLock { $0 }
        let padding = singlePlanePadding
        let result = PlateResult(
            name: geometry.name, path: plateRoot,
            wellsWritten: finished.writtenWells.sorted(),
            wellsFailed: finished.failedWells.sorted(),
            planesWritten: state.planesWritten,
            missingPlanes: plans.reduce(0) { $0 + $1.timepoints.count } * geometry.planesPerTimepoint
                - state.planesWritten - padding,
            singlePlanePadding: padding, bytesRead: state.bytesRead, bytesWritten: finished.bytesWritten)
        return (result, state.rejected.sorted())
    }

    /// The fill-value planes of single-plane channels in the wells of this run: every plane such a channel
    /// has stands for one at each other z.
    private var singlePlanePadding: Int {
        let singles = Set(layout.singlePlaneChannels.keys)
        let planes = plans.flatMap { plan in
            (geometry.planesByWell[plan.well] ?? []).filter { plan.timepoints.contains($0.timepoint) }
        }
        return planes.filter { singles.contains($0.channel) }.count * (geometry.zPlanes.count - 1)
    }

    /// Counts an encoded shard's planes and problems; publishes its well when it was the well's last shard.
    private func record(_ shard: ShardInFlight, pyramid: PyramidWriter) {
        let task = shard.task
        let (finished, snapshot) = shared.withLock { state -> (Bool, Shared) in
            for (slot, plane) in task.planes.enumerated() {
                guard let plane else { continue }
                state.planesDone += 1
                switch shard.outcomes[slot] {
                case let .rejected(reason):
                    state.rejected.append(FileIssue(path: plane.relativePath, reason: reason))
                case let .read(sample):
                    state.bytesRead += reader.planeBytes
                    guard shard.failure == nil else { continue }
                    state.planesWritten += 1
                    state.wells[task.wellIndex].channelSamples[plane.channel].merge(sample)
                case nil:
                    break
                }
            }
            if let failure = shard.failure, state.wells[task.wellIndex].failure == nil {
                state.wells[task.wellIndex].failure = failure
            }
            state.wells[task.wellIndex].remaining -= 1
            let done = state.wells[task.wellIndex].remaining == 0
            if done { state.wellsDone += 1 }
            return (done, state)
        }
        if finished {
            // Publishing (metadata, fsyncs, the swap) runs beside the stages so they keep compressing.
            let wellProgress = snapshot.wells[task.wellIndex]
            publishing.async { [self] in
                let path = finishWell(task.wellIndex, progress: wellProgress, pyramid: pyramid)
                report(snapshot, finishedWell: path)
            }
        }
        report(snapshot, finishedWell: nil)
    }

    private func report(_ snapshot: Shared, finishedWell: String?) {
        progress(IngestProgress(
            plate: geometry.name, planesDone: snapshot.planesDone, planesTotal: planeCount,
            wellsDone: snapshot.wellsDone, wellsTotal: plans.count, bytesRead: snapshot.bytesRead,
            seconds: (ContinuousClock.now - started) / .seconds(1), finishedWell: finishedWell))
    }

    /// Publishes a finished well: its array and group metadata, then the swap into the plate; or, for
    /// timepoints written in place, its arrays grown over them. Returns the well's path when it was published.
    private func finishWell(_ wellIndex: Int, progress wellProgress: WellProgress, pyramid: PyramidWriter) -> String? {
        let plan = plans[wellIndex]
        let well = plan.well
        if let failure = wellProgress.failure {
            outcome.withLock { $0.failedWells.append(WellFailure(well: well, reason: failure)) }
            return nil
        }
        do {
            let bytes = try pyramid.writeMetadata(wellIndex: wellIndex)
            if plan.inPlace {
                // The image metadata stays: axes, scales and tables do not depend on the t extent, and the
                // display windows are those of the timepoints the well was first written with.
                try publisher.grew(well)
            } else {
                try writeWellMetadata(well, windows: wellProgress.channelSamples.map(\.window))
                try publisher.publish(well)
            }
            outcome.withLock {
                $0.writtenWells.append(well)
                $0.bytesWritten += bytes
            }
            return HCSPlateStore.wellPath(row: well.rowName, column: well.columnName)
        } catch {
            // The error names the file and the step: a chunk or shard the writer stage wrote, metadata, the swap.
            outcome.withLock { $0.failedWells.append(WellFailure(well: well, reason: "writing failed: \(error)")) }
            return nil
        }
    }

    /// The image, table and well metadata of `well`; every field shows a channel with the same window, taken
    /// over the whole well.
    private func writeWellMetadata(_ well: WellPosition, windows: [ValueRange?]) throws {
        for (fieldIndex, _) in geometry.fields.enumerated() {
            let name = "\(well.label) field \(fieldIndex)"
            try staging.writeImage(row: well.rowName, column: well.columnName, field: fieldIndex,
                                   layout.imageMetadata(name: name, channelWindows: windows))
            try staging.writeTables(row: well.rowName, column: well.columnName, field: fieldIndex,
                                    layout.regionTables(field: fieldIndex, stagePosition: geometry.stagePosition(well, field: fieldIndex)))
        }
        let images = geometry.fields.enumerated().map { index, slot in
            WellMetadata.Image(path: String(index), acquisition: slot.acquisition)
        }
        try staging.writeWell(row: well.rowName, column: well.columnName, WellMetadata(images: images))
    }
}

import Synchronization
import Foundation
import Layouts
import NGFF
import Zarr

/// Moves finished wells from the staging area into the plate store and keeps the plate metadata listing
/// exactly the wells on disk, so the plate is valid at every moment (P1):
/// a rewritten well is first unlisted, then swapped, then listed again; a reader never sees a mix of
/// old and new planes because a well directory is replaced by one rename.
final class PlatePublisher: Sendable {
    private struct Listing: Sendable {
        var wells: [WellPosition]
        var rows: Set<Int>
        /// The plate's `.zmetadata` as last written, when the plate keeps one; loaded on first use.
        var consolidated: ConsolidatedMetadata?
    }

    let plateRoot: String
    /// Sibling of the plate store (same file system, so renames are atomic), outside the Zarr hierarchy.
    let stagingRoot: String
    private let version: NGFFVersion
    private let store: HCSPlateStore
    private let listing: Mutex<Listing>
    private let plateMetadata: @Sendable ([WellPosition]) -> PlateMetadata
    private let keepsConsolidatedMetadata: Bool

    init(plateRoot: String, version: NGFFVersion, listed: [WellPosition], consolidatedMetadata: Bool = false,
         plateMetadata: @escaping @Sendable ([WellPosition]) -> PlateMetadata) {
        self.plateRoot = plateRoot
        let url = URL(fileURLWithPath: plateRoot)
        stagingRoot = url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + ".staging").path
        self.version = version
        store = HCSPlateStore(plateRoot: plateRoot, version: version)
        listing = Mutex(Listing(wells: listed, rows: Set(listed.map(\.row)), consolidated: nil))
        self.plateMetadata = plateMetadata
        keepsConsolidatedMetadata = consolidatedMetadata && version == .v04
    }

    /// The plate store itself, where timepoints appended to a listed well are written.
    var plateStore: HCSPlateStore { store }

    /// A listed well whose arrays grew in place (a timepoint appended or retaken): nothing moves, but the
    /// consolidated metadata, when kept, must show the new shapes.
    func grew(_ well: WellPosition) throws {
        try listing.withLock { state in try consolidate(&state, changed: well) }
    }

    /// The store a well is written into before it is published.
    var stagingStore: HCSPlateStore { HCSPlateStore(plateRoot: stagingRoot, version: version) }

    /// Removes what an interrupted run left in the staging area.
    func clearStaging() throws {
        if FileManager.default.fileExists(atPath: stagingRoot) {
            try FileManager.default.removeItem(atPath: stagingRoot)
        }
    }

    /// Replaces the plate metadata with the current listing (also makes an empty plate store valid).
    func writePlateMetadata() throws {
        try listing.withLock { state in
            try store.writePlate(plateMetadata(state.wells))
            try consolidate(&state, changed: nil)
        }
    }

    /// Publishes the staged well: swap it into the plate store and list it.
    func publish(_ well: WellPosition) throws {
        let relative = HCSPlateStore.wellPath(row: well.rowName, column: well.columnName)
        let staged = stagingRoot + "/" + relative
        let target = plateRoot + "/" + relative
        try listing.withLock { state in
            let manager = FileManager.default
            if state.wells.contains(well) {
                state.wells.removeAll { $0 == well }
                try store.writePlate(plateMetadata(state.wells))
            }
            if !state.rows.contains(well.row) || !manager.fileExists(atPath: plateRoot + "/" + well.rowName) {
                try store.writeRow(well.rowName)
                state.rows.insert(well.row)
            }
            if manager.fileExists(atPath: target) {
                let retired = stagingRoot + "/retired-\(well.label)-\(UUID().uuidString)"
                try manager.moveItem(atPath: target, toPath: retired)
                try manager.removeItem(atPath: retired)
            }
            guard rename(staged, target) == 0 else {
                throw ZarrError(path: target, .fileSystem(operation: "rename from \(staged)", code: errno))
            }
            try Self.syncDirectory(plateRoot + "/" + well.rowName)
            state.wells.append(well)
            try store.writePlate(plateMetadata(state.wells))
            try consolidate(&state, changed: well)
        }
    }

    /// Brings `.zmetadata` up to date with the plate metadata and the well that `changed`, re-reading only
    /// those; written after the documents it copies, so it never names a node that is not on disk.
    private func consolidate(_ state: inout Listing, changed well: WellPosition?) throws {
        guard keepsConsolidatedMetadata else { return }
        var consolidated = try state.consolidated ?? ConsolidatedMetadata.current(in: store.store)
        try consolidated.refresh(node: "", in: store.store)
        if let well {
            try consolidated.refresh(node: well.rowName, in: store.store)
            try consolidated.refresh(tree: HCSPlateStore.wellPath(row: well.rowName, column: well.columnName), in: store.store)
        }
        try consolidated.write(to: store.store, durable: true)
        state.consolidated = consolidated
    }

    /// The wells listed right now.
    var listedWells: [WellPosition] { listing.withLock { $0.wells } }

    private static func syncDirectory(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ZarrError(path: path, .fileSystem(operation: "open directory", code: errno)) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw ZarrError(path: path, .fileSystem(operation: "fsync", code: errno)) }
    }
}

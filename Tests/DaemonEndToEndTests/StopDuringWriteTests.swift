import Foundation
import Testing

extension DaemonEndToEndSuite {
    @Suite("SIGTERM in the middle of a plate write")
    struct StopDuringWriteTests {
        static let wells = ["A1", "A2", "A3", "A4", "B1", "B2", "B3", "B4"]

        /// docs/operations.md §4 and systemd/platedrop.service (KillMode=mixed, TimeoutStopSec=60s): on SIGTERM the daemon
        /// abandons the conversion in flight and the next start redoes it. A backlog (a whole plate exported while
        /// the daemon was down) is written as one step; finishing that step before exiting can outlast
        /// TimeoutStopSec on a real plate, and systemd then SIGKILLs the daemon.
        @Test func sigtermAbandonsTheWriteInFlightAndTheNextStartFinishesIt() async throws {
            let workspace = try DaemonWorkspace()
            let export = try SourceExport(layout: .imageXpress, plate: "Backlog", wells: Self.wells, size: 512,
                                          in: workspace.sources)
            let destination = workspace.watched + "/" + export.plateName
            try FileManager.default.copyItem(atPath: export.root, toPath: destination)
            let interrupted = try workspace.startDaemon()
            try await Deadline.poll(for: "the backlog's write to start", daemon: interrupted, every: .milliseconds(20)) { () -> Bool? in
                let states = try? CatalogueInspector(path: workspace.catalogue).wellStates()
                return states?.values.contains(.writing) == true ? true : nil
            }
            try await workspace.stop(interrupted)
            let states = try CatalogueInspector(path: workspace.catalogue).wellStates()
            let written = states.filter { $0.value == .written }.keys.sorted()
            #expect(written.count < Self.wells.count,
                    "SIGTERM came during the first well, yet the daemon wrote all of \(written) before exiting:\n\(interrupted.log)")

            let next = try workspace.startDaemon()
            try await workspace.awaitFinalized(plate: export.plateName, daemon: next)
            let store = StoreOnDisk(root: workspace.storePath(plate: export.plateName))
            #expect(try store.listedWells().sorted() == Self.wells.map(SourceExport.wellPath).sorted())
            try LevelZeroCheck.expectMatches(store, images: export.images, folder: destination)
            let validation = try await workspace.validate(plate: export.plateName)
            #expect(validation.exitCode == 0, "\(validation.transcript)")
            try await workspace.stop(next)
        }
    }
}

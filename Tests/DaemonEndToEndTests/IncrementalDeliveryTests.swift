import Foundation
import Testing

extension DaemonEndToEndSuite {
    @Suite("a plate copied in well by well")
    struct IncrementalDeliveryTests {
        /// The plan first, then one well at a time and out of plate order, each file a little after the last:
        /// after every well the store is a valid plate listing exactly the wells written so far, and the
        /// plate is finalized only when the plan's last well is in.
        @Test func everyIntermediatePlateIsValidAndListsExactlyTheWrittenWells() async throws {
            let workspace = try DaemonWorkspace()
            let export = try SourceExport(layout: .yokogawa, plate: "Incremental", wells: ["A1", "A2", "B3", "C5"],
                                          size: 256, in: workspace.sources)
            let destination = workspace.watched + "/" + export.plateName
            for plan in export.planFiles {
                try export.deliver(plan, into: destination)
            }
            let daemon = try workspace.startDaemon()
            let store = StoreOnDisk(root: workspace.storePath(plate: export.plateName))
            let deliveryOrder = ["C5", "A1", "B3", "A2"]
            var written: [String] = []
            for well in deliveryOrder {
                for image in export.images(inWell: well) {
                    try export.deliver(image.relativePath, into: destination)
                    try await Task.sleep(for: .milliseconds(200))
                }
                try await workspace.awaitWritten(well, plate: export.plateName, daemon: daemon)
                written.append(well)

                let validation = try await workspace.validate(plate: export.plateName)
                #expect(validation.exitCode == 0, "after wells \(written): \(validation.transcript)")
                let listed = try store.listedWells()
                #expect(listed.sorted() == written.map(SourceExport.wellPath).sorted(),
                        "after wells \(written) the plate lists \(listed)")
                if written.count < deliveryOrder.count {
                    let plate = try await workspace.command(["plate", export.plateName, "--json"])
                    #expect(try plate.json()["state"]?.stringValue == "receiving",
                            "plate left receiving with only \(written) of its plan's wells: \(plate.transcript)")
                }
            }
            try await workspace.awaitFinalized(plate: export.plateName, daemon: daemon)
            try LevelZeroCheck.expectMatches(store, images: export.images, folder: destination)
            try await workspace.stop(daemon)
        }
    }
}

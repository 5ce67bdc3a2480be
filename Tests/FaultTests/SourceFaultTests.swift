import Foundation
import SampleExports
import Testing
import TIFF
import Zarr

/// Source files that cannot be read, disappear, are replaced or still grow when PlateDrop gets to them.
@Suite("source files misbehaving under the daemon")
struct SourceFaultTests {
    /// A plate heavy enough (6 wells × 2 fields × 2 channels of 1024²) that its write lasts seconds, so a file
    /// of its last well can be changed while the well before it is still being written.
    static let heavy = ExportSpec(
        layout: .imageXpress, plateName: "Busy",
        wells: (0..<6).map { WellIndex(row: 0, column: $0) }, fields: 2, channels: 2, width: 1024, height: 1024, seed: 21)

    @Test(.enabled(if: runningAsRoot, "drops privileges to nobody"))
    func unreadableSourceIsRejectedWithPermissionDeniedAndPickedUpOnceReadable() async throws {
        let bench = try FaultBench(prefix: "unreadable")
        let spec = ExportSpec(layout: .imageXpress, plateName: "Locked", wells: [WellIndex(row: 0, column: 0), WellIndex(row: 0, column: 1)],
                              fields: 1, channels: 2, width: 64, height: 48, seed: 3)
        let export = try await generateExport(spec, into: try bench.work.folder("src/Locked"))
        try SystemFaults.giveToNobody(bench.work.path + "/out", bench.healthyOutput, bench.work.path + "/state")
        let daemon = try bench.startDaemon(as: .nobody)
        try await bench.waitUntilServing(daemon)

        let locked = "Locked_A02_s1_w2.TIF"
        try Delivery.copy(Delivery.paths(of: export, plans: true).filter { $0 != locked }, from: export.root, to: bench.faultyRoot)
        // Root's file, mode 000: the daemon (nobody) can see it but not open it.
        try Delivery.copy([locked], from: export.root, to: bench.faultyRoot)
        chmod(bench.faultyRoot + "/" + locked, 0)
        try bench.deliverHealthyPlate()
        let sourceBefore = await snapshot(bench.faultyRoot)

        let row = try await bench.waitForFile(locked, state: "rejected")
        let reason = row?["reason"]?.stringValue ?? ""
        #expect(row != nil, "\(locked) not rejected:\n\(daemon.log)")
        #expect(reason.contains("Permission denied") && reason.contains(locked), "reason: \(reason)")
        #expect(try await bench.waitForWell("Locked", well: "A1", state: "written") != nil, "the rest of the plate stopped")
        try await bench.expectHealthyPlateWritten()
        bench.expectDaemonRunning(daemon)
        await bench.expectSourceUnchanged(since: sourceBefore)

        // Someone fixes the mode: the file is read and its well written, without a restart.
        chmod(bench.faultyRoot + "/" + locked, 0o644)
        #expect(try await bench.waitForPlate("Locked", seconds: 60), "not finalized after the file became readable:\n\(daemon.log)")
        let store = PlateStore(root: bench.output + "/Locked.ome.zarr")
        #expect(try store.levelZeroPlane(well: "A/2", channel: 1) == TIFFFile(path: export.root + "/" + locked).readPage(0))
        await bench.stopAll()
    }

    @Test func sourceVanishingWhileItsPlateIsWrittenIsRecordedAndTheRestIsWritten() async throws {
        let bench = try FaultBench(prefix: "vanish")
        try await generateExport(Self.heavy, into: bench.faultyRoot + "/Busy")
        try await Task.sleep(for: .milliseconds(1300))
        let victim = "Busy/Busy_A06_s2_w2.TIF"
        let daemon = try bench.startDaemon()
        // The staging area exists exactly while the plate is being written.
        let staging = bench.output + "/.Busy.ome.zarr.staging"
        let writing = await eventuallyOnThread(seconds: 60, every: 0.005) {
            FileManager.default.fileExists(atPath: staging)
        }
        try #require(writing, "the plate write never started:\n\(daemon.log)")
        let victimPixels = try TIFFFile(path: bench.faultyRoot + "/" + victim).readPage(0)
        try FileManager.default.removeItem(atPath: bench.faultyRoot + "/" + victim)
        try bench.deliverHealthyPlate()
        let sourceBefore = await snapshot(bench.faultyRoot)

        let others = (1...5).map { "A\($0)" }
        for well in others {
            #expect(try await bench.waitForWell("Busy", well: well, state: "written") != nil, "\(well) not written:\n\(daemon.log)")
        }
        // Recorded: the file is gone (or unreadable) in the catalogue, with a reason a person can act on.
        let recorded = await eventually(seconds: 30) {
            guard let row = try? await bench.file(victim) else { return false }
            return ["vanished", "rejected"].contains(row["state"]?.stringValue ?? "")
        }
        let victimRow = try await bench.file(victim)
        #expect(recorded, "the vanished file is not recorded: \(String(describing: victimRow))")
        // Its well must not pass for complete, now or after the automatic retry (first pause 30 s): either it
        // waits for the plane or says what it lacks. Under load the daemon may have read A6 before the removal;
        // then a complete A6 must hold the victim's pixels.
        var a6: JSONValue?
        _ = await eventually(seconds: 75, every: 1) {
            a6 = try? await bench.wells(plate: "Busy").first { FaultBench.label(of: $0) == "A6" }
            return a6?["state"]?.stringValue == "written"
        }
        let state = a6?["state"]?.stringValue ?? "", reason = a6?["reason"]?.stringValue ?? ""
        if state == "written" && !reason.contains("Busy_A06_s2_w2.TIF") && !reason.contains("incomplete") {
            let stored = try PlateStore(root: bench.output + "/Busy.ome.zarr").levelZeroPlane(well: "A/6", field: 1, channel: 1)
            #expect(stored == victimPixels, "A6 is written complete, but the plane of the removed file is not its pixels")
        }
        try await bench.expectHealthyPlateWritten()
        bench.expectDaemonRunning(daemon)
        #expect(PlateStore(root: bench.output + "/Busy.ome.zarr").unreadableArrays(well: "A/1").isEmpty)
        await bench.expectSourceUnchanged(since: sourceBefore)
        await bench.stopAll()
    }

    @Test func sourceReplacedWhileItsPlateIsWrittenEndsUpWithTheNewPixels() async throws {
        let bench = try FaultBench(prefix: "replace")
        try await generateExport(Self.heavy, into: bench.faultyRoot + "/Busy")
        var other = Self.heavy
        other.seed = 99
        let replacementSource = try bench.work.folder("src/other")
        let replacements = try await generateExport(other, into: replacementSource)
        try await Task.sleep(for: .milliseconds(1300))
        let victim = "Busy_A06_s1_w1.TIF"
        let daemon = try bench.startDaemon()
        let staging = bench.output + "/.Busy.ome.zarr.staging"
        let writing = await eventuallyOnThread(seconds: 60, every: 0.005) {
            FileManager.default.fileExists(atPath: staging)
        }
        try #require(writing, "the plate write never started:\n\(daemon.log)")
        // A new inode renamed over the old name, as a re-export does.
        try Delivery.copy([victim], from: replacements.root, to: bench.faultyRoot + "/Busy")
        try bench.deliverHealthyPlate()
        let sourceBefore = await snapshot(bench.faultyRoot)

        #expect(try await bench.waitForPlate("Busy", seconds: 120), "Busy not finalized:\n\(daemon.log)")
        // Finalized once its well has been rewritten with the file as it is now. The plate may first finalize with
        // the old pixels if the daemon notices the replacement only after that, so wait for the end state itself.
        let store = PlateStore(root: bench.output + "/Busy.ome.zarr")
        let replacementPixels = try TIFFFile(path: replacements.root + "/" + victim).readPage(0)
        let rewritten = await eventually(seconds: 90) {
            let a6 = try? await bench.wells(plate: "Busy").first { FaultBench.label(of: $0) == "A6" }
            let plate = try? await bench.plateState("Busy")
            return a6?["state"]?.stringValue == "written" && plate == "finalized"
                && (try? store.levelZeroPlane(well: "A/6", field: 0, channel: 0)) == replacementPixels
        }
        #expect(rewritten, "A6 holds stale pixels for \(victim):\n\(daemon.log)")
        let row = try await bench.file("Busy/" + victim)
        #expect(row?["state"]?.stringValue == "ingested", "\(String(describing: row))")
        try await bench.expectContainedThenStop(daemon, sourceBefore: sourceBefore)
    }

    @Test func fileStillGrowingAfterAPauseIsReadAgainOnceComplete() async throws {
        let bench = try FaultBench(prefix: "growing")
        let spec = ExportSpec(layout: .imageXpress, plateName: "Grow", wells: [WellIndex(row: 0, column: 0), WellIndex(row: 0, column: 1)],
                              fields: 1, channels: 1, width: 256, height: 256, seed: 8)
        let export = try await generateExport(spec, into: try bench.work.folder("src/Grow"))
        let daemon = try bench.startDaemon()
        try await bench.waitUntilServing(daemon)
        let slow = "Grow_A02_s1_w1.TIF"
        try Delivery.copy(Delivery.paths(of: export, plans: true).filter { $0 != slow }, from: export.root, to: bench.faultyRoot)
        // The writer stalls for longer than the quiet period half-way through the file, then finishes it.
        let whole = try Data(contentsOf: URL(fileURLWithPath: export.root + "/" + slow))
        let target = bench.faultyRoot + "/" + slow
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: target))
        try await Task.sleep(for: .seconds(4))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: target))
        try handle.seekToEnd()
        try handle.write(contentsOf: whole.suffix(from: whole.count / 2))
        try handle.close()
        try bench.deliverHealthyPlate()
        let sourceBefore = await snapshot(bench.faultyRoot)

        _ = try await bench.waitForFile(slow, state: "ingested", seconds: 60)
        #expect(try await bench.waitForPlate("Grow", seconds: 60), "Grow not finalized:\n\(daemon.log)")
        let store = PlateStore(root: bench.output + "/Grow.ome.zarr")
        #expect(try store.levelZeroPlane(well: "A/2", channel: 0) == TIFFFile(path: target).readPage(0),
                "A2 does not hold the completed file's pixels")
        #expect(try await bench.file(slow)?["state"]?.stringValue == "ingested")
        try await bench.expectContainedThenStop(daemon, sourceBefore: sourceBefore)
    }
}

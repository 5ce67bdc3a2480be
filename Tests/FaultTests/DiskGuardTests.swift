import Foundation
import GRDB
import SampleExports
import Testing
import TIFF
import Zarr

@Suite("disk guard: min_free on a small tmpfs output",
       .enabled(if: tmpfsMountable, "mounts a tmpfs: needs root with CAP_SYS_ADMIN (not permitted here, so skipped)"))
struct DiskGuardTests {
    @Test func belowMinFreeNoWellIsWrittenOnFailureRunsOnceAndWritingResumesWhenSpaceReturns() async throws {
        let bench = try FaultBench(prefix: "diskguard")
        let tmpfs = try SystemFaults.Tmpfs(at: bench.output, size: "12m")
        defer { tmpfs.undo() }
        let hooks = try HookRecorder(in: bench.work)
        bench.config.onFailure = hooks.command("failure")
        bench.config.minFree = "4MiB"
        let minFree: Int64 = 4 * 1024 * 1024
        let spec = ExportSpec(layout: .imageXpress, plateName: "Guarded",
                              wells: [WellIndex(row: 0, column: 0), WellIndex(row: 0, column: 1), WellIndex(row: 0, column: 2),
                                      WellIndex(row: 1, column: 0)],
                              fields: 1, channels: 2, width: 256, height: 256, seed: 11)
        let export = try await generateExport(spec, into: try bench.work.folder("src/Guarded"))
        let daemon = try bench.startDaemon()
        defer { Task { await bench.stopAll() } }
        try await bench.waitUntilServing(daemon)
        let store = PlateStore(root: bench.output + "/Guarded.ome.zarr")

        try Delivery.copy(Delivery.paths(of: export, wells: ["A1", "A2"], plans: true), from: export.root, to: bench.faultyRoot)
        for well in ["A1", "A2"] {
            #expect(try await bench.waitForWell("Guarded", well: well, state: "written") != nil, "\(well) not written:\n\(daemon.log)")
        }
        #expect(try await bench.status()?["daemon"]?["writesPaused"] == [], "paused with room to spare")

        // The ballast leaves about 2 MiB free, below min_free: writing pauses on this file system only.
        let ballast = bench.output + "/ballast"
        try DiskFullTests.fill(ballast, leaving: 2 * 1024 * 1024, on: tmpfs)
        let pauses = try await Self.pauses(bench, daemon: daemon)
        let pause = pauses[0]
        #expect(pauses.count == 1 && pause["path"]?.stringValue == bench.output && pause["minFreeBytes"]?.intValue == minFree
                && (pause["freeBytes"]?.intValue ?? .max) < minFree && pause["roots"] == ["faulty"]
                && pause["holdsCatalogue"] == false && pause["since"]?.doubleValue != nil, "\(pauses)")
        let text = try await bench.cli(["status"])
        #expect(text.standardOutput.contains("writing paused since") && text.standardOutput.contains(bench.output), "\(text.standardOutput)")

        var failures: [HookRecorder.Run] = []
        _ = try await eventually(seconds: 20) {
            failures = try hooks.runs("failure")
            return !failures.isEmpty
        }
        try #require(failures.count == 1, "on_failure runs: \(failures.map(\.summary))")
        let summary = failures[0].summary
        #expect(failures[0].arguments == ["failure"])
        #expect(summary["event"] == "failure" && summary["cause"] == "disk-low" && summary["path"]?.stringValue == bench.output
                && summary["minFreeBytes"]?.intValue == minFree && (summary["freeBytes"]?.intValue ?? .max) < minFree
                && summary["roots"] == ["faulty"] && summary["holdsCatalogue"] == false && summary["at"]?.doubleValue != nil,
                "\(summary)")

        // Files keep arriving: they are catalogued and their wells made ready, but none is written, while the
        // other root (another file system) keeps writing.
        try Delivery.copy(Delivery.paths(of: export, wells: ["A3", "B1"]), from: export.root, to: bench.faultyRoot)
        try bench.deliverHealthyPlate()
        let sourceBefore = await snapshot(bench.faultyRoot)
        for well in ["A3", "B1"] {
            #expect(try await bench.waitForWell("Guarded", well: well, state: "ready") != nil, "\(well) not ready:\n\(daemon.log)")
        }
        try await bench.expectHealthyPlateWritten()
        for well in ["A3", "B1"] {
            let row = try await bench.wells(plate: "Guarded").first { FaultBench.label(of: $0) == well }
            #expect(row?["state"]?.stringValue == "ready", "\(well) left ready while paused: \(String(describing: row))")
        }
        #expect(Set(store.listedWells) == ["A/1", "A/2"])
        #expect(!FileManager.default.fileExists(atPath: store.root + "/A/3") && !FileManager.default.fileExists(atPath: store.root + "/B/1"))
        #expect(PlateStore.leftovers(under: bench.output).isEmpty, "half-written: \(PlateStore.leftovers(under: bench.output))")
        let waiting = try await bench.files(state: "stable").compactMap { $0["path"]?.stringValue }
        #expect(waiting.filter { $0.contains("_A03_") || $0.contains("_B01_") }.count == 4, "files not catalogued: \(waiting)")

        // Space returns: writing resumes by itself and every well lands, with its pixels.
        try FileManager.default.removeItem(atPath: ballast)
        #expect(try await bench.waitForPlate("Guarded", seconds: 60), "not finalized after space returned:\n\(daemon.log)")
        #expect(try await bench.status()?["daemon"]?["writesPaused"] == [])
        #expect(Set(store.listedWells) == ["A/1", "A/2", "A/3", "B/1"])
        for image in export.images where image.isPlane {
            let well = "\(String(UnicodeScalar(UInt8(65 + image.row))))/\(image.column + 1)"
            let stored = try store.levelZeroPlane(well: well, field: image.field, channel: image.channel)
            #expect(stored == (try TIFFFile(path: export.root + "/" + image.relativePath).readPage(0)), "\(image.relativePath)")
        }
        #expect(try await bench.binary.run(["validate", store.root]).exitCode == 0)
        #expect(try await bench.files().filter { ($0["path"]?.stringValue ?? "").hasPrefix("Guarded/") && $0["path"]?.stringValue?.hasSuffix(".TIF") == true }
            .allSatisfy { $0["state"]?.stringValue == "ingested" })
        #expect(try hooks.runs("failure").count == 1, "on_failure ran more than once for one pause")
        let timeline = try Self.timeline(bench.catalog, plate: "Guarded")
        let pausedAt = try #require(timeline.first { $0.kind == "writes-paused" }?.at)
        let resumedAt = try #require(timeline.first { $0.kind == "writes-resumed" }?.at)
        let writtenWhilePaused = timeline.filter { $0.kind == "well-written" && $0.at > pausedAt && $0.at < resumedAt }
        #expect(writtenWhilePaused.isEmpty, "wells written while paused: \(writtenWhilePaused.map(\.message))")
        #expect(timeline.filter { $0.kind == "writes-paused" }.count == 1 && timeline.filter { $0.kind == "writes-resumed" }.count == 1)
        bench.expectDaemonRunning(daemon)
        await bench.expectSourceUnchanged(since: sourceBefore)
        await bench.stopAll()
    }

    /// The catalogue's file system low: every root waits, whatever its output's file system, while files are
    /// still catalogued; writing resumes when it has room.
    @Test func theCataloguesFileSystemBelowMinFreePausesEveryRoot() async throws {
        let bench = try FaultBench(prefix: "diskguard-catalogue")
        let tmpfs = try SystemFaults.Tmpfs(at: bench.work.path + "/state", size: "12m")
        defer { tmpfs.undo() }
        bench.config.minFree = "4MiB"
        let daemon = try bench.startDaemon()
        defer { Task { await bench.stopAll() } }
        try await bench.waitUntilServing(daemon)
        let ballast = bench.work.path + "/state/ballast"
        try DiskFullTests.fill(ballast, leaving: 2 * 1024 * 1024, on: tmpfs)
        let pauses = try await Self.pauses(bench, daemon: daemon)
        #expect(pauses.count == 1 && pauses[0]["path"]?.stringValue == bench.work.path + "/state"
                && pauses[0]["holdsCatalogue"] == true && pauses[0]["roots"] == ["faulty", "healthy"], "\(pauses)")

        try bench.deliverHealthyPlate()
        for well in ["A1", "B3"] {
            #expect(try await bench.waitForWell("Healthy", well: well, state: "ready") != nil, "\(well) not ready:\n\(daemon.log)")
        }
        // A few more passes of the loop (its heartbeat is every 2 s) and the wells still wait.
        let beat = try await bench.status()?["daemon"]?["heartbeatAt"]?.doubleValue ?? 0
        #expect(try await eventually(seconds: 30) {
            (try await bench.status()?["daemon"]?["heartbeatAt"]?.doubleValue ?? 0) >= beat + 4
        })
        let states = try await bench.wells(plate: "Healthy").compactMap { $0["state"]?.stringValue }
        #expect(states == ["ready", "ready"], "written while paused: \(states)")
        #expect(!FileManager.default.fileExists(atPath: bench.healthyOutput + "/Healthy.ome.zarr"), "written while paused")
        try FileManager.default.removeItem(atPath: ballast)
        try await bench.expectHealthyPlateWritten()
        #expect(try await bench.status()?["daemon"]?["writesPaused"] == [])
        bench.expectDaemonRunning(daemon)
        await bench.stopAll()
    }

    /// The pause and resume events, and the well-written events of `plate`, in order.
    /// The pauses `status --json` lists once writing has paused; the test fails when it never does.
    static func pauses(_ bench: FaultBench, daemon: DaemonUnderTest) async throws -> [JSONValue] {
        var pauses: [JSONValue] = []
        let paused = try await eventually(seconds: 30) {
            pauses = try await bench.status()?["daemon"]?["writesPaused"]?.arrayValue ?? []
            return !pauses.isEmpty
        }
        try #require(paused, "status does not say writing paused:\n\(daemon.log)")
        return pauses
    }

    static func timeline(_ catalog: String, plate: String) throws -> [(at: Double, kind: String, message: String)] {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: catalog, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT at, kind, message FROM event
                WHERE kind IN ('writes-paused', 'writes-resumed')
                   OR (kind = 'well-written' AND plate = (SELECT id FROM plate WHERE name = ?))
                ORDER BY id
                """, arguments: [plate]).map { ($0["at"], $0["kind"], $0["message"]) }
        }
    }
}

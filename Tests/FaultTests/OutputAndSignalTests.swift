import FileLocks
import Foundation
import SampleExports
import Testing

@Suite("output unwritable; signals")
struct OutputAndSignalTests {
    static let small = ExportSpec(layout: .imageXpress, plateName: "Blocked", wells: [WellIndex(row: 0, column: 0), WellIndex(row: 2, column: 3)],
                                  fields: 1, channels: 2, width: 64, height: 48, seed: 4)

    @Test(.enabled(if: runningAsRoot, "bind-mounts the output read-only"))
    func unwritableOutputFailsTheWellsWithTheReasonAndRetryWritesThemOnceFixed() async throws {
        let bench = try FaultBench(prefix: "output-ro")
        let mount = try SystemFaults.ReadOnlyBind(bench.output)
        var mounted = true
        defer { if mounted { mount.undo() } }
        let daemon = try bench.startDaemon()
        try await bench.waitUntilServing(daemon)
        try await generateExport(Self.small, into: bench.faultyRoot + "/Blocked")
        try bench.deliverHealthyPlate()
        let sourceBefore = await snapshot(bench.faultyRoot)

        for well in ["A1", "C4"] {
            let failed = try await bench.waitForWell("Blocked", well: well, state: "failed")
            let reason = failed?["reason"]?.stringValue ?? ""
            #expect(failed != nil, "\(well) did not fail:\n\(daemon.log)")
            #expect(reason.contains("Read-only file system") && reason.contains(bench.output), "\(well) reason: \(reason)")
        }
        #expect(try await bench.recentProblems().contains { $0.contains("well-failed") && $0.contains("Read-only file system") })
        try await bench.expectHealthyPlateWritten()
        bench.expectDaemonRunning(daemon)
        #expect(try FileManager.default.contentsOfDirectory(atPath: bench.output).isEmpty)

        mount.undo()
        mounted = false
        let retry = try await bench.cli(["retry", "Blocked"])
        #expect(retry.exitCode == 0, "\(retry.transcript)")
        #expect(try await bench.waitForPlate("Blocked"), "not written after the output became writable:\n\(daemon.log)")
        let store = bench.output + "/Blocked.ome.zarr"
        #expect(try await bench.binary.run(["validate", store]).exitCode == 0)
        #expect(Set(PlateStore(root: store).listedWells) == ["A/1", "C/4"])
        await bench.expectSourceUnchanged(since: sourceBefore)
        await bench.stopAll()
    }

    /// Another process writing the same plate store (an ingest into the daemon's output folder) holds its
    /// write lock: the daemon's start-up sweep leaves that plate's staging area alone, and its write fails
    /// the wells naming the holder instead of clearing the other writer's files; once the lock is free,
    /// `retry` writes the plate and no lock file is left.
    @Test func aPlateAnotherProcessWritesIsLeftAloneUntilItsLockIsFree() async throws {
        let bench = try FaultBench(prefix: "plate-lock")
        let staging = bench.output + "/.Blocked.ome.zarr.staging/A/1"
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        var writer: ExclusiveFileLock? = try ExclusiveFileLock(path: bench.output + "/.Blocked.ome.zarr.lock", removesFileOnRelease: true)
        let daemon = try bench.startDaemon()
        try await bench.waitUntilServing(daemon)
        #expect(FileManager.default.fileExists(atPath: staging), "the sweep removed the staging area of a plate being written")
        #expect(daemon.log.contains("left 1 file(s) of Blocked.ome.zarr"), "\(daemon.log)")

        try await generateExport(Self.small, into: bench.faultyRoot + "/Blocked")
        for well in ["A1", "C4"] {
            let failed = try await bench.waitForWell("Blocked", well: well, state: "failed")
            let reason = failed?["reason"]?.stringValue ?? ""
            #expect(reason.contains("another PlateDrop process (pid \(getpid())) is writing this plate store"), "\(well) reason: \(reason)")
        }
        #expect(FileManager.default.fileExists(atPath: staging), "the refused write cleared the other writer's staging area")
        #expect(!FileManager.default.fileExists(atPath: bench.output + "/Blocked.ome.zarr"))

        // Read here so the lock lives until this point, then released.
        #expect(writer?.path.hasSuffix(".Blocked.ome.zarr.lock") == true)
        writer = nil
        let retry = try await bench.cli(["retry", "Blocked"])
        #expect(retry.exitCode == 0, "\(retry.transcript)")
        #expect(try await bench.waitForPlate("Blocked"), "not written once the lock was free:\n\(daemon.log)")
        #expect(try await bench.binary.run(["validate", bench.output + "/Blocked.ome.zarr"]).exitCode == 0)
        let left = try FileManager.default.contentsOfDirectory(atPath: bench.output).sorted()
        #expect(left == ["Blocked.ome.zarr", "Blocked.ome.zarr.done"], "no lock or staging area may be left: \(left)")
        await bench.stopAll()
    }

    /// SIGTERM while a well is being written: exit 0 within systemd's 60 s stop timeout, no well left `writing`,
    /// and a restart completes the plate. The soak variant's plate takes minutes to write.
    @Test(arguments: soakEnabled ? [false, true] : [false])
    func sigtermDuringAWellWriteExitsCleanlyWithinSixtySeconds(longPlate: Bool) async throws {
        let bench = try FaultBench(prefix: "sigterm")
        let spec = longPlate
            // 96 wells × 2 fields × 2 channels of 2048² uint16: 3 GB, minutes to write in a debug build.
            ? ExportSpec(layout: .imageXpress, plateName: "Busy", rows: 8, columns: 12,
                         wells: (0..<96).map { WellIndex(row: $0 / 12, column: $0 % 12) }, fields: 2, channels: 2,
                         width: 2048, height: 2048, seed: 2)
            : SourceFaultTests.heavy
        try await generateExport(spec, into: bench.faultyRoot + "/Busy")
        try bench.deliverHealthyPlate()
        try await Task.sleep(for: .milliseconds(1300))
        let sourceBefore = await snapshot(bench.work.path + "/watch")
        let daemon = try bench.startDaemon()
        let staging = bench.output + "/.Busy.ome.zarr.staging"
        let writing = await eventuallyOnThread(seconds: 120, every: 0.005) {
            FileManager.default.fileExists(atPath: staging)
        }
        try #require(writing, "the plate write never started:\n\(daemon.log)")
        try await Task.sleep(for: .milliseconds(300))
        let signalled = Date()
        daemon.signal(SIGTERM)
        let ending = await daemon.waitForExit(seconds: 60)
        let seconds = Date().timeIntervalSince(signalled)
        #expect(ending.map { !$0.bySignal && $0.status == 0 } == true,
                "SIGTERM during a write: \(ending.map { "\($0)" } ?? "still running after 60 s") (\(String(format: "%.1f", seconds)) s)")
        if ending == nil { await daemon.crash() }
        let wells = try await bench.wells(plate: "Busy")
        let writingWells = wells.filter { $0["state"]?.stringValue == "writing" }.map(FaultBench.label(of:))
        #expect(writingWells.isEmpty, "wells left `writing` after a clean stop: \(writingWells)")
        let status = try await bench.status()
        #expect(status?["daemon"]?["running"]?.boolValue == false, "status still reports the stopped daemon as running")

        let restarted = try bench.startDaemon()
        #expect(try await bench.waitForPlate("Busy", seconds: longPlate ? 900 : 120), "not finalized after restart:\n\(restarted.log)")
        try await bench.expectHealthyPlateWritten()
        #expect(PlateStore.leftovers(under: bench.work.path + "/out").isEmpty)
        await bench.expectSourceUnchanged(since: sourceBefore, root: bench.work.path + "/watch")
        print("SIGTERM during a write (\(longPlate ? "long" : "default") plate): exited in \(String(format: "%.2f", seconds)) s")
        await bench.stopAll()
    }

    @Test func sighupIsIgnoredAndLogged() async throws {
        let bench = try FaultBench(prefix: "sighup")
        let daemon = try bench.startDaemon()
        try await bench.waitUntilServing(daemon)
        daemon.signal(SIGHUP)
        let logged = await eventually(seconds: 10) { daemon.log.contains("SIGHUP ignored") }
        #expect(logged, "no log line for SIGHUP:\n\(daemon.log)")
        try await Task.sleep(for: .seconds(1))
        bench.expectDaemonRunning(daemon)
        try bench.deliverHealthyPlate()
        try await bench.expectHealthyPlateWritten()
        daemon.signal(SIGHUP)
        try await Task.sleep(for: .milliseconds(500))
        bench.expectDaemonRunning(daemon)
        #expect(await daemon.stop()?.status == 0)
    }
}

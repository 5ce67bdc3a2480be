import Foundation
import SampleExports
import Testing

@Suite("disk full: the output file system fills mid-well", .enabled(if: runningAsRoot, "mounts a tmpfs"))
struct DiskFullTests {
    @Test func wellFailsWithNoSpacePlateStaysValidThenTheWellIsWrittenOnceSpaceIsBack() async throws {
        let bench = try FaultBench(prefix: "diskfull")
        let tmpfs = try SystemFaults.Tmpfs(at: bench.output, size: "6m")
        defer { tmpfs.undo() }
        let spec = ExportSpec(layout: .imageXpress, plateName: "Full",
                              wells: [WellIndex(row: 0, column: 0), WellIndex(row: 0, column: 1), WellIndex(row: 0, column: 2)],
                              fields: 2, channels: 2, width: 512, height: 512, seed: 5)
        let export = try await generateExport(spec, into: try bench.work.folder("src/Full"))
        let daemon = try bench.startDaemon()
        defer { Task { await bench.stopAll() } }
        try await bench.waitUntilServing(daemon)

        try Delivery.copy(Delivery.paths(of: export, wells: ["A1", "A2"], plans: true), from: export.root, to: bench.faultyRoot)
        for well in ["A1", "A2"] {
            let written = try await bench.waitForWell("Full", well: well, state: "written")
            try #require(written != nil, "\(well) not written before the disk filled:\n\(daemon.log)")
        }
        let store = PlateStore(root: bench.output + "/Full.ome.zarr")
        let metadataBefore = try #require(store.plateMetadataBytes)
        let wellBytes = await snapshot(store.root + "/A/1").entries.values.reduce(0) { $0 + $1.size }

        // Leave room for about half a well: the third well runs out of space part-way through its chunks.
        let filler = bench.output + "/filler"
        try Self.fill(filler, leaving: wellBytes / 2, on: tmpfs)
        try Delivery.copy(Delivery.paths(of: export, wells: ["A3"]), from: export.root, to: bench.faultyRoot)
        try bench.deliverHealthyPlate()
        let sourceBefore = await snapshot(bench.faultyRoot)
        let failed = try await bench.waitForWell("Full", well: "A3", state: "failed")
        let reason = failed?["reason"]?.stringValue ?? ""
        #expect(failed != nil, "A3 did not fail on a full disk:\n\(daemon.log)")
        #expect(reason.contains("No space left on device") || reason.contains("ENOSPC"), "reason: \(reason)")
        #expect(try await bench.recentProblems().contains { $0.contains("well-failed") && $0.contains("No space left") })

        // Meanwhile: the plate is unchanged, valid, and its earlier wells readable; nothing half-written lingers.
        #expect(store.plateMetadataBytes == metadataBefore, "plate metadata changed although no well was added")
        #expect(Set(store.listedWells) == ["A/1", "A/2"])
        for well in ["A/1", "A/2"] { #expect(store.unreadableArrays(well: well).isEmpty) }
        let validation = try await bench.binary.run(["validate", store.root])
        #expect(validation.exitCode == 0, "\(validation.transcript)")
        #expect(PlateStore.leftovers(under: bench.output).isEmpty, "left behind on the full disk: \(PlateStore.leftovers(under: bench.output))")
        try await bench.expectHealthyPlateWritten()
        bench.expectDaemonRunning(daemon)

        // Space comes back: the automatic retry (first pause 30 s) writes the well without anyone asking.
        try FileManager.default.removeItem(atPath: filler)
        let rewritten = try await bench.waitForWell("Full", well: "A3", state: "written", seconds: 90)
        #expect(rewritten != nil, "A3 not written automatically after space came back:\n\(daemon.log)")
        #expect(try await bench.waitForPlate("Full", seconds: 30))
        #expect(Set(store.listedWells) == ["A/1", "A/2", "A/3"])
        for well in ["A/1", "A/2", "A/3"] { #expect(store.unreadableArrays(well: well).isEmpty) }
        #expect(try await bench.binary.run(["validate", store.root]).exitCode == 0)
        #expect(PlateStore.leftovers(under: bench.output).isEmpty)
        bench.expectDaemonRunning(daemon)
        await bench.expectSourceUnchanged(since: sourceBefore)
        await bench.stopAll()
    }

    /// Writes zeros to `path` until about `leaving` bytes are free on the tmpfs.
    static func fill(_ path: String, leaving: Int, on tmpfs: SystemFaults.Tmpfs) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path, isDirectory: false).creatingFile())
        defer { try? handle.close() }
        let block = Data(count: 64 * 1024)
        while tmpfs.availableBytes - block.count > leaving {
            try handle.write(contentsOf: block)
        }
    }
}

extension URL {
    /// Creates an empty file here when none exists; returns self.
    func creatingFile() -> URL {
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        return self
    }
}

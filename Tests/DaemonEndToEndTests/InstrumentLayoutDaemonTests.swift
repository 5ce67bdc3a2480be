import Foundation
import PlateDropTestSupport
import SampleExports
import Testing

extension DaemonEndToEndSuite.SampleVariantDaemonTests {
    /// Generates `spec`, ingests it in one go, then delivers the same files to a daemon watching with
    /// `--layout auto` (plans first, then everything else in the order written; with `plansLast` the images
    /// first) and requires the daemon's plates to equal ingest's: names, channels, pixel size, level-0 bytes;
    /// every plate valid, no file rejected.
    private func expectServedLikeIngested(_ spec: ExportSpec, folder: String, plateTimeout: String = "30m",
                                          plansLast: Bool = false) async throws {
        let workspace = try DaemonWorkspace()
        let export = try SampleExportGenerator.generate(spec, into: workspace.sources + "/" + folder)
        let batchRoot = workspace.path + "/batch"
        let batch = try await workspace.executable.run(["ingest", export.root, "--out", batchRoot])
        #expect(batch.exitCode == 0, "\(batch.transcript)")
        let expected = try RealExportPlates(outputRoot: batchRoot)
        try #require(!expected.names.isEmpty, "ingest wrote no plate: \(batch.transcript)")

        let daemon = try workspace.startDaemon(workspace.serveArguments().map { $0 == "30m" ? plateTimeout : $0 })
        try await workspace.awaitWatching(daemon)
        let images = export.companionFiles + export.images.map(\.relativePath)
        for file in plansLast ? images + export.planFiles : export.planFiles + images {
            try deliver(file, from: export.root, into: workspace.watched + "/" + folder)
        }
        try await workspace.awaitFinalized(plates: expected.names, daemon: daemon)
        let served = try RealExportPlates(outputRoot: workspace.output)
        let differences = try served.differences(from: expected)
        #expect(differences.isEmpty, "the daemon's plates differ from ingest's: \(differences)")
        for name in expected.names {
            try expectSameLevelZero(StoreOnDisk(root: workspace.storePath(plate: name)),
                                    StoreOnDisk(root: batchRoot + "/" + name + ".ome.zarr"), plate: name)
            let validation = try await workspace.validate(plate: name)
            #expect(validation.exitCode == 0, "\(validation.transcript)")
        }
        let rejected = try await workspace.command(["files", "--state", "rejected", "--json"])
        #expect((try rejected.json().arrayValue ?? []).isEmpty, "\(rejected.transcript)")
        try await workspace.stop(daemon)
    }

    /// Cellomics exports have no plan: the plates complete once no file has come for the plate timeout.
    @Test func cellomicsMatchesIngest() async throws {
        try await expectServedLikeIngested(
            ExportSpec(layout: .cellomics, plateName: "AS_09125_050116030001", wells: [WellIndex(row: 3, column: 2)],
                       fields: 2, channels: 3, width: 64, height: 48, sampleType: .uint8),
            folder: "Cellomics", plateTimeout: "5s")
    }

    /// scanR exports complete by their metadata.ome.xml, which also gives each file its channel.
    @Test func scanRMatchesIngest() async throws {
        try await expectServedLikeIngested(
            ExportSpec(layout: .scanR, plateName: "unused", wells: [WellIndex(row: 1, column: 1), WellIndex(row: 2, column: 3)],
                       fields: 2, channels: 2, zPlanes: 2, width: 64, height: 48),
            folder: "ScanR")
    }

    /// IN Cell plates complete by their .xdce, which also gives each file its channel.
    @Test func inCellMatchesIngest() async throws {
        try await expectServedLikeIngested(
            ExportSpec(layout: .inCell, plateName: "Served", wells: [WellIndex(row: 0, column: 0), WellIndex(row: 3, column: 5)],
                       fields: 2, channels: 2, zPlanes: 2, width: 64, height: 48),
            folder: "Plate 7")
    }

    /// Cytation exports have no plan: the plates complete once no file has come for the plate timeout.
    @Test func cytationMatchesIngest() async throws {
        try await expectServedLikeIngested(
            ExportSpec(layout: .cytation, plateName: "unused", wells: [WellIndex(row: 0, column: 0), WellIndex(row: 2, column: 9)],
                       fields: 2, channels: 2, zPlanes: 2, width: 64, height: 48, channelNames: ["Phase Contrast", "GFP"]),
            folder: "Plate 1_BC123", plateTimeout: "5s")
    }

    /// CQ3000 names number their wells: images that come before their run's plan wait for it, then the
    /// mlf and mrf place them and complete the plate.
    @Test func cq3000ImagesWaitForThePlanThatPlacesThem() async throws {
        try await expectServedLikeIngested(
            ExportSpec(layout: .cq3000, plateName: "Screen", wells: [WellIndex(row: 2, column: 4), WellIndex(row: 5, column: 8)],
                       fields: 2, channels: 2, zPlanes: 2, width: 64, height: 48, runs: 2, runFolders: .exported),
            folder: "CQ", plansLast: true)
    }

    /// HCS.ai runs complete by their manifests; sidecars, protocol and autofocus logs are ignored.
    @Test func hcsAIMatchesIngest() async throws {
        try await expectServedLikeIngested(
            ExportSpec(layout: .imageXpressHCSAI, plateName: "HCSServed", wells: [WellIndex(row: 0, column: 0), WellIndex(row: 1, column: 1)],
                       fields: 2, channels: 2, zPlanes: 2, width: 64, height: 48, runs: 2, runFolders: .exported,
                       instrumentFiles: true),
            folder: "HCSServed")
    }

    /// Two HCS.ai runs that each lack a plane their manifest lists: the run whose `.jdce` says
    /// `CollectionComplete` is written as it is and finalized; the other keeps waiting (the plate timeout is
    /// far beyond the test).
    @Test func hcsAICollectionCompleteEndsThePlate() async throws {
        let workspace = try DaemonWorkspace()
        let spec = ExportSpec(layout: .imageXpressHCSAI, plateName: "Ended", wells: [WellIndex(row: 0, column: 0), WellIndex(row: 1, column: 1)],
                              fields: 1, channels: 2, width: 64, height: 48, runs: 2, runFolders: .exported)
        let export = try SampleExportGenerator.generate(spec, into: workspace.sources + "/Ended")
        let (finished, stillRunning) = (export.runFolders[0], export.runFolders[1])
        let descriptorFile = try #require(export.planFiles.first { $0.hasPrefix(stillRunning) && $0.hasSuffix(".jdce") })
        let descriptor = export.root + "/" + descriptorFile
        let text = try String(contentsOfFile: descriptor, encoding: .utf8)
        try #require(text.contains("\"CollectionComplete\": true"))
        try text.replacingOccurrences(of: "\"CollectionComplete\": true", with: "\"CollectionComplete\": false")
            .write(toFile: descriptor, atomically: true, encoding: .utf8)
        // Well B2 of each run misses its last plane.
        let missing = Set((0..<2).compactMap { run in export.images(ofRun: run).last { $0.row == 1 }?.relativePath })
        try #require(missing.count == 2)

        let daemon = try workspace.startDaemon()
        try await workspace.awaitWatching(daemon)
        // The run left open arrives first, so it has been quiet at least as long as the finished one.
        let ordered = export.planFiles.sorted { $0.hasPrefix(stillRunning) && !$1.hasPrefix(stillRunning) }
            + export.images.map(\.relativePath).filter { !missing.contains($0) }.sorted { $0.hasPrefix(stillRunning) && !$1.hasPrefix(stillRunning) }
        for file in ordered {
            try deliver(file, from: export.root, into: workspace.watched + "/Ended")
        }
        try await workspace.awaitFinalized(plates: [finished], daemon: daemon)
        let wells = try #require(try await workspace.wells(plate: finished))
        #expect(wells["A1"]?.state == "written" && wells["A1"]?.reason == nil, "\(wells)")
        #expect(wells["B2"]?.state == "written" && wells["B2"]?.reason?.contains("acquisition complete") == true, "\(wells)")
        let plates = try await workspace.command(["plates", "--json"])
        let open = try plates.json().arrayValue?.first { $0["name"]?.stringValue == stillRunning }
        #expect(open?["state"]?.stringValue == "receiving", "\(plates.transcript)")
        #expect(try await workspace.wells(plate: stillRunning)?["B2"]?.state == "receiving")
        try await workspace.stop(daemon)
    }
}

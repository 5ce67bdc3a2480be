import Foundation
import SampleExports
import Testing
import TIFF

/// Bad files among good ones, delivered to the running daemon: each must be catalogued with a reason that
/// names what is wrong, while the rest of the plate (and another plate) is written.
@Suite("bad input corpus under the daemon")
struct BadInputTests {
    /// One planted file and words of which its reason must contain at least one.
    struct Planted: Sendable, CustomStringConvertible {
        let path: String
        let reasonWords: [String]
        var description: String { path }
    }

    /// Plate "Corpus": the HTD plans row A (12 wells) × 1 field × 2 channels of 64×48 uint16; channel 1 of each
    /// of the first wells is replaced by a damaged or unusable file.
    static let corpus = ExportSpec(layout: .imageXpress, plateName: "Corpus",
                                   wells: (0..<12).map { WellIndex(row: 0, column: $0) }, fields: 1, channels: 2,
                                   width: 64, height: 48, seed: 12)

    static func plane(_ well: String) -> String { "Corpus_\(well)_s1_w1.TIF" }

    static let planted: [Planted] = [
        Planted(path: plane("A01"), reasonWords: ["truncated"]),
        Planted(path: plane("A02"), reasonWords: ["empty", "0 bytes"]),
        Planted(path: plane("A03"), reasonWords: ["not a TIFF"]),
        Planted(path: plane("A04"), reasonWords: ["100×90", "100x90"]),
        Planted(path: plane("A05"), reasonWords: ["uint8"]),
        Planted(path: plane("A06"), reasonWords: ["RGB", "samples per pixel", "SamplesPerPixel", "3 samples"]),
        Planted(path: plane("A07"), reasonWords: ["palette", "Palette"]),
        Planted(path: plane("A08"), reasonWords: ["1-bit", "1 bit", "bits per sample", "BitsPerSample"]),
        Planted(path: plane("A09"), reasonWords: ["JPEG", "jpeg"]),
        // Same plane as Corpus_A10_s1_w1.TIF, which stays good.
        Planted(path: "Corpus_A10_s1_w1.tif", reasonWords: ["duplicate", "same plane"]),
        // The plan says 96 wells (8×12); P24 exists only on a 384-well plate.
        Planted(path: "Corpus_P24_s1_w1.TIF", reasonWords: ["outside", "P24"]),
    ]

    static func plant(in root: String, export: GeneratedExport) throws {
        let at = { (name: String) in root + "/" + name }
        let good = try Data(contentsOf: URL(fileURLWithPath: export.root + "/" + plane("A01")))
        try good.prefix(good.count / 2).write(to: URL(fileURLWithPath: at(plane("A01"))))
        try Data().write(to: URL(fileURLWithPath: at(plane("A02"))))
        try Data("Corpus A03 w1: shutter stuck, re-image this well\n".utf8).write(to: URL(fileURLWithPath: at(plane("A03"))))
        try TIFFWriter.write(path: at(plane("A04")), width: 100, height: 90, sampleType: .uint16,
                             pages: [[UInt8](repeating: 9, count: 100 * 90 * 2)])
        try TIFFWriter.write(path: at(plane("A05")), width: 64, height: 48, sampleType: .uint8,
                             pages: [[UInt8](repeating: 9, count: 64 * 48)])
        try TIFFWriter.writeRaw(path: at(plane("A06")), width: 64, height: 48, samplesPerPixel: 3, bitsPerSample: 8,
                                sampleFormat: 1, photometric: 2, data: [UInt8](repeating: 90, count: 64 * 48 * 3))
        try TIFFWriter.writeRaw(path: at(plane("A07")), width: 64, height: 48, samplesPerPixel: 1, bitsPerSample: 8,
                                sampleFormat: 1, photometric: 3, data: [UInt8](repeating: 3, count: 64 * 48),
                                colormap: (0..<(3 * 256)).map { $0 < 256 ? UInt16($0) * 257 : 0 })
        try TIFFWriter.writeRaw(path: at(plane("A08")), width: 64, height: 48, samplesPerPixel: 1, bitsPerSample: 1,
                                sampleFormat: 1, photometric: 1, data: [UInt8](repeating: 0xAA, count: 8 * 48))
        try TIFFWriter.write(path: at(plane("A09")), width: 64, height: 48, sampleType: .uint8,
                             pages: [[UInt8](repeating: 77, count: 64 * 48)], options: TIFFWriteOptions(compression: .jpeg))
        try FileManager.default.copyItem(atPath: export.root + "/" + plane("A11"), toPath: at("Corpus_A10_s1_w1.tif"))
        try FileManager.default.copyItem(atPath: export.root + "/" + plane("A12"), toPath: at("Corpus_P24_s1_w1.TIF"))
    }

    @Test func everyBadFileIsRejectedWithANamedReasonAndTheRestIsWritten() async throws {
        let bench = try FaultBench(prefix: "corpus")
        bench.config.plateTimeout = "8s"
        let export = try await generateExport(Self.corpus, into: try bench.work.folder("src/Corpus"))
        let daemon = try bench.startDaemon()
        try await bench.waitUntilServing(daemon)
        let staging = try bench.work.folder("staging/Corpus")
        let damagedNames = Set(Self.planted.map(\.path))
        try Delivery.copy(Delivery.paths(of: export, plans: true).filter { !damagedNames.contains($0) }, from: export.root, to: staging)
        try Self.plant(in: staging, export: export)
        // Moved in whole (one rename of the folder), as a finished export lands.
        try FileManager.default.moveItem(atPath: staging, toPath: bench.faultyRoot + "/Corpus")
        try bench.deliverHealthyPlate()
        let sourceBefore = await snapshot(bench.faultyRoot)

        #expect(try await bench.waitForPlate("Corpus", seconds: 90), "Corpus not finalized:\n\(daemon.log)")
        let files = try await bench.files()
        for file in Self.planted {
            let row = files.first { $0["path"]?.stringValue == "Corpus/" + file.path }
            let state = row?["state"]?.stringValue ?? "not catalogued", reason = row?["reason"]?.stringValue ?? ""
            #expect(state == "rejected" && file.reasonWords.contains { reason.contains($0) },
                    "\(file.path): \(state), reason \"\(reason)\"; expected one of \(file.reasonWords)")
        }
        let goodRows = files.filter { row in
            let path = row["path"]?.stringValue ?? ""
            return path.hasPrefix("Corpus/") && path.hasSuffix(".TIF") && !damagedNames.contains(String(path.dropFirst(7)))
        }
        #expect(goodRows.count == 24 - 9, "good files catalogued: \(goodRows.count)")
        #expect(goodRows.allSatisfy { $0["state"]?.stringValue == "ingested" },
                "good files not ingested: \(goodRows.filter { $0["state"]?.stringValue != "ingested" })")
        let store = PlateStore(root: bench.output + "/Corpus.ome.zarr")
        #expect(try await bench.binary.run(["validate", store.root]).exitCode == 0)
        #expect(Set(store.listedWells).isSuperset(of: ["A/10", "A/11", "A/12"]), "listed: \(store.listedWells)")
        #expect(!store.listedWells.contains("P/24"))
        try await bench.expectContainedThenStop(daemon, sourceBefore: sourceBefore)
    }

    // MARK: Plans

    /// A plan file the layout cannot read: recorded against the file with the parser's reason, and the images
    /// are still written (completeness then comes from the plate's own shape and the plate timeout).
    struct BrokenPlan: Sendable, CustomStringConvertible {
        let layout: ExportLayout
        let plate: String
        /// Plan file path relative to the export, and how to break its text.
        let planFile: String
        let breakText: @Sendable (String) -> String
        let reasonWords: [String]
        var description: String { "\(layout) \(planFile)" }
    }

    static let brokenPlans: [BrokenPlan] = [
        BrokenPlan(layout: .imageXpress, plate: "NoEnd", planFile: "NoEnd.HTD",
                   breakText: { $0.replacingOccurrences(of: "\"EndFile\"\n", with: "") }, reasonWords: ["EndFile"]),
        BrokenPlan(layout: .yokogawa, plate: "CutShort", planFile: "MeasurementData.mlf",
                   breakText: { String($0.prefix($0.count * 2 / 3)) }, reasonWords: ["MeasurementData.mlf"]),
        BrokenPlan(layout: .harmony, plate: "BadRows", planFile: "Images/Index.idx.xml",
                   breakText: { $0.replacingOccurrences(of: "<Row>1</Row>", with: "<Row>one</Row>") },
                   reasonWords: ["Row", "one"]),
    ]

    @Test(arguments: brokenPlans)
    func unreadablePlanIsRecordedWithItsReasonAndTheImagesAreStillWritten(_ broken: BrokenPlan) async throws {
        let bench = try FaultBench(prefix: "plan")
        bench.config.plateTimeout = "6s"
        let spec = ExportSpec(layout: broken.layout, plateName: broken.plate, wells: [WellIndex(row: 0, column: 0), WellIndex(row: 0, column: 1)],
                              fields: 1, channels: 1, width: 64, height: 48, seed: 3)
        let exportRoot = try bench.work.folder("src/" + broken.plate)
        let export = try await generateExport(spec, into: exportRoot)
        try #require(export.planFiles.contains(broken.planFile), "plan files: \(export.planFiles)")
        let planPath = exportRoot + "/" + broken.planFile
        let text = try String(contentsOfFile: planPath, encoding: .utf8)
        let damaged = broken.breakText(text)
        try #require(damaged != text, "\(broken): the damage changed nothing")
        try Data(damaged.utf8).write(to: URL(fileURLWithPath: planPath))
        let daemon = try bench.startDaemon()
        try await bench.waitUntilServing(daemon)
        try FileManager.default.moveItem(atPath: exportRoot, toPath: bench.faultyRoot + "/" + broken.plate)
        try bench.deliverHealthyPlate()
        let sourceBefore = await snapshot(bench.faultyRoot)

        #expect(try await bench.waitForPlate(broken.plate, seconds: 60), "\(broken): plate not finalized:\n\(daemon.log)")
        let row = try await bench.file(broken.plate + "/" + broken.planFile)
        let reason = row?["reason"]?.stringValue ?? ""
        let problems = try await bench.recentProblems()
        let recorded = broken.reasonWords.contains { reason.contains($0) }
            || problems.contains { line in line.contains(broken.planFile) && broken.reasonWords.contains { line.contains($0) } }
        #expect(recorded, "\(broken): the unreadable plan is not recorded: file row \(String(describing: row)); problems \(problems)")
        #expect(Set(PlateStore(root: bench.output + "/" + broken.plate + ".ome.zarr").listedWells) == ["A/1", "A/2"])
        try await bench.expectContainedThenStop(daemon, sourceBefore: sourceBefore)
    }

    /// Two HTDs for one plate that disagree on the plate size: one must lose, and the catalogue must say so.
    @Test func contradictoryPlansAreRecorded() async throws {
        let bench = try FaultBench(prefix: "contradict")
        bench.config.plateTimeout = "6s"
        let spec = ExportSpec(layout: .imageXpress, plateName: "Twice", wells: [WellIndex(row: 0, column: 0)], fields: 1, channels: 1,
                              width: 64, height: 48, seed: 3)
        let exportRoot = try bench.work.folder("src/Twice")
        try await generateExport(spec, into: exportRoot)
        var large = spec
        large.rows = 16
        large.columns = 24
        let other = try bench.work.folder("src/Twice384")
        try await generateExport(large, into: other)
        try FileManager.default.copyItem(atPath: other + "/Twice.HTD", toPath: exportRoot + "/Twice-384.HTD")
        let daemon = try bench.startDaemon()
        try await bench.waitUntilServing(daemon)
        try FileManager.default.moveItem(atPath: exportRoot, toPath: bench.faultyRoot + "/Twice")
        try bench.deliverHealthyPlate()
        #expect(try await bench.waitForPlate("Twice", seconds: 60), "\(daemon.log)")
        let problems = try await bench.recentProblems()
        let rows = try await bench.files().filter { ($0["path"]?.stringValue ?? "").hasSuffix(".HTD") }
        let recorded = problems.contains { $0.contains("HTD") } || rows.contains { $0["reason"]?.stringValue != nil }
        #expect(recorded, "two plans (96 and 384 wells) for one plate, nothing recorded: plans \(rows); problems \(problems)")
        try await bench.expectHealthyPlateWritten()
        bench.expectDaemonRunning(daemon)
        await bench.stopAll()
    }

    /// The plan lists a well whose images never come: the plate completes by the plate timeout with what is
    /// there, and the catalogue says what is missing.
    @Test func plannedImagesThatNeverComeCompleteThePlateByTimeoutWithTheGapRecorded() async throws {
        let bench = try FaultBench(prefix: "never")
        bench.config.plateTimeout = "6s"
        let spec = ExportSpec(layout: .imageXpress, plateName: "Gap", wells: [WellIndex(row: 0, column: 0), WellIndex(row: 3, column: 6)],
                              fields: 1, channels: 2, width: 64, height: 48, seed: 3)
        let export = try await generateExport(spec, into: try bench.work.folder("src/Gap"))
        let daemon = try bench.startDaemon()
        try await bench.waitUntilServing(daemon)
        // D7 never comes; A1 lacks channel 2.
        try Delivery.copy(Delivery.paths(of: export, wells: ["A1"], plans: true).filter { !$0.hasSuffix("_w2.TIF") },
                          from: export.root, to: bench.faultyRoot)
        try bench.deliverHealthyPlate()
        let sourceBefore = await snapshot(bench.faultyRoot)

        #expect(try await bench.waitForPlate("Gap", seconds: 60), "Gap not finalized by the timeout:\n\(daemon.log)")
        let a1 = try await bench.wells(plate: "Gap").first { FaultBench.label(of: $0) == "A1" }
        #expect(a1?["state"]?.stringValue == "written")
        #expect((a1?["reason"]?.stringValue ?? "").contains("incomplete"), "A1 lacks a channel: \(String(describing: a1))")
        let events = try InotifyTests.events(bench.catalog, kind: "plate-complete")
        #expect(events.contains { $0.contains("no new file") }, "completion reason: \(events)")
        // The well the plan promised and that never came must be named somewhere a person looks.
        let wells = try await bench.wells(plate: "Gap")
        let problems = try await bench.recentProblems()
        let plateEvents = try InotifyTests.events(bench.catalog, kind: "plate-complete")
            + InotifyTests.events(bench.catalog, kind: "plate-finalized")
        let named = wells.contains { FaultBench.label(of: $0) == "D7" } || problems.contains { $0.contains("D7") }
            || plateEvents.contains { $0.contains("D7") }
        #expect(named, "D7 (planned, never delivered) is not mentioned: wells \(wells.map(FaultBench.label(of:))); problems \(problems)")
        // The done marker a pipeline waits on says the plate is incomplete, and what it lacks.
        let marker = try FaultBench.doneMarker(ofStore: bench.output + "/Gap.ome.zarr")
        let labels = { (key: String) in marker?[key]?.arrayValue?.compactMap(\.stringValue) }
        #expect(marker?["complete"]?.boolValue == false && labels("wells") == ["A1"] && labels("missingWells") == ["D7"]
                && labels("incompleteWells") == ["A1"], "done marker: \(String(describing: marker))")
        try await bench.expectContainedThenStop(daemon, sourceBefore: sourceBefore)
    }
}

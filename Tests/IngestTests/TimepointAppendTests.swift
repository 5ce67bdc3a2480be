import Foundation
@testable import Ingest
import Layouts
import NGFF
import PlateDropTestSupport
import SampleExports
import Testing
import Zarr

@Suite("IncrementalIngest: a time-lapse well grows along t, one timepoint at a time")
struct TimepointAppendTests {
    /// Two wells, one field, two channels of 40 × 24 uint16, three timepoints: two pyramid levels.
    static func spec(plan: Bool) -> ExportSpec {
        ExportSpec(layout: .imageXpress, plateName: "Lapse", wells: [WellIndex(row: 0, column: 0), WellIndex(row: 1, column: 2)],
                   fields: 1, channels: 2, timepoints: 3, width: 40, height: 24, writePlan: plan)
    }

    enum Storage: String, CaseIterable, CustomStringConvertible {
        case sharded05, unsharded05, v04

        var options: IngestOptions {
            switch self {
            case .sharded05: IngestOptions(pyramidSmallestSide: 16, workers: 2)
            case .unsharded05: IngestOptions(chunkSize: 16, sharding: .none, pyramidSmallestSide: 16, workers: 2)
            case .v04: IngestOptions(ngffVersion: .v04, chunkSize: 16, pyramidSmallestSide: 16, workers: 2)
            }
        }

        var description: String { rawValue }
    }

    /// Timepoints handed to the writer one by one, as the daemon does once each is complete: each lands in
    /// place (after the first, or without a plan after the second, which gives the wells their t axis),
    /// leaves every chunk or shard file already there as it was, keeps the plate valid and grows level 0
    /// along t by one; the plate in the end holds the same pixels in the same files as one batch ingest.
    @Test(arguments: Storage.allCases, [true, false])
    func eachTimepointIsAppendedInPlaceAndThePlateEndsAsABatchIngest(storage: Storage, plan: Bool) throws {
        let directory = try TemporaryDirectory()
        let export = try SampleExportGenerator.generate(Self.spec(plan: plan), into: directory.file("export"))
        let sources = try #require(try ExportSurvey.survey(exportRoot: export.root, layout: ImageXpressLayout()).plates.first)
        #expect((sources.plan != nil) == plan)
        let plateRoot = directory.file("daemon/Lapse.ome.zarr")
        let wells = [WellPosition(row: 0, column: 0), WellPosition(row: 1, column: 2)]
        var listed: [WellPosition] = []
        for t in 0..<3 {
            var delivered = sources
            delivered.images = sources.images.filter { $0.key.t <= t }
            let before = listed.isEmpty ? nil : try DataFileSnapshot(of: plateRoot)
            let outcome = try IncrementalIngest.write(
                wells: wells.map { WellRequest(well: $0, timepoints: [t], onDisk: Set(0..<t)) }, of: delivered,
                plateRoot: plateRoot, listed: listed, options: storage.options)
            #expect(outcome.result.wellsWritten == wells && outcome.result.wellsFailed.isEmpty, "t \(t): \(outcome.result)")
            // Without a plan the second timepoint gives the plate its t axis: each well is moved once.
            let whole = t == 0 || (!plan && t == 1)
            for well in wells {
                #expect(outcome.timepoints[well] == WrittenTimepoints(timepoints: Set(whole ? 0...t : t...t), wholeWell: whole),
                        "t \(t) well \(well.label)")
            }
            if let before, !whole {
                #expect(before.changed(in: try DataFileSnapshot(of: plateRoot)) == [], "t \(t) touched earlier files")
            }
            let report = HCSValidator().validate(plateAt: plateRoot)
            #expect(report.isValid, "t \(t): \(report.issues)")
            let shape = try ZarrArrayReader.open(store: FileStore(root: plateRoot), path: "B/3/0/0").metadata.shape
            #expect(shape == (plan || t > 0 ? [t + 1] : []) + [2, 1, 24, 40], "t \(t)")
            listed = wells
        }
        let report = try BatchIngest.run(exportRoot: export.root, outputRoot: directory.file("batch"), layout: ImageXpressLayout(),
                                         options: storage.options)
        #expect(report.isClean)
        let batch = try DataFileSnapshot(of: directory.file("batch/Lapse.ome.zarr"))
        let grown = try DataFileSnapshot(of: plateRoot)
        #expect(grown.entries.keys.sorted() == batch.entries.keys.sorted())
        // Compared outside #expect: a failed comparison of large byte arrays would have it diff them.
        let differing = batch.entries.filter { grown.entries[$0.key]?.contents != $0.value.contents }.keys.sorted()
        #expect(differing.isEmpty, "files that differ from batch ingest: \(differing)")
        for level in 0..<2 {
            let path = "A/1/0/\(level)"
            let grownArray = try ZarrArrayReader.open(store: FileStore(root: plateRoot), path: path)
            let batchArray = try ZarrArrayReader.open(store: FileStore(root: directory.file("batch/Lapse.ome.zarr")), path: path)
            #expect(grownArray.metadata == batchArray.metadata, "\(path)")
        }
    }

    /// A changed timepoint of a well on disk is written again in place: its files are replaced, those of the
    /// other timepoints stay exactly as they were.
    @Test func aRetakenTimepointReplacesOnlyItsOwnFiles() throws {
        let directory = try TemporaryDirectory()
        let export = try SampleExportGenerator.generate(Self.spec(plan: true), into: directory.file("export"))
        let sources = try #require(try ExportSurvey.survey(exportRoot: export.root, layout: ImageXpressLayout()).plates.first)
        let plateRoot = directory.file("daemon/Lapse.ome.zarr")
        let well = WellPosition(row: 0, column: 0)
        let options = Storage.sharded05.options
        _ = try IncrementalIngest.write(wells: [WellRequest(well: well, timepoints: [0, 1, 2], onDisk: [])], of: sources,
                                        plateRoot: plateRoot, listed: [], options: options)
        let before = try DataFileSnapshot(of: plateRoot)
        let outcome = try IncrementalIngest.write(wells: [WellRequest(well: well, timepoints: [1], onDisk: [0, 1, 2])],
                                                  of: sources, plateRoot: plateRoot, listed: [well], options: options)
        #expect(outcome.timepoints[well] == WrittenTimepoints(timepoints: [1], wholeWell: false))
        let changed = before.changed(in: try DataFileSnapshot(of: plateRoot))
        #expect(!changed.isEmpty && changed.allSatisfy { $0.contains("/c/1/") }, "\(changed)")
        let shape = try ZarrArrayReader.open(store: FileStore(root: plateRoot), path: "A/1/0/0").metadata.shape
        #expect(shape == [3, 2, 1, 24, 40])
    }

    /// What a kill during an append leaves in the well (temp files beside the level metadata and among the
    /// timepoint's shards) is swept when the same timepoint is written again.
    @Test(arguments: [Storage.sharded05, .v04])
    func anInterruptedAppendsTemporaryFilesAreSweptWhenItIsTakenUp(storage: Storage) throws {
        let directory = try TemporaryDirectory()
        let export = try SampleExportGenerator.generate(Self.spec(plan: true), into: directory.file("export"))
        let sources = try #require(try ExportSurvey.survey(exportRoot: export.root, layout: ImageXpressLayout()).plates.first)
        let plateRoot = directory.file("daemon/Lapse.ome.zarr")
        let well = WellPosition(row: 0, column: 0)
        _ = try IncrementalIngest.write(wells: [WellRequest(well: well, timepoints: [0], onDisk: [])], of: sources,
                                        plateRoot: plateRoot, listed: [], options: storage.options)
        let level = plateRoot + "/A/1/0/0"
        let timepointFolder = level + (storage == .v04 ? "/1/0/0" : "/c/1/0/0")
        try FileManager.default.createDirectory(atPath: timepointFolder, withIntermediateDirectories: true)
        let leftovers = [level + "/.zarr.json.tmp-1-a", timepointFolder + "/.0.tmp-1-b"]
        for path in leftovers { #expect(FileManager.default.createFile(atPath: path, contents: Data([1]))) }
        let outcome = try IncrementalIngest.write(wells: [WellRequest(well: well, timepoints: [1], onDisk: [0])], of: sources,
                                                  plateRoot: plateRoot, listed: [well], options: storage.options)
        #expect(outcome.timepoints[well]?.wholeWell == false)
        for path in leftovers { #expect(!FileManager.default.fileExists(atPath: path), "\(path) was left") }
    }
}

import FileLocks
import Foundation
@testable import Ingest
import Layouts
import NGFF
import PlateDropTestSupport
import SampleExports
import Testing
import TIFF
import Zarr

@Suite("BatchIngest: small generated exports written as OME-Zarr plates")
struct BatchIngestTests {
    /// Three wells × two fields × two channels of 40 × 24 uint16: twelve planes, three pyramid levels.
    static let spec = ExportSpec(
        layout: .imageXpress, plateName: "Batch",
        wells: [WellIndex(row: 0, column: 0), WellIndex(row: 0, column: 1), WellIndex(row: 1, column: 0)],
        fields: 2, channels: 2, width: 40, height: 24)
    static let options = IngestOptions(pyramidSmallestSide: 16, workers: 2)

    static func ingest(_ exportRoot: String, into outputRoot: String, options: IngestOptions = options,
                       progress: ProgressLog? = nil) throws -> IngestReport {
        try BatchIngest.run(exportRoot: exportRoot, outputRoot: outputRoot, layout: ImageXpressLayout(), options: options,
                            progress: { progress?.record($0) })
    }

    /// Bytes of the chunk and shard files under `root`: every file but the metadata documents.
    static func dataFileBytes(under root: String) -> Int {
        let metadata: Set<String> = ["zarr.json", ".zattrs", ".zgroup", ".zarray", ".zmetadata"]
        guard let files = FileManager.default.enumerator(atPath: root) else { return 0 }
        var total = 0
        while let relative = files.nextObject() as? String {
            guard files.fileAttributes?[.type] as? FileAttributeType == .typeRegular,
                  !metadata.contains((relative as NSString).lastPathComponent) else { continue }
            total += files.fileAttributes?[.size] as? Int ?? 0
        }
        return total
    }

    /// Level `level` of one field plane, read back from the store as values.
    static func storedPlane(plateRoot: String, well: String, field: Int, level: Int, channel: Int) throws -> [Double] {
        let array = try ZarrArrayReader.open(store: FileStore(root: plateRoot), path: "\(well)/\(field)/\(level)")
        let shape = array.metadata.shape
        let bytes = try array.readRegion(origin: [channel, 0, 0, 0], shape: [1, 1, shape[2], shape[3]])
        return SampleValues.values(bytes, as: .uint16)
    }

    /// The plane the generator wrote for 0-based `row`, `column`, `field` and `channel`, as values.
    static func sourcePlane(row: Int, column: Int, field: Int, channel: Int) -> [Double] {
        SampleValues.values(SampleExportGenerator.plane(spec: spec, row: row, column: column, field: field, channel: channel,
                                                        z: 0, t: 0), as: .uint16)
    }

    /// The `ome` attributes of the Zarr v3 group at `path` ("" for the plate).
    static func ome(_ plateRoot: String, _ path: String) throws -> JSONValue {
        let bytes = try #require(try FileStore(root: plateRoot).read(path.isEmpty ? "zarr.json" : path + "/zarr.json"))
        return try #require(try JSONValue(parsing: bytes)["attributes"]?["ome"])
    }

    @Test("a clean export: every plane and well written, counted and readable back exactly")
    func cleanExport() throws {
        let directory = try TemporaryDirectory()
        let export = try SampleExportGenerator.generate(Self.spec, into: directory.file("export"))
        let report = try Self.ingest(export.root, into: directory.file("out"))

        #expect(report.isClean)
        #expect(report.rejected.isEmpty && report.ignored.isEmpty)
        let plate = try #require(report.plates.first)
        #expect(report.plates.count == 1)
        #expect(plate.name == "Batch")
        #expect(plate.path == directory.file("out") + "/Batch.ome.zarr")
        #expect(plate.wellsWritten.map(\.label) == ["A1", "A2", "B1"])
        #expect(plate.wellsFailed.isEmpty)
        #expect(plate.planesWritten == 12)
        #expect(plate.missingPlanes == 0)
        #expect(plate.bytesRead == 12 * 40 * 24 * 2)
        #expect(plate.bytesWritten == Self.dataFileBytes(under: plate.path))
        #expect(plate.bytesWritten > 0)
        #expect(HCSValidator().validate(plateAt: plate.path).isValid)

        let source = Self.sourcePlane(row: 1, column: 0, field: 1, channel: 1)
        let levels = try (0..<3).map { try Self.storedPlane(plateRoot: plate.path, well: "B/1", field: 1, level: $0, channel: 1) }
        let half = ReferenceHalving.halve(source, height: 24, width: 40, integers: true)
        #expect(levels[0] == source)
        #expect(levels[1] == half)
        #expect(levels[2] == ReferenceHalving.halve(half, height: 12, width: 20, integers: true))
    }

    @Test("progress reports every shard with the planes it held, and each finished well once")
    func progress() throws {
        let directory = try TemporaryDirectory()
        let export = try SampleExportGenerator.generate(Self.spec, into: directory.file("export"))
        let log = ProgressLog()
        _ = try Self.ingest(export.root, into: directory.file("out"), progress: log)
        let snapshots = log.snapshots
        let shardReports = snapshots.filter { $0.finishedWell == nil }
        // 3 wells × 2 fields, each shard holding both channels of its field.
        #expect(shardReports.count == 6)
        #expect(shardReports.map(\.planesDone).sorted() == Array(stride(from: 2, through: 12, by: 2)))
        #expect(snapshots.allSatisfy { $0.planesTotal == 12 && $0.wellsTotal == 3 && $0.plate == "Batch" })
        #expect(snapshots.compactMap(\.finishedWell).sorted() == ["A/1", "A/2", "B/1"])
    }

    @Test("a time series gets a leading t axis and still validates")
    func timeSeries() throws {
        let directory = try TemporaryDirectory()
        var spec = Self.spec
        spec.wells = [WellIndex(row: 0, column: 0)]
        spec.timepoints = 3
        let export = try SampleExportGenerator.generate(spec, into: directory.file("export"))
        let report = try Self.ingest(export.root, into: directory.file("out"))
        let plate = try #require(report.plates.first)
        #expect(plate.planesWritten == 3 * 2 * 2)
        #expect(plate.missingPlanes == 0)
        let array = try ZarrArrayReader.open(store: FileStore(root: plate.path), path: "A/1/0/0")
        #expect(array.metadata.shape == [3, 2, 1, 24, 40])
        #expect(array.metadata.dimensionNames == ["t", "c", "z", "y", "x"])
        #expect(HCSValidator().validate(plateAt: plate.path).isValid)
    }

    @Test("each plate of an export becomes its own store, in name order")
    func twoPlates() throws {
        let directory = try TemporaryDirectory()
        for name in ["PlateB", "PlateA"] {
            var spec = Self.spec
            spec.plateName = name
            spec.wells = [WellIndex(row: 0, column: 0)]
            _ = try SampleExportGenerator.generate(spec, into: directory.file("export/\(name)"))
        }
        let report = try Self.ingest(directory.file("export"), into: directory.file("out"))
        #expect(report.plates.map(\.name) == ["PlateA", "PlateB"])
        #expect(report.plates.map(\.planesWritten) == [4, 4])
        for plate in report.plates {
            #expect(HCSValidator().validate(plateAt: plate.path).isValid)
        }
    }

    @Test("a plane file deleted before the ingest is counted missing and reads as the fill value")
    func deletedPlane() throws {
        let directory = try TemporaryDirectory()
        let export = try SampleExportGenerator.generate(Self.spec, into: directory.file("export"))
        try FileManager.default.removeItem(atPath: export.root + "/Batch_A02_s2_w1.TIF")
        let report = try Self.ingest(export.root, into: directory.file("out"))

        let plate = try #require(report.plates.first)
        #expect(plate.planesWritten == 11)
        #expect(plate.missingPlanes == 1)
        #expect(plate.wellsWritten.map(\.label) == ["A1", "A2", "B1"])
        let missing = try Self.storedPlane(plateRoot: plate.path, well: "A/2", field: 1, level: 0, channel: 0)
        #expect(missing == Array(repeating: 0, count: 24 * 40))
        let present = try Self.storedPlane(plateRoot: plate.path, well: "A/2", field: 1, level: 0, channel: 1)
        #expect(present == Self.sourcePlane(row: 0, column: 1, field: 1, channel: 1))
    }

    @Test("a plane whose pixels are cut off is rejected with the reader's reason and counted missing")
    func truncatedPlane() throws {
        let directory = try TemporaryDirectory()
        let export = try SampleExportGenerator.generate(Self.spec, into: directory.file("export"))
        let path = export.root + "/Batch_A01_s1_w2.TIF"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count - 100).write(to: URL(fileURLWithPath: path))
        let report = try Self.ingest(export.root, into: directory.file("out"))

        #expect(!report.isClean)
        #expect(report.rejected.map(\.path) == ["Batch_A01_s1_w2.TIF"])
        #expect(report.rejected.first?.reason.contains("truncated") == true)
        let plate = try #require(report.plates.first)
        #expect(plate.planesWritten == 11)
        #expect(plate.missingPlanes == 1)
    }

    @Test("an existing plate store is refused unless overwrite is set, which replaces it")
    func overwrite() throws {
        let directory = try TemporaryDirectory()
        let export = try SampleExportGenerator.generate(Self.spec, into: directory.file("export"))
        let out = directory.file("out")
        let plateRoot = out + "/Batch.ome.zarr"
        _ = try Self.ingest(export.root, into: out)
        let leftover = plateRoot + "/leftover.txt"
        try Data("old".utf8).write(to: URL(fileURLWithPath: leftover))

        #expect(throws: IngestError.outputExists(path: plateRoot)) {
            try Self.ingest(export.root, into: out)
        }
        #expect(FileManager.default.fileExists(atPath: leftover))

        var replacing = Self.options
        replacing.overwrite = true
        let report = try Self.ingest(export.root, into: out, options: replacing)
        #expect(report.plates.first?.planesWritten == 12)
        #expect(!FileManager.default.fileExists(atPath: leftover))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["Batch.ome.zarr"])
    }

    @Test("a plate store another process is writing is refused, naming that process, and left untouched")
    func aPlateAnotherProcessWritesIsRefused() throws {
        let directory = try TemporaryDirectory()
        let export = try SampleExportGenerator.generate(Self.spec, into: directory.file("export"))
        let out = directory.file("out")
        let plateRoot = out + "/Batch.ome.zarr"
        _ = try Self.ingest(export.root, into: out)
        let before = try FolderSnapshot(of: plateRoot)
        var replacing = Self.options
        replacing.overwrite = true
        do {
            // Another open of the lock file, as another process's would be.
            let writer = try ExclusiveFileLock(path: out + "/.Batch.ome.zarr.lock", removesFileOnRelease: true)
            #expect(throws: IngestError.plateBusy(path: plateRoot, holder: "pid \(getpid())")) {
                try Self.ingest(export.root, into: out, options: replacing)
            }
            #expect(throws: IngestError.plateBusy(path: plateRoot, holder: "pid \(getpid())")) {
                try IncrementalIngest.write(wells: [WellRequest(well: WellPosition(row: 0, column: 0), timepoints: [0], onDisk: [])],
                                            of: ExportSurvey.survey(exportRoot: export.root, layout: ImageXpressLayout()).plates[0],
                                            plateRoot: plateRoot, listed: [], options: replacing)
            }
            withExtendedLifetime(writer) {}
        }
        #expect(try FolderSnapshot(of: plateRoot) == before, "the refused runs changed the store")
        let report = try Self.ingest(export.root, into: out, options: replacing)
        #expect(report.plates.first?.planesWritten == 12)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["Batch.ome.zarr"], "the lock file is left behind")
    }

    @Test("a replaced store that a stopped run left aside is removed by the next run of that plate only")
    func replacedStoreLeftAsideIsRemoved() throws {
        let directory = try TemporaryDirectory()
        let export = try SampleExportGenerator.generate(Self.spec, into: directory.file("export"))
        let out = directory.file("out")
        let aside = out + "/.Batch.ome.zarr.replaced-stopped/A/1"
        let otherPlate = out + "/.Other.ome.zarr.replaced-stopped"
        for folder in [aside, otherPlate] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        try Data("old".utf8).write(to: URL(fileURLWithPath: aside + "/zarr.json"))

        let report = try Self.ingest(export.root, into: out)

        #expect(report.plates.first?.planesWritten == 12)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted()
                == [".Other.ome.zarr.replaced-stopped", "Batch.ome.zarr"])
    }

    @Test("a missing export folder is exportNotFound and writes nothing")
    func exportNotFound() throws {
        let directory = try TemporaryDirectory()
        let missing = directory.file("missing")
        #expect(throws: IngestError.exportNotFound(path: missing)) {
            try Self.ingest(missing, into: directory.file("out"))
        }
        #expect(!FileManager.default.fileExists(atPath: directory.file("out")))
    }

    @Test("one worker and three workers write byte-identical stores", arguments: NGFFVersion.allCases)
    func workerCountDoesNotMatter(version: NGFFVersion) throws {
        let directory = try TemporaryDirectory()
        var spec = Self.spec
        spec.wells.append(WellIndex(row: 2, column: 3))
        spec.zPlanes = 2
        let export = try SampleExportGenerator.generate(spec, into: directory.file("export"))
        var stores: [[String: Data]] = []
        for workers in [1, 3] {
            var options = Self.options
            options.ngffVersion = version
            options.workers = workers
            let report = try Self.ingest(export.root, into: directory.file("out-\(workers)"), options: options)
            #expect(report.plates.first?.planesWritten == 32)
            #expect(HCSValidator().validate(plateAt: directory.file("out-\(workers)/Batch.ome.zarr")).isValid)
            stores.append(try StoreSnapshot.files(under: directory.file("out-\(workers)/Batch.ome.zarr")))
        }
        #expect(stores[0].count > 4 * 2 * 3)
        #expect(stores[0].keys.sorted() == stores[1].keys.sorted())
        for (path, bytes) in stores[0] {
            #expect(stores[1][path] == bytes, "\(path) differs")
        }
    }

    @Test("the plate lists its wells row-major and every row and column of the format")
    func plateMetadata() throws {
        let directory = try TemporaryDirectory()
        var spec = Self.spec
        spec.wells = [WellIndex(row: 2, column: 0), WellIndex(row: 0, column: 2), WellIndex(row: 1, column: 1),
                      WellIndex(row: 0, column: 0)]
        spec.fields = 1
        let export = try SampleExportGenerator.generate(spec, into: directory.file("export"))
        let report = try Self.ingest(export.root, into: directory.file("out"))
        let plateRoot = try #require(report.plates.first?.path)

        let plate = try #require(try Self.ome(plateRoot, "")["plate"])
        let wells = try #require(plate["wells"]?.arrayValue)
        #expect(wells.compactMap { $0["path"]?.stringValue } == ["A/1", "A/3", "B/2", "C/1"])
        #expect(wells.compactMap { $0["rowIndex"]?.intValue } == [0, 0, 1, 2])
        #expect(wells.compactMap { $0["columnIndex"]?.intValue } == [0, 2, 1, 0])
        #expect(plate["rows"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["A", "B", "C", "D", "E", "F", "G", "H"])
        #expect(plate["columns"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == (1...12).map(String.init))
        #expect(plate["field_count"]?.intValue == 1)
        #expect(report.plates.first?.wellsWritten.map(\.label) == ["A1", "A3", "B2", "C1"])
        let well = try #require(try Self.ome(plateRoot, "B/2")["well"]?["images"]?.arrayValue)
        #expect(well.compactMap { $0["path"]?.stringValue } == ["0"])
    }
}

import ArgumentParser
import Catalog
import CatalogDocuments
import Foundation
import NGFF
import SampleExports

/// `platedrop demo`: the daemon on a watched folder, fed a generated ImageXpress export well by well over
/// about a minute, the plate map filling in, and the plate finalized and validated at the end.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Run the daemon on a demo folder fed with a generated instrument export.")

    @Option(help: "Folder for the demo (emptied first).")
    var workdir = ".build/demo"

    @Option(help: "Seconds over which the export is fed in.")
    var seconds = 50.0

    static let spec = ExportSpec(
        layout: .imageXpress, plateName: "DemoPlate", rows: 8, columns: 12,
        wells: [(1, 1), (1, 2), (2, 4), (3, 7), (4, 3), (5, 9), (6, 6), (6, 10)].map { WellIndex(row: $0.0, column: $0.1) },
        fields: 3, channels: 3, width: 512, height: 512, sampleType: .uint16, channelNames: ["DAPI", "GFP", "mCherry"])

    func run() throws {
        let root = URL(fileURLWithPath: workdir).standardizedFileURL.path
        let (source, watch, plates, catalog) = (root + "/source", root + "/watch", root + "/plates", root + "/catalog.sqlite")
        try? FileManager.default.removeItem(atPath: root)
        for folder in [watch, plates] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        print("1. generating an ImageXpress export of \(Self.spec.wells.count) wells in \(source)")
        let export = try SampleExportGenerator.generate(Self.spec, into: source)

        print("2. platedrop serve --watch \(watch) --out \(plates)   (log: \(root)/daemon.log)")
        let daemon = try ChildProcess.start(
            [ExecutablePath.current, "serve", "--watch", watch, "--out", plates, "--catalog", catalog,
             "--quiet-period", "2s", "--plate-timeout", "10m"], outputPath: root + "/daemon.log")
        defer { ChildProcess.stop(daemon) }

        print("3. the instrument writes the plate, one well every \(String(format: "%.0f", seconds / Double(Self.spec.wells.count))) s")
        for plan in export.planFiles {
            try Self.deliver(plan, from: source, to: watch)
        }
        let byWell = Dictionary(grouping: export.images) { WellIndex(row: $0.row, column: $0.column) }
        for (index, well) in Self.spec.wells.enumerated() {
            for image in byWell[well, default: []] {
                try Self.deliver(image.relativePath, from: source, to: watch)
            }
            Thread.sleep(forTimeInterval: seconds / Double(Self.spec.wells.count))
            print("\n   after well \(index + 1) of \(Self.spec.wells.count) (\(well.name)): platedrop plate DemoPlate")
            if let map = try Self.map(catalog) { print(map) }
        }

        print("\n4. waiting for the plate to be finalized")
        let finalized = try Self.waitForFinalized(catalog, timeout: 120)
        if let map = try Self.map(catalog) { print(map) }
        guard finalized else {
            Terminal.writeError("the plate was not finalized within 120 s; see \(root)/daemon.log\n")
            throw ExitCode(1)
        }
        let store = plates + "/" + Self.spec.plateName + ".ome.zarr"
        print("\n5. platedrop validate \(store)")
        let report = HCSValidator().validate(plateAt: store)
        print(report.text)
        print("done marker: \(store).done\nopen it with: napari --plugin napari-ome-zarr \(store)")
        if !report.isValid { throw ExitCode(1) }
    }

    /// Copies a file the way instruments and file movers do: a temporary name, then a rename.
    private static func deliver(_ relativePath: String, from source: String, to watch: String) throws {
        let target = URL(fileURLWithPath: watch + "/" + relativePath)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = target.deletingLastPathComponent().appendingPathComponent("." + target.lastPathComponent + ".partial")
        try FileManager.default.copyItem(atPath: source + "/" + relativePath, toPath: temporary.path)
        guard rename(temporary.path, target.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
        }
    }

    private static func map(_ catalog: String) throws -> String? {
        guard FileManager.default.fileExists(atPath: catalog) else { return nil }
        let snapshot = try CatalogReader(path: catalog).read { db in try PlateSnapshot.load(db, plate: spec.plateName) }
        return snapshot.map { PlateMapView(snapshot: $0).text(colour: PlateMapView.terminalWantsColour) }
    }

    private static func waitForFinalized(_ catalog: String, timeout: Double) throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let state = try? CatalogReader(path: catalog).read { transaction in try transaction.plate(named: spec.plateName)?.state }
            if state == .finalized { return true }
            Thread.sleep(forTimeInterval: 0.5)
        }
        return false
    }
}

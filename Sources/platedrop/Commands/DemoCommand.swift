import ArgumentParser
import Foundation
import Ingest
import Layouts
import NGFF
import SampleExports

/// `platedrop demo`: generate a small instrument export, ingest it, validate the plate, show the result.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Run PlateDrop end to end on a generated ImageXpress export.")

    @Option(help: "Folder for the demo export and plate.")
    var workdir = ".build/demo"

    func run() throws {
        let export = workdir + "/export"
        let plates = workdir + "/plates"
        let spec = ExportSpec(
            layout: .imageXpress, plateName: "DemoPlate", rows: 8, columns: 12,
            wells: [(1, 1), (1, 2), (2, 4), (4, 7), (6, 10)].map { WellIndex(row: $0.0, column: $0.1) },
            fields: 3, channels: 3, width: 640, height: 480, sampleType: .uint16,
            channelNames: ["DAPI", "GFP", "mCherry"])
        print("1. generating an ImageXpress export in \(export)")
        let generated = try SampleExportGenerator.generate(spec, into: export)
        print("   \(generated.images.count) TIFFs + \(generated.planFiles.map { URL(fileURLWithPath: $0).lastPathComponent })")

        print("2. platedrop ingest \(export) --out \(plates)")
        let layout = try LayoutCatalog.detect(exportRoot: export)
        let display = ProgressDisplay()
        let report = try BatchIngest.run(exportRoot: export, outputRoot: plates, layout: layout,
                                         options: IngestOptions(overwrite: true), progress: display.update)
        display.finish()
        print(IngestSummary(report: report, layoutName: layout.name).text)

        for plate in report.plates {
            print("3. platedrop validate \(plate.path)")
            let validation = HCSValidator().validate(plateAt: plate.path)
            print(validation.text)
            print(PlateMap(rows: spec.rows, columns: spec.columns, written: Set(plate.wellsWritten)).text)
            guard validation.isValid else { throw ExitCode(1) }
        }
        print("Open it with: napari --plugin napari-ome-zarr \(report.plates.first?.path ?? plates)")
        if !report.isClean { throw ExitCode(1) }
    }
}

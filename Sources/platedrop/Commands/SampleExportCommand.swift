import ArgumentParser
import Layouts
import SampleExports
import TIFF

/// `platedrop sample-export`: a synthetic instrument export for demos, tests and benchmarks.
struct SampleExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample-export",
        abstract: "Write a synthetic instrument export (TIFFs named like the instrument's, plus its plan files).")

    @Argument(help: "Folder to create the export in.")
    var directory: String

    @Option(help: "Instrument: \(ExportLayout.allCases.map(\.rawValue).joined(separator: ", ")).")
    var layout: String = ExportLayout.imageXpress.rawValue

    @Option(help: "Plate name.")
    var plate = "DemoPlate"

    @Option(help: "Plate format in wells: 6, 12, 24, 48, 96, 384 or 1536.")
    var format = 96

    @Option(help: "Comma-separated wells, e.g. A1,B3,P24.")
    var wells = "A1,A2"

    @Option(help: "Fields per well.")
    var fields = 2

    @Option(help: "Channels.")
    var channels = 2

    @Option(help: "Z-planes.")
    var z = 1

    @Option(help: "Timepoints.")
    var t = 1

    @Option(help: "Image size as WIDTHxHEIGHT.")
    var size = "256x256"

    @Option(help: "Pixel type: \(TIFFSampleType.allCases.map(\.rawValue).joined(separator: ", ")).")
    var dtype = TIFFSampleType.uint16.rawValue

    @Option(help: "TIFF compression: none, lzw, deflate, packbits or zstd.")
    var compression = "none"

    @Option(help: "Random seed for the synthetic content.")
    var seed: UInt64 = 42

    @Flag(name: .customLong("no-plan"), help: "Leave out the vendor plan files (HTD, mlf/mrf, Index.idx.xml).")
    var noPlan = false

    func run() throws {
        let spec = try makeSpec()
        let export = try SampleExportGenerator.generate(spec, into: directory)
        print("wrote \(export.images.count) images and \(export.planFiles.count) plan file(s) to \(export.root)")
    }

    func makeSpec() throws -> ExportSpec {
        guard let instrument = ExportLayout(rawValue: layout.lowercased()) else {
            throw ValidationError("unknown layout \(layout); use \(ExportLayout.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let plateFormat = PlateFormat.standard.first(where: { $0.wellCount == format }) else {
            throw ValidationError("unknown plate format \(format); use 6, 12, 24, 48, 96, 384 or 1536")
        }
        let wellList = try wells.split(separator: ",").map { token in
            guard let well = WellPosition(parsing: String(token)), plateFormat.contains(well) else {
                throw ValidationError("well \(token) is not a well of a \(format)-well plate")
            }
            return WellIndex(row: well.row, column: well.column)
        }
        let dimensions = size.lowercased().split(separator: "x").compactMap { Int($0) }
        guard dimensions.count == 2, dimensions.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("size must look like 512x384, found \(size)")
        }
        guard let sampleType = TIFFSampleType(rawValue: dtype) else {
            throw ValidationError("unknown dtype \(dtype)")
        }
        let tiffCompression: TIFFCompression = switch compression.lowercased() {
        case "none": .none
        case "lzw": .lzw
        case "deflate": .deflate
        case "packbits": .packBits
        case "zstd": .zstd
        default: throw ValidationError("unknown compression \(compression)")
        }
        var tiffOptions = TIFFWriteOptions()
        tiffOptions.compression = tiffCompression
        return ExportSpec(
            layout: instrument, plateName: plate, rows: plateFormat.rows, columns: plateFormat.columns, wells: wellList,
            fields: fields, channels: channels, zPlanes: z, timepoints: t, width: dimensions[0], height: dimensions[1],
            sampleType: sampleType, tiffOptions: tiffOptions, writePlan: !noPlan, seed: seed)
    }
}

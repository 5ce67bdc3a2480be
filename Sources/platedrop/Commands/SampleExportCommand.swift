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

    @Option(name: .customLong("channel-names"), help: ArgumentHelp(
        "Comma-separated channel names, e.g. \"Phase Contrast,GFP\"; the rest are named DAPI, FITC, TRITC, Cy5, Brightfield.",
        valueName: "names"))
    var channelNames: String?

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

    @Flag(name: .customLong("no-plan"), help: "Leave out the vendor plan files (HTD, mlf/mrf, .mes, Index.idx.xml).")
    var noPlan = false

    @Option(help: ArgumentHelp(
        "imagexpress, yokogawa, cq3000, imagexpress-hcsai: acquisition runs of the plate, each in its own run folder with its "
            + "own plan files and pixels: imagexpress <plate>_Plate_<id>/ (ids 3420, 3421, ...), yokogawa "
            + "<plate>_<yyyymmdd>_<hhmmss>/<plate>/, cq3000 <plate>_<yyyymmdd>_<hhmmss>/, imagexpress-hcsai <plate>_<yyyymmdd>_<hhmmss>/experiment/ (runs an "
            + "hour apart). Without it the export has no run folder.",
        valueName: "n"))
    var runs: Int?

    @Flag(name: .customLong("database-layout"), help: ArgumentHelp(
        "imagexpress: write each run as the MetaXpress database stores it, <plate>/<YYYY-MM-DD>/<id>/: file names "
            + "with a GUID glued to the wave token (_w1<GUID>.tif), no HTD, projections beside the ZStep_N folders and "
            + "single-plane channels stored once (ZStep_1). Implies run folders."))
    var databaseLayout = false

    @Flag(name: .customLong("metaseries"), help: ArgumentHelp(
        "imagexpress: write MetaXpress's MetaSeries XML into every TIFF's ImageDescription (pixel size in um, "
            + "channel name, wavelength, stage and z position, acquisition time; no two planes alike). Off by "
            + "default; implied by --projection and --single-plane-channels."))
    var metaSeries = false

    @Flag(help: ArgumentHelp(
        "imagexpress with --z > 1: also write MetaXpress's maximum projection of every z-stack (pixel-wise maximum "
            + "of its planes) into ZStep_0/, its header naming Z Projection Method \"Maximum\"."))
    var projection = false

    @Option(name: .customLong("single-plane-channels"), help: ArgumentHelp(
        "imagexpress with --z > 1: comma-separated channels (1-based, e.g. 3,4) imaged at one z only. As MetaXpress "
            + "exports them, the same file (identical bytes and header) is written into every ZStep_N folder, "
            + "ZStep_0 too with --projection.",
        valueName: "channels"))
    var singlePlaneChannels: String?

    @Flag(name: .customLong("instrument-files"), help: ArgumentHelp(
        "yokogawa: also write a .mes settings file naming each channel (\"405 BP445/45\", colour #FF002FFF), "
            + "DC_/SC_ reference images and a TRACE<date>.log; harmony: Assaylayout/<plate>.xml beside Images/; "
            + "imagexpress-hcsai: the run's .mxprotocol, autofocus/ logs and a .statistics.json beside every image."))
    var instrumentFiles = false

    func run() throws {
        let spec = try makeSpec()
        let export = try SampleExportGenerator.generate(spec, into: directory)
        let projections = export.images.filter { $0.kind == .maximumProjection }.count
        let copies = export.images.filter { if case .repeatedPlane = $0.kind { true } else { false } }.count
        var kinds: [String] = []
        if projections > 0 { kinds.append("\(projections) projection" + (projections == 1 ? "" : "s")) }
        if copies > 0 { kinds.append("\(copies) repeated " + (copies == 1 ? "copy" : "copies")) }
        var summary = "wrote \(export.images.count) images" + (kinds.isEmpty ? "" : " (\(kinds.joined(separator: ", ")))")
            + ", \(export.planFiles.count) plan file(s)"
        if !export.companionFiles.isEmpty { summary += ", \(export.companionFiles.count) other instrument file(s)" }
        let runFolders = export.runFolders.filter { !$0.isEmpty }
        if !runFolders.isEmpty { summary += " in \(runFolders.count) run folder(s) (\(runFolders.joined(separator: ", ")))" }
        print(summary + " to \(export.root)")
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
        var singlePlane = Set<Int>()
        for token in (singlePlaneChannels ?? "").split(separator: ",") {
            guard let channel = Int(String(token.filter { $0 != " " })), (1...channels).contains(channel) else {
                throw ValidationError("--single-plane-channels: \(token) is not one of channels 1 to \(channels)")
            }
            singlePlane.insert(channel - 1)
        }
        if let runs, runs < 1 { throw ValidationError("--runs must be at least 1, found \(runs)") }
        let runFolders: RunFolderStyle = databaseLayout ? .database : (runs != nil ? .exported : .none)
        return ExportSpec(
            layout: instrument, plateName: plate, rows: plateFormat.rows, columns: plateFormat.columns, wells: wellList,
            fields: fields, channels: channels, zPlanes: z, timepoints: t, width: dimensions[0], height: dimensions[1],
            sampleType: sampleType, tiffOptions: tiffOptions, writePlan: !noPlan,
            channelNames: channelNames.map { $0.split(separator: ",").map(String.init) } ?? [], seed: seed,
            runs: runs ?? 1, runFolders: runFolders, metaSeriesHeaders: metaSeries, maximumProjection: projection,
            singlePlaneChannels: singlePlane, instrumentFiles: instrumentFiles)
    }
}

import TIFF

/// Everything that shapes a synthetic export: layout, plate format, acquisition size and pixel format.
public struct ExportSpec: Sendable {
    /// Instrument naming and plan-file convention.
    public var layout: ExportLayout
    /// Plate name used in file names and plan files.
    public var plateName: String
    /// Rows of the plate format (8 for 96 wells, 16 for 384, 32 for 1536).
    public var rows: Int
    /// Columns of the plate format (12 for 96 wells, 24 for 384, 48 for 1536).
    public var columns: Int
    /// Wells that were imaged.
    public var wells: [WellIndex]
    /// Fields (sites) per well.
    public var fields: Int
    /// Channels (wavelengths) per field.
    public var channels: Int
    /// Z planes per field and channel.
    public var zPlanes: Int
    /// Time points.
    public var timepoints: Int
    /// Image width in pixels.
    public var width: Int
    /// Image height in pixels.
    public var height: Int
    /// Sample type of every image.
    public var sampleType: TIFFSampleType
    /// How every image file is encoded.
    public var tiffOptions: TIFFWriteOptions
    /// Whether to write the layout's plan files (HTD, mlf/mrf, Index.idx.xml).
    public var writePlan: Bool
    /// Channel names for plan files; missing entries fall back to common dye names.
    public var channelNames: [String]
    /// Pixel size in micrometres, written to plan files.
    public var pixelSizeMicrons: Double
    /// Distance between Z planes in micrometres, written to plan files.
    public var zStepMicrons: Double
    /// Seed of all pixel content; equal specs give equal pixels.
    public var seed: UInt64
    /// Acquisition runs of the plate (ImageXpress, Yokogawa), each in its own run folder with its own plan
    /// files and its own pixels; more than one needs `runFolders` other than `.none`.
    public var runs: Int
    /// How each run is foldered; `.none` writes the single run straight into the export root.
    public var runFolders: RunFolderStyle
    /// ImageXpress: write a MetaSeries XML ImageDescription into every TIFF, as MetaXpress does (pixel size,
    /// channel name, wavelength, stage and focus position, acquisition time). Implied by
    /// `maximumProjection` and `singlePlaneChannels`, which the product tells apart by that header.
    public var metaSeriesHeaders: Bool
    /// ImageXpress with `zPlanes` > 1: also write the maximum projection of every z-stack, as MetaXpress
    /// exports it (`ZStep_0/`; beside the `ZStep_N/` folders in the database layout).
    public var maximumProjection: Bool
    /// ImageXpress with `zPlanes` > 1: 0-based channels imaged at one z only. An exported run repeats that
    /// file byte for byte in every `ZStep_N/` folder (and `ZStep_0/` with projections), as MetaXpress
    /// does; the database layout stores it once, in `ZStep_1/`.
    public var singlePlaneChannels: Set<Int>
    /// Yokogawa, Harmony and HCS.ai: also write the non-image files the instrument leaves in an export. Yokogawa: a
    /// `.mes` measurement-settings plan naming each channel (unless `writePlan` is off), `DC_`/`SC_`
    /// reference images and a `TRACE<date>.log`; Harmony: `Assaylayout/<plate>.xml`; HCS.ai: the run's
    /// `.mxprotocol`, its `autofocus/` logs and a `.statistics.json` sidecar beside every image.
    public var instrumentFiles: Bool

    /// Creates a spec; the defaults describe a small 96-well uint16 export of two wells.
    public init(
        layout: ExportLayout,
        plateName: String = "DemoPlate",
        rows: Int = 8,
        columns: Int = 12,
        wells: [WellIndex] = [WellIndex(row: 0, column: 0), WellIndex(row: 0, column: 1)],
        fields: Int = 2,
        channels: Int = 2,
        zPlanes: Int = 1,
        timepoints: Int = 1,
        width: Int = 256,
        height: Int = 256,
        sampleType: TIFFSampleType = .uint16,
        tiffOptions: TIFFWriteOptions = .init(),
        writePlan: Bool = true,
        channelNames: [String] = [],
        pixelSizeMicrons: Double = 0.65,
        zStepMicrons: Double = 2.0,
        seed: UInt64 = 42,
        runs: Int = 1,
        runFolders: RunFolderStyle = .none,
        metaSeriesHeaders: Bool = false,
        maximumProjection: Bool = false,
        singlePlaneChannels: Set<Int> = [],
        instrumentFiles: Bool = false
    ) {
        self.layout = layout
        self.plateName = plateName
        self.rows = rows
        self.columns = columns
        self.wells = wells
        self.fields = fields
        self.channels = channels
        self.zPlanes = zPlanes
        self.timepoints = timepoints
        self.width = width
        self.height = height
        self.sampleType = sampleType
        self.tiffOptions = tiffOptions
        self.writePlan = writePlan
        self.channelNames = channelNames
        self.pixelSizeMicrons = pixelSizeMicrons
        self.zStepMicrons = zStepMicrons
        self.seed = seed
        self.runs = runs
        self.runFolders = runFolders
        self.metaSeriesHeaders = metaSeriesHeaders
        self.maximumProjection = maximumProjection
        self.singlePlaneChannels = singlePlaneChannels
        self.instrumentFiles = instrumentFiles
    }

    /// Whether every TIFF carries a MetaSeries header: asked for, or needed by projections or single-plane channels.
    public var writesMetaSeriesHeaders: Bool {
        layout == .imageXpress && (metaSeriesHeaders || maximumProjection || !singlePlaneChannels.isEmpty)
    }

    /// The name of 0-based `channel`: the caller's name if given, else a common dye name.
    public func channelName(_ channel: Int) -> String {
        if channel < channelNames.count { return channelNames[channel] }
        let dyes = ["DAPI", "FITC", "TRITC", "Cy5", "Brightfield"]
        return channel < dyes.count ? dyes[channel] : "Channel \(channel + 1)"
    }
}

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
        seed: UInt64 = 42
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
    }

    /// The name of 0-based `channel`: the caller's name if given, else a common dye name.
    public func channelName(_ channel: Int) -> String {
        if channel < channelNames.count { return channelNames[channel] }
        let dyes = ["DAPI", "FITC", "TRITC", "Cy5", "Brightfield"]
        return channel < dyes.count ? dyes[channel] : "Channel \(channel + 1)"
    }
}

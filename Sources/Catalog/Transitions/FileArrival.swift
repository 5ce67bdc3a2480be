import Layouts

/// What intake made of a new or changed file; it decides the state the file arrives in.
public enum FileArrival: Sendable {
    /// An image with its place in the plate (stable).
    case image(ImagePlacement)
    /// A vendor plan (stable).
    case plan
    /// Nothing to write, such as a sidecar or the end marker (ignored, with the reason).
    case ignored(reason: String)
    /// Unusable: an unrecognised name, an unreadable image (rejected, with the reason; file-rejected).
    case rejected(role: FileRole, reason: String)
}

/// Where an arriving image goes and what its header says, read once.
public struct ImagePlacement: Sendable {
    public let plate: Int64
    public let well: Int64
    public let key: ImageKey
    public let width: Int
    public let height: Int
    public let sampleType: String
    public let pages: Int

    public init(plate: Int64, well: Int64, key: ImageKey, width: Int, height: Int, sampleType: String, pages: Int) {
        self.plate = plate
        self.well = well
        self.key = key
        self.width = width
        self.height = height
        self.sampleType = sampleType
        self.pages = pages
    }
}

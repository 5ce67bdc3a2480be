import Layouts

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

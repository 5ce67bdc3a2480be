import Layouts

/// What happened to one plate of an ingest.
public struct PlateResult: Sendable {
    public let name: String
    /// The plate store's path.
    public let path: String
    public let wellsWritten: [WellPosition]
    /// Wells that could not be written, with the reason (e.g. the disk filled up).
    public private(set) var wellsFailed: [WellFailure]
    public let planesWritten: Int
    /// Planes the plate's shape expects that no usable file provided (stored as fill value).
    public let missingPlanes: Int
    /// Planes of channels imaged at one z beside z-stacks, stored as fill value at the other z: by
    /// design of the acquisition, not missing.
    public var singlePlanePadding: Int = 0
    /// Raw pixel bytes read from the source files.
    public let bytesRead: Int
    /// Bytes of the chunks and shards written for the wells written (metadata aside).
    public var bytesWritten = 0
    /// What the vendor plan expected but the export lacks (instrument error records, images never written).
    public var planGaps: [String] = []
}

extension PlateResult {
    /// The same result with more failed wells.
    func adding(failures: [WellFailure]) -> PlateResult {
        var result = self
        result.wellsFailed = (wellsFailed + failures).sorted()
        return result
    }
}

/// A snapshot of a running ingest, for progress bars and log lines.
public struct IngestProgress: Sendable {
    public let plate: String
    public let planesDone: Int
    public let planesTotal: Int
    public let wellsDone: Int
    public let wellsTotal: Int
    public let bytesRead: Int
    public let seconds: Double
    /// Set when a well has just been finished, to its `row/column` path.
    public let finishedWell: String?
}

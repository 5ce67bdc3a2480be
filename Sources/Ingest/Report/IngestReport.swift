/// The outcome of one `platedrop ingest` run.
public struct IngestReport: Sendable {
    public let plates: [PlateResult]
    /// Files that are not images by design (thumbnails, sidecars, temp names), with the reason.
    public let ignored: [FileIssue]
    /// Files that should have been usable but were not (unreadable, wrong size, unknown name…).
    public let rejected: [FileIssue]
    public let seconds: Double

    /// Every well written and no input rejected.
    public var isClean: Bool { rejected.isEmpty && plates.allSatisfy { $0.wellsFailed.isEmpty } }

    /// Raw source bytes read across all plates.
    public var bytesRead: Int { plates.reduce(0) { $0 + $1.bytesRead } }
}

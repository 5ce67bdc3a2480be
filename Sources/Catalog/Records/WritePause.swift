/// A file system the disk guard found below `min_free`: no new well write starts for its roots until it has room
/// again. Kept on the daemon row, so `platedrop status` and the web view see it.
public struct WritePause: Codable, Sendable, Hashable {
    /// The folder whose file system is low: a root's output folder or the catalogue's folder.
    public var path: String
    /// Free bytes there when last checked (what an unprivileged writer may use).
    public var freeBytes: Int64
    /// The `min_free` setting in bytes on this file system.
    public var minFreeBytes: Int64
    /// The watched folders whose well writes wait: every one when the catalogue's file system is low.
    public var roots: [String]
    /// The catalogue lives on this file system.
    public var holdsCatalogue: Bool
    /// When writing paused.
    public var since: Double

    public init(path: String, freeBytes: Int64, minFreeBytes: Int64, roots: [String], holdsCatalogue: Bool, since: Double) {
        self.path = path
        self.freeBytes = freeBytes
        self.minFreeBytes = minFreeBytes
        self.roots = roots
        self.holdsCatalogue = holdsCatalogue
        self.since = since
    }
}

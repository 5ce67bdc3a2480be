import FileIdentity

/// A file the watcher found stable: where it is and its fingerprint.
public struct FileSighting: Sendable, WatchedFile {
    public let root: String
    public let relativePath: String
    public let fingerprint: FileFingerprint

    public init(root: String, relativePath: String, fingerprint: FileFingerprint) {
        self.root = root
        self.relativePath = relativePath
        self.fingerprint = fingerprint
    }

    /// The sighting a catalogued file was recorded from.
    public init(_ file: FileRecord) {
        self.init(root: file.root, relativePath: file.relativePath, fingerprint: file.fingerprint)
    }
}

import FileIdentity

/// What a `FolderWatcher` reports. Paths are relative to the root, `/`-separated, without a leading slash.
public enum WatchEvent: Sendable, Equatable {
    /// The file's fingerprint has not changed for the root's quiet period (or its ctime was already older than
    /// that when first seen). Reported again only after the fingerprint changes and settles anew.
    case stable(root: String, relativePath: String, fingerprint: FileFingerprint)
    /// A file that had been reported stable is gone.
    case vanished(root: String, relativePath: String)
    /// Something that is not watched (symbolic link not followed, special file, unreadable directory,
    /// undecodable name); reported once.
    case skipped(root: String, relativePath: String, reason: String)
    case rootState(root: String, state: RootState)
    /// A full walk of the root finished (the initial one, and every resync, rescan and poll after it).
    case scanFinished(root: String, files: Int, seconds: Double)
}

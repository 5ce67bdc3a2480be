import FileIdentity

/// One thing a `DirectoryWalker` found.
enum WalkItem {
    case file(FileFingerprint)
    /// A directory that was opened and is being listed.
    case directory
    /// A directory that could not be opened: what was tracked beneath it must not be taken for vanished.
    case unreadableDirectory(reason: String)
    case skipped(reason: String)
    /// A name that could not be examined: reported, but not taken for vanished.
    case inaccessible(reason: String)
}

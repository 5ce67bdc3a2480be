/// What the engine asks of the thread that owns libinotifytools.
enum InotifyCommand: Sendable {
    /// Watch a root at startup.
    case watchRoot(InotifyRoot)
    /// Rebuild the whole session (the library cannot drop or rename watches reliably, docs/operations.md §1), optionally
    /// taking back a root that had gone missing.
    case resync(reason: String, adding: InotifyRoot?)
    /// Stop watching a root (it went missing).
    case releaseRoot(id: String)
    /// A walk listed these directories; watch any the library has no watch for (its recursive watch is not
    /// atomic, and directories created during it may be missed).
    case ensureWatched(rootID: String, relativeDirectories: [String])
}

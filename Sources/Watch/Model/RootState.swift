/// How a root is being observed right now.
public enum RootState: Sendable, Equatable {
    /// inotify watches cover the tree.
    case watching
    /// Stat-walked every poll interval; the reason says why and how often.
    case polling(reason: String)
    /// The folder is not there (or not usable); it is looked for again every poll interval.
    case missing(reason: String)
    /// The inotify watches are being rebuilt and the tree rescanned; `.watching` follows.
    case resyncing(reason: String)
}

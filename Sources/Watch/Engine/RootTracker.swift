/// The engine's view of one root: how it is observed now, its files, and when it needs attention next.
struct RootTracker {
    enum Phase: Equatable {
        /// The inotify thread is (re)building the root's watches; the walk follows once they exist.
        case awaitingWatch
        case watching
        case polling
        case missing
    }

    let root: WatchRoot
    var phase: Phase = .awaitingWatch
    var table: FileTable
    /// The next full walk: the periodic rescan of a watched root, the next poll of a polled one.
    var nextWalk: ContinuousClock.Instant?
    /// The next look at the root folder itself: is a missing one back, is a watched one still the same folder.
    var nextCheck: ContinuousClock.Instant?
    /// The root folder that got the watches; another device or inode later means it was replaced or mounted over.
    var watchedIdentity: DirectoryIdentity?

    init(root: WatchRoot) {
        self.root = root
        table = FileTable(quietPeriod: root.quietPeriod)
    }

    var inotifyRoot: InotifyRoot {
        InotifyRoot(id: root.id, path: root.path)
    }

    /// inotify watches cover it, or are being rebuilt.
    var usesInotify: Bool {
        phase == .watching || phase == .awaitingWatch
    }

    /// The earliest moment anything about this root is due.
    var nextDeadline: ContinuousClock.Instant? {
        let settling = phase == .missing ? nil : table.nextDue
        return [settling, nextWalk, nextCheck].compactMap { $0 }.min()
    }

    func absolute(_ relativePath: String) -> String {
        relativePath.isEmpty ? root.path : root.path + "/" + relativePath
    }
}

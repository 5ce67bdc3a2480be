internal import CInotifyTools
import Dispatch
import Glibc

/// Owns libinotifytools on one dedicated thread. All of the library's state is process-global and none of it
/// is thread-safe (docs/operations.md §1), so every call into it happens in `run()`; events leave as Swift values,
/// copied before the next call overwrites the library's static buffer.
///
/// Events are hints, never facts: the engine stats every path it is told about. Whenever the library's view
/// may be wrong (queue overflow, a watched folder deleted or moved) the whole session is rebuilt and every
/// root walked again, because the library can neither drop dead watches nor rename live ones correctly.
final class InotifySession {
    /// What every directory is watched for. Q_OVERFLOW, IGNORED and UNMOUNT come without asking.
    static let watchedEvents = Int32(
        IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_MODIFY | IN_ATTRIB
            | IN_DELETE | IN_MOVED_FROM | IN_DELETE_SELF | IN_MOVE_SELF
    )

    enum WatchOutcome {
        case watched
        case vanished
        case limitReached
        case failed(errno: Int32)
    }

    let commands: Mailbox<InotifyCommand>
    let engine: Mailbox<EngineMessage>
    let stopFlag: StopFlag
    var roots: [InotifyRoot] = []
    var initialized = false
    var unavailableReason = ""
    var pendingResync: (reason: String, due: ContinuousClock.Instant)?
    /// next_event hands out events from a static buffer filled by one read(); after an event was returned
    /// more may still sit there, and cleanup/init does not empty it.
    var libraryBufferMayHoldEvents = false

    init(commands: Mailbox<InotifyCommand>, engine: Mailbox<EngineMessage>, stopFlag: StopFlag) {
        self.commands = commands
        self.engine = engine
        self.stopFlag = stopFlag
    }

    /// The thread's whole life: commands between events, `next_event(1)` otherwise (1 s bounds how long a stop
    /// or a command waits; 0 would mean "block forever").
    func run() {
        while !stopFlag.isRaised {
            let batch = initialized ? commands.takeAll() : commands.receive(waitingUntil: .now() + .seconds(1))
            for command in batch {
                perform(command)
            }
            if let pending = pendingResync, pending.due <= .now {
                resync(reason: pending.reason)
            }
            if initialized {
                readNextEvent()
            }
        }
        if initialized {
            inotifytools_cleanup()
        }
    }

    private func perform(_ command: InotifyCommand) {
        switch command {
        case let .watchRoot(root):
            watchRoot(root)
        case let .resync(reason, adding):
            if let adding, !roots.contains(adding) {
                roots.append(adding)
            }
            scheduleResync(reason: reason, after: .zero)
        case let .releaseRoot(id):
            roots.removeAll { $0.id == id }
            if roots.isEmpty, initialized {
                // Nothing left to watch: give the descriptor and its watches back to the kernel.
                inotifytools_cleanup()
                initialized = false
            }
        case let .ensureWatched(rootID, relativeDirectories):
            ensureWatched(rootID: rootID, relativeDirectories: relativeDirectories)
        }
    }

    // MARK: Watching

    func watchRoot(_ root: InotifyRoot) {
        guard ensureInitialized() else {
            engine.post(.rootWatchFailed(rootID: root.id, failure: .inotifyUnavailable(reason: unavailableReason)))
            return
        }
        switch addWatches(root.path) {
        case .watched:
            if !roots.contains(root) {
                roots.append(root)
            }
            engine.post(.rootWatched(rootID: root.id))
        case .vanished:
            roots.removeAll { $0 == root }
            engine.post(.rootWatchFailed(rootID: root.id, failure: .rootUnusable(reason: "\(root.path) does not exist")))
        case let .failed(code):
            roots.removeAll { $0 == root }
            let reason = "\(root.path) cannot be watched (\(systemErrorText(code)))"
            engine.post(.rootWatchFailed(rootID: root.id, failure: .rootUnusable(reason: reason)))
        case .limitReached:
            switchToPolling(root)
        }
    }

    /// Watches a directory that appeared below a root, then has the engine list it: files written into it
    /// before the watch existed produce no events (docs/operations.md §1, `mkdir -p`, `cp -r`, moved-in trees).
    func watchDirectoryAndList(of root: InotifyRoot, relativePath: String) {
        switch addWatches(root.absolute(relativePath)) {
        case .watched, .failed:
            // A folder that cannot be watched is still listed: the walk reports why it is skipped.
            engine.post(.directoryWatched(rootID: root.id, relativePath: relativePath))
        case .vanished:
            break
        case .limitReached:
            switchToPolling(root)
        }
    }

    private func ensureWatched(rootID: String, relativeDirectories: [String]) {
        for relativePath in relativeDirectories {
            guard initialized, let root = roots.first(where: { $0.id == rootID }), !stopFlag.isRaised else {
                return
            }
            // The library keys directories with a trailing slash (docs/operations.md §1).
            if inotifytools_wd_from_filename(root.absolute(relativePath) + "/") < 0 {
                watchDirectoryAndList(of: root, relativePath: relativePath)
            }
        }
    }

    /// `watch_recursively`, tolerating its quirk of failing the whole tree with ENOENT when any entry vanishes
    /// between its readdir and lstat (temporary files of a busy writer do).
    func addWatches(_ path: String) -> WatchOutcome {
        for _ in 0..<3 {
            if inotifytools_watch_recursively(path, Self.watchedEvents) != 0 {
                return .watched
            }
            let code = inotifytools_error()
            guard code == ENOENT, Self.isDirectory(path) else {
                return outcome(ofFailure: code)
            }
        }
        // Still racing with deletions: watch the folder itself; the engine's walk lists the subfolders and
        // sends back those that still lack a watch.
        if inotifytools_watch_file(path, Self.watchedEvents) != 0 {
            return .watched
        }
        return outcome(ofFailure: inotifytools_error())
    }

    private func outcome(ofFailure code: Int32) -> WatchOutcome {
        switch code {
        case ENOSPC:
            .limitReached
        case ENOENT, ENOTDIR:
            .vanished
        default:
            .failed(errno: code)
        }
    }

    /// ENOSPC: the per-user watch budget is spent. The root is polled from now on, and the session rebuilt
    /// without it so that its partial watches stop eating the budget of the other roots.
    private func switchToPolling(_ root: InotifyRoot) {
        roots.removeAll { $0 == root }
        engine.post(.rootWatchFailed(rootID: root.id, failure: .watchLimitReached(maxUserWatches: InotifyLimits.maxUserWatches)))
        scheduleResync(reason: "inotify watch limit reached under \(root.path), which is polled from now on", after: .zero)
    }

    func ensureInitialized() -> Bool {
        if initialized {
            return true
        }
        guard inotifytools_initialize() != 0 else {
            let instances = InotifyLimits.describe("max_user_instances", InotifyLimits.maxUserInstances)
            unavailableReason = "inotify cannot be initialised (\(systemErrorText(inotifytools_error())); \(instances))"
            return false
        }
        initialized = true
        InotifyDescriptor.markCloseOnExec()
        discardOldSessionEvents()
        return true
    }

    private static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
    }
}

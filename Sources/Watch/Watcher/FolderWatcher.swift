import Dispatch
import Foundation
import Synchronization

/// Observes folder trees and reports files that have become stable, without knowing what they are: names
/// are not filtered (a temporary `.x.tif.partial` renamed before its quiet period ends is never reported;
/// one left alone is), and `.vanished` comes only for files that had been reported stable.
///
/// Two threads of its own, never the cooperative pool:
/// - `platedrop-inotify` owns libinotifytools (one thread may ever call it, docs/operations.md §1) and turns events
///   into hints;
/// - `platedrop-watch` stats, walks, settles and emits every event, in the order things were learnt.
///
/// On start each root is watched first, then walked (`.rootState(.watching)`, then `.stable` events,
/// then `.scanFinished`); polled roots start with `.rootState(.polling)`, absent ones with `.missing`.
/// Once every root has reported its first state, every watch that can exist does: the moment for systemd's
/// READY=1. The file table survives resyncs and rescans, so a fingerprint is reported once for the
/// watcher's lifetime; a new watcher (a restarted daemon) reports every file once more, and the daemon
/// dedupes by fingerprint.
public final class FolderWatcher: Sendable {
    private enum Lifecycle {
        case idle
        case running
        case stopped
    }

    /// libinotifytools lives in process globals: one watcher per process.
    private static let processClaim = Mutex(false)

    private let roots: [WatchRoot]
    private let stream: AsyncStream<WatchEvent>
    private let continuation: AsyncStream<WatchEvent>.Continuation
    private let engineMailbox = Mailbox<EngineMessage>()
    private let inotifyMailbox = Mailbox<InotifyCommand>()
    private let stopFlag = StopFlag()
    private let threadsRunning = DispatchGroup()
    private let lifecycle = Mutex(Lifecycle.idle)

    public init(roots: [WatchRoot]) throws(WatchError) {
        try WatchRoot.validate(roots)
        self.roots = roots
        // Unbounded: the daemon drains it, and dropping a `.stable` would lose a file until the next change.
        (stream, continuation) = AsyncStream.makeStream(of: WatchEvent.self, bufferingPolicy: .unbounded)
    }

    deinit {
        stop()
    }

    /// Every event, for one consumer; it finishes when the watcher stops.
    public var events: AsyncStream<WatchEvent> {
        stream
    }

    /// Starts both threads and returns at once; states, then files, arrive on `events`.
    public func start() throws(WatchError) {
        let paths = roots.map(\.path)
        try lifecycle.withLock { (state: inout Lifecycle) throws(WatchError) in
            guard case .idle = state else {
                throw .alreadyStarted(paths: paths)
            }
            let claimed = Self.processClaim.withLock { taken in
                defer { taken = true }
                return !taken
            }
            guard claimed else {
                throw .anotherWatcherRunning(paths: paths)
            }
            state = .running
            startThreads()
        }
    }

    /// Stops both threads and finishes `events`. Returns once they have exited: within about a second, the
    /// time `next_event(1)` may block.
    public func stop() {
        lifecycle.withLock { $0 = .stopped }
        stopFlag.raise()
        engineMailbox.wake()
        inotifyMailbox.wake()
        threadsRunning.wait()
        continuation.finish()
    }

    /// Walks a root again (nil: every root). For a watched root this rebuilds the inotify session, which
    /// interrupts every watched root, so all of them are resynced (`.resyncing`, `.watching`, walk,
    /// `.scanFinished`). Files already reported with the same fingerprint are not reported again.
    /// Unknown ids are ignored.
    public func requestRescan(root: String?) {
        engineMailbox.post(.rescanRequested(rootID: root))
    }

    private func startThreads() {
        let (roots, engineMailbox, inotifyMailbox) = (roots, engineMailbox, inotifyMailbox)
        let (continuation, stopFlag, threadsRunning) = (continuation, stopFlag, threadsRunning)
        threadsRunning.enter()
        threadsRunning.enter()
        let inotifyThread = Thread {
            InotifySession(commands: inotifyMailbox, engine: engineMailbox, stopFlag: stopFlag).run()
            Self.processClaim.withLock { $0 = false }
            threadsRunning.leave()
        }
        inotifyThread.name = "platedrop-inotify"
        let engineThread = Thread {
            WatchEngine(
                roots: roots, mailbox: engineMailbox, inotify: inotifyMailbox,
                continuation: continuation, stopFlag: stopFlag
            ).run()
            threadsRunning.leave()
        }
        engineThread.name = "platedrop-watch"
        inotifyThread.start()
        engineThread.start()
    }
}

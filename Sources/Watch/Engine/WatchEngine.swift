import Dispatch

/// The watcher's second thread: owns every root's file table, turns hints and walks into stat results,
/// settles candidates on time and emits all events, so their order is the order things were learnt.
/// It never calls libinotifytools; it asks the inotify thread through `inotify`.
///
/// Why a thread of its own rather than timers between `next_event(1)` calls: walks of 200,000 files take
/// seconds, during which the kernel queue (16,384 events) would otherwise fill up unread, and settle deadlines
/// need sub-second precision that a whole-second event timeout cannot give.
final class WatchEngine {
    var trackers: [RootTracker]
    let positions: [String: Int]
    let mailbox: Mailbox<EngineMessage>
    let inotify: Mailbox<InotifyCommand>
    let continuation: AsyncStream<WatchEvent>.Continuation
    let stopFlag: StopFlag
    /// Walks requested while handling a batch of messages, run once the batch is done (repeats collapse).
    var pendingFullWalks: [Int] = []
    var pendingSubtreeWalks: [(tracker: Int, relativePath: String)] = []

    init(
        roots: [WatchRoot],
        mailbox: Mailbox<EngineMessage>,
        inotify: Mailbox<InotifyCommand>,
        continuation: AsyncStream<WatchEvent>.Continuation,
        stopFlag: StopFlag
    ) {
        trackers = roots.map(RootTracker.init(root:))
        positions = Dictionary(uniqueKeysWithValues: roots.enumerated().map { ($0.element.id, $0.offset) })
        self.mailbox = mailbox
        self.inotify = inotify
        self.continuation = continuation
        self.stopFlag = stopFlag
    }

    func run() {
        for index in trackers.indices {
            place(index, returning: false)
        }
        while !stopFlag.isRaised {
            runPendingWalks()
            settleDueFiles()
            runScheduledChecks()
            guard !stopFlag.isRaised else {
                break
            }
            for message in mailbox.receive(waitingUntil: nextDeadline().dispatchTime) {
                handle(message)
            }
        }
    }

    func emit(_ event: WatchEvent) {
        continuation.yield(event)
    }

    /// Decides how a root is observed: at startup, and whenever a missing root is looked for again.
    func place(_ index: Int, returning: Bool) {
        let root = trackers[index].root
        let condition = RootCondition.inspect(root.path)
        if case let .unusable(reason) = condition {
            if returning {
                trackers[index].nextCheck = .now + root.pollInterval
            } else {
                becomeMissing(index, reason: reason)
            }
            return
        }
        if root.mode == .polling {
            becomePolling(index, reason: "polling configured; polling every \(root.pollInterval.secondsText)")
        } else if case let .usable(_, networkFilesystem?) = condition {
            becomePolling(index, reason: "\(root.path) is on a network filesystem (\(networkFilesystem)), where inotify "
                + "misses other clients' writes; polling every \(root.pollInterval.secondsText)")
        } else {
            trackers[index].phase = .awaitingWatch
            trackers[index].nextCheck = nil
            let target = trackers[index].inotifyRoot
            // A returning root rejoins through a full rebuild: the library's map may still hold its old folders.
            inotify.post(returning ? .resync(reason: "\(root.path) is back", adding: target) : .watchRoot(target))
        }
    }

    func becomePolling(_ index: Int, reason: String) {
        trackers[index].phase = .polling
        trackers[index].nextCheck = nil
        trackers[index].nextWalk = nil
        emit(.rootState(root: trackers[index].root.id, state: .polling(reason: reason)))
        requestFullWalk(index)
    }

    func becomeMissing(_ index: Int, reason: String) {
        let root = trackers[index].root
        trackers[index].phase = .missing
        trackers[index].nextWalk = nil
        trackers[index].nextCheck = .now + root.pollInterval
        // Its files stay in the table: when the folder is back (say, a share remounted), the walk reports
        // only what really changed.
        emit(.rootState(root: root.id, state: .missing(reason: "\(reason); looking again every \(root.pollInterval.secondsText)")))
    }

    func requestFullWalk(_ index: Int) {
        if !pendingFullWalks.contains(index) {
            pendingFullWalks.append(index)
        }
    }

    private func nextDeadline() -> ContinuousClock.Instant {
        let now = ContinuousClock.now
        if !pendingFullWalks.isEmpty || !pendingSubtreeWalks.isEmpty {
            return now
        }
        // Bounded so that a lost wake-up can delay a stop by a second at most.
        let cap = now + .seconds(1)
        return trackers.compactMap(\.nextDeadline).reduce(cap, min)
    }
}

extension WatchEngine {
    func handle(_ message: EngineMessage) {
        switch message {
        case let .pathTouched(rootID, relativePath):
            guard let index = positions[rootID], trackers[index].usesInotify else {
                return
            }
            inspect(index, relativePath, touched: true)
        case let .directoryWatched(rootID, relativePath):
            guard let index = positions[rootID], trackers[index].usesInotify else {
                return
            }
            pendingSubtreeWalks.append((index, relativePath))
        case let .rootWatched(rootID):
            guard let index = positions[rootID], trackers[index].phase != .polling else {
                return
            }
            rootWatched(index)
        case let .rootWatchFailed(rootID, failure):
            guard let index = positions[rootID] else {
                return
            }
            rootWatchFailed(index, failure)
        case let .resyncStarted(rootIDs, reason):
            for index in rootIDs.compactMap({ positions[$0] }) where trackers[index].phase == .watching {
                trackers[index].phase = .awaitingWatch
                emit(.rootState(root: trackers[index].root.id, state: .resyncing(reason: reason)))
            }
        case let .rescanRequested(rootID):
            rescanRequested(rootID)
        }
    }

    private func rootWatched(_ index: Int) {
        let root = trackers[index].root
        trackers[index].phase = .watching
        if case let .usable(identity, _) = RootCondition.inspect(root.path) {
            trackers[index].watchedIdentity = identity
        }
        trackers[index].nextCheck = .now + root.pollInterval
        emit(.rootState(root: root.id, state: .watching))
        // Watches first, then the walk (docs/operations.md §2): whatever is created during the walk produces events.
        requestFullWalk(index)
    }

    private func rootWatchFailed(_ index: Int, _ failure: WatchFailure) {
        let interval = trackers[index].root.pollInterval.secondsText
        switch failure {
        case let .rootUnusable(reason):
            becomeMissing(index, reason: reason)
        case let .watchLimitReached(maxUserWatches):
            let limit = InotifyLimits.describe("max_user_watches", maxUserWatches)
            becomePolling(index, reason: "inotify watch limit reached (\(limit)); polling every \(interval)")
        case let .inotifyUnavailable(reason):
            becomePolling(index, reason: "\(reason); polling every \(interval)")
        }
    }

    /// Polled roots are walked again. Watched roots need the inotify session rebuilt, which interrupts every
    /// watched root, so all of them are walked again once their watches are back.
    private func rescanRequested(_ rootID: String?) {
        let targets = rootID.map { positions[$0].map { [$0] } ?? [] } ?? Array(trackers.indices)
        var rebuildWatches = false
        for index in targets {
            switch trackers[index].phase {
            case .polling:
                requestFullWalk(index)
            case .watching, .awaitingWatch:
                rebuildWatches = true
            case .missing:
                trackers[index].nextCheck = .now
            }
        }
        if rebuildWatches {
            inotify.post(.resync(reason: "rescan requested", adding: nil))
        }
    }
}

extension WatchEngine {
    /// Stats one path (named by an event, or due to settle) and applies what it shows.
    func inspect(_ index: Int, _ relativePath: String, touched: Bool) {
        // No local copy of the tracker: one alive while `apply` changes its table would make that change copy
        // the whole table (copy-on-write), once per file, which made big catalogues crawl.
        let entry = PathEntry.read(atPath: trackers[index].absolute(relativePath),
                                   followingSymlinks: trackers[index].root.followSymlinks)
        apply(index, relativePath, entry, touched: touched)
    }

    func apply(_ index: Int, _ relativePath: String, _ entry: PathEntry, touched: Bool) {
        let rootID = trackers[index].root.id
        switch entry {
        case let .file(fingerprint):
            let verdict = trackers[index].table.observe(
                relativePath, fingerprint, now: .now, wallClock: wallClockNanoseconds(), touched: touched
            )
            if case let .stable(fingerprint) = verdict {
                emit(.stable(root: rootID, relativePath: relativePath, fingerprint: fingerprint))
            }
        case .missing, .directory:
            // A directory is walked, never reported; the inotify thread watches new ones.
            if trackers[index].table.forget(relativePath) {
                emit(.vanished(root: rootID, relativePath: relativePath))
            }
        case let .skipped(reason):
            if trackers[index].table.forget(relativePath) {
                emit(.vanished(root: rootID, relativePath: relativePath))
            }
            if trackers[index].table.noteSkipped(relativePath) {
                emit(.skipped(root: rootID, relativePath: relativePath, reason: reason))
            }
        case let .inaccessible(reason):
            // A tracked file stays as it was until it can be examined again; an unknown one is reported.
            if !trackers[index].table.keep(relativePath), trackers[index].table.noteSkipped(relativePath) {
                emit(.skipped(root: rootID, relativePath: relativePath, reason: reason))
            }
        }
    }

    /// Re-stats every candidate whose quiet period is over: unchanged means stable.
    func settleDueFiles() {
        let now = ContinuousClock.now
        for index in trackers.indices where trackers[index].phase != .missing {
            for relativePath in trackers[index].table.takeDue(at: now) {
                inspect(index, relativePath, touched: false)
            }
        }
    }

    /// Periodic rescans and polls, and looks at the root folders themselves.
    func runScheduledChecks() {
        let now = ContinuousClock.now
        for index in trackers.indices {
            let tracker = trackers[index]
            if let due = tracker.nextWalk, due <= now, tracker.phase == .watching || tracker.phase == .polling {
                trackers[index].nextWalk = nil
                requestFullWalk(index)
            }
            guard let due = tracker.nextCheck, due <= now else {
                continue
            }
            trackers[index].nextCheck = nil
            switch tracker.phase {
            case .missing:
                place(index, returning: true)
            case .watching:
                checkWatchedRoot(index)
            case .awaitingWatch, .polling:
                break
            }
        }
    }

    /// A watched root replaced by another folder, or mounted over, produces no event in the old watches.
    private func checkWatchedRoot(_ index: Int) {
        let root = trackers[index].root
        trackers[index].nextCheck = .now + root.pollInterval
        switch RootCondition.inspect(root.path) {
        case let .unusable(reason):
            inotify.post(.releaseRoot(id: root.id))
            becomeMissing(index, reason: reason)
        case let .usable(_, networkFilesystem?):
            inotify.post(.releaseRoot(id: root.id))
            becomePolling(index, reason: "\(root.path) is now on a network filesystem (\(networkFilesystem)), where "
                + "inotify misses other clients' writes; polling every \(root.pollInterval.secondsText)")
        case let .usable(identity, nil):
            if let watched = trackers[index].watchedIdentity, watched != identity {
                inotify.post(.resync(reason: "\(root.path) was replaced or had a filesystem mounted on it", adding: nil))
            }
        }
    }
}

import Glibc

extension WatchEngine {
    func runPendingWalks() {
        let subtrees = pendingSubtreeWalks
        let fullWalks = pendingFullWalks
        pendingSubtreeWalks = []
        pendingFullWalks = []
        for index in fullWalks where !stopFlag.isRaised {
            walkFully(index)
        }
        for (index, relativePath) in subtrees where !stopFlag.isRaised && !fullWalks.contains(index) {
            walkSubtree(index, relativePath)
        }
    }

    /// Walks the whole root: new and changed files become candidates (or stable at once), files it no longer
    /// finds are dropped (`.vanished` if reported), then `.scanFinished`.
    private func walkFully(_ index: Int) {
        guard trackers[index].phase == .watching || trackers[index].phase == .polling else {
            return
        }
        let root = trackers[index].root
        let started = ContinuousClock.now
        var files = 0
        var directories: [String] = []
        var unreadableDirectories: [String] = []
        trackers[index].table.beginWalk()
        let outcome = walker(for: root).walk(from: "") { relativePath, item in
            switch item {
            case .file:
                files += 1
            case .directory:
                directories.append(relativePath)
            case .unreadableDirectory:
                unreadableDirectories.append(relativePath)
            case .skipped, .inaccessible:
                break
            }
            record(index, relativePath, item)
        }
        switch outcome {
        case .completed:
            for relativePath in trackers[index].table.finishWalk(keepingBelow: unreadableDirectories) {
                emit(.vanished(root: root.id, relativePath: relativePath))
            }
            emit(.scanFinished(root: root.id, files: files, seconds: (ContinuousClock.now - started) / .seconds(1)))
            if trackers[index].phase == .watching {
                inotify.post(.ensureWatched(rootID: root.id, relativeDirectories: directories))
                trackers[index].nextWalk = .now + root.rescanInterval
            } else {
                trackers[index].nextWalk = .now + root.pollInterval
            }
        case let .startUnusable(code):
            if trackers[index].usesInotify {
                inotify.post(.releaseRoot(id: root.id))
            }
            let reason = code == ENOENT ? "\(root.path) does not exist" : "\(root.path) cannot be read (\(systemErrorText(code)))"
            becomeMissing(index, reason: reason)
        case .stopped:
            break
        }
    }

    /// Lists a folder that just got its watches; only adds what it finds (a partial view proves no vanishing).
    private func walkSubtree(_ index: Int, _ relativeDirectory: String) {
        guard trackers[index].phase == .watching else {
            return
        }
        var directories: [String] = []
        let outcome = walker(for: trackers[index].root).walk(from: relativeDirectory) { relativePath, item in
            if case .directory = item {
                directories.append(relativePath)
            }
            record(index, relativePath, item)
        }
        if outcome == .completed {
            // Subfolders created before their parent's watch existed have none: send them back.
            inotify.post(.ensureWatched(rootID: trackers[index].root.id, relativeDirectories: directories))
        }
    }

    private func record(_ index: Int, _ relativePath: String, _ item: WalkItem) {
        switch item {
        case let .file(fingerprint):
            apply(index, relativePath, .file(fingerprint), touched: false)
        case .directory:
            break
        case let .unreadableDirectory(reason), let .skipped(reason):
            apply(index, relativePath, .skipped(reason: reason), touched: false)
        case let .inaccessible(reason):
            apply(index, relativePath, .inaccessible(reason: reason), touched: false)
        }
    }

    private func walker(for root: WatchRoot) -> DirectoryWalker {
        DirectoryWalker(rootPath: root.path, followSymlinks: root.followSymlinks, stopFlag: stopFlag)
    }
}

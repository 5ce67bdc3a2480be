import FileIdentity

/// The stability rule for one root: every file seen, which are still settling, and which have been reported.
///
/// A file is stable once its fingerprint has not changed for the quiet period Q. Shortcut: a file whose ctime
/// is already older than Q when (re)observed is stable at once; ctime moves on every write, rename and chmod,
/// so nothing has touched it for Q. That makes restart reconciliation of 200,000 untouched files a single
/// walk. (It trusts the file server's clock; a server running far behind would shorten the wait.)
/// A fingerprint is reported at most once; a new fingerprint settles and is reported again.
struct FileTable {
    enum Verdict: Equatable {
        case unchanged
        case settling
        case stable(FileFingerprint)
    }

    let quietPeriod: Duration
    private(set) var files: [String: TrackedFile] = [:]
    private var skipped: [String: UInt32] = [:]
    private var queue = SettleQueue()
    private var generation: UInt32 = 0

    init(quietPeriod: Duration) {
        self.quietPeriod = quietPeriod
    }

    var nextDue: ContinuousClock.Instant? {
        queue.nextDue
    }

    /// Records what a stat showed for `path`. `touched` says an inotify event named the file: the write was
    /// real even if coarse timestamps make the fingerprint look unchanged, so a settling file starts its
    /// quiet period again.
    mutating func observe(
        _ path: String,
        _ fingerprint: FileFingerprint,
        now: ContinuousClock.Instant,
        wallClock: Int64,
        touched: Bool = false
    ) -> Verdict {
        skipped[path] = nil
        guard var file = files[path] else {
            var file = TrackedFile(fingerprint: fingerprint, settlesAt: nil, announced: false, walkGeneration: generation)
            let verdict = settle(&file, path: path, now: now, wallClock: wallClock)
            files[path] = file
            return verdict
        }
        file.walkGeneration = generation
        defer { files[path] = file }
        guard file.fingerprint == fingerprint else {
            file.fingerprint = fingerprint
            return settle(&file, path: path, now: now, wallClock: wallClock)
        }
        guard let settlesAt = file.settlesAt else {
            return .unchanged
        }
        if touched {
            return restart(&file, path: path, now: now)
        }
        guard settlesAt <= now else {
            return .settling
        }
        file.settlesAt = nil
        file.announced = true
        return .stable(fingerprint)
    }

    /// Paths whose quiet period is over at `now`: stat them again and pass the result to `observe`.
    mutating func takeDue(at now: ContinuousClock.Instant) -> [String] {
        queue.popDue(at: now).compactMap { entry in
            files[entry.path]?.settlesAt == entry.due ? entry.path : nil
        }
    }

    /// Drops a file that is gone; true if it had been reported (so `.vanished` is due).
    mutating func forget(_ path: String) -> Bool {
        files.removeValue(forKey: path)?.announced ?? false
    }

    /// Counts a tracked file as seen by the current walk without a new fingerprint (it could not be
    /// examined); false if it is not tracked.
    mutating func keep(_ path: String) -> Bool {
        guard files[path] != nil else {
            return false
        }
        files[path]?.walkGeneration = generation
        return true
    }

    /// Notes a name that is not watched; true the first time, when `.skipped` is due.
    mutating func noteSkipped(_ path: String) -> Bool {
        defer { skipped[path] = generation }
        return skipped[path] == nil
    }

    /// Starts a full walk: whatever it does not see is gone afterwards.
    mutating func beginWalk() {
        generation &+= 1
    }

    /// Ends a full walk. Files it did not see are dropped, except below `unreadableDirectories`, whose
    /// contents are unknown rather than gone. Returns the dropped files that had been reported.
    mutating func finishWalk(keepingBelow unreadableDirectories: [String]) -> [String] {
        let prefixes = unreadableDirectories.map { $0 + "/" }
        let unseen = files.compactMap { path, file in
            file.walkGeneration != generation && !prefixes.contains(where: path.hasPrefix) ? path : nil
        }
        var vanished: [String] = []
        for path in unseen where forget(path) {
            vanished.append(path)
        }
        for (path, seen) in skipped where seen != generation {
            skipped[path] = nil
        }
        return vanished.sorted()
    }

    private mutating func settle(
        _ file: inout TrackedFile,
        path: String,
        now: ContinuousClock.Instant,
        wallClock: Int64
    ) -> Verdict {
        if wallClock - file.fingerprint.changeNanoseconds >= quietPeriod.nanoseconds {
            file.settlesAt = nil
            file.announced = true
            return .stable(file.fingerprint)
        }
        return restart(&file, path: path, now: now)
    }

    private mutating func restart(_ file: inout TrackedFile, path: String, now: ContinuousClock.Instant) -> Verdict {
        let due = now + quietPeriod
        file.settlesAt = due
        queue.append(path, due: due)
        return .settling
    }
}

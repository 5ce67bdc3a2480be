import Catalog
import Foundation
import Ingest
import Logging
import Watch

/// One pass of the daemon: take events, record them, plan, write one plate's ready wells, finalize,
/// report. Lives on the daemon's thread only.
struct Loop {
    private let catalog: Catalog
    private let logger: Logger
    private let intake: Intake
    private let planner: Planner
    private let writing: WellWriting
    private let finalizer: PlateFinalizer
    private let stalls: StallWatch
    private var hooks: HookRunner
    private var diskGuard: DiskGuard
    private let started: Double
    private var lastHeartbeat = Date.distantPast
    private var lastWatchdog = Date.distantPast
    private var lastPlan = Date.distantPast
    private var currentWork: String?
    /// Files reported during the first walk of each root; the rest of the catalogue's files vanished while
    /// the daemon was down.
    private var firstScan: [String: Set<String>]
    private let watchdogInterval: Duration?

    /// Events recorded per catalogue transaction: large enough for a 10,000-file burst to go quickly.
    static let batchSize = 2000

    init(configuration: DaemonConfiguration, catalog: Catalog, logger: Logger, started: Double) {
        self.catalog = catalog
        self.logger = logger
        self.started = started
        let roots = Dictionary(uniqueKeysWithValues: configuration.roots.map { ($0.settings.id, $0) })
        let plans = PlanCache()
        intake = Intake(roots: roots, endMarker: configuration.daemon.endMarker, plans: plans)
        planner = Planner(roots: roots, settings: configuration.daemon, plans: plans)
        writing = WellWriting(roots: roots, plans: plans, logger: logger)
        finalizer = PlateFinalizer(logger: logger)
        stalls = StallWatch(stallAfter: configuration.daemon.stallAfter)
        hooks = HookRunner(settings: configuration.daemon)
        diskGuard = DiskGuard(minFree: configuration.daemon.minFree,
                              outputs: configuration.roots.map { ($0.settings.id, $0.settings.output) },
                              catalogPath: configuration.catalogPath)
        firstScan = Dictionary(uniqueKeysWithValues: configuration.roots.map { ($0.settings.id, []) })
        watchdogInterval = SystemdNotifier().watchdogInterval
    }

    /// One step; true when there was work (the caller then loops again at once).
    mutating func step(inbox: EventInbox, notifier: SystemdNotifier, shouldStop: @escaping @Sendable () -> Bool) -> Bool {
        var busy = false
        do {
            let events = inbox.take(limit: Self.batchSize)
            if !events.isEmpty {
                do {
                    try record(events)
                    busy = true
                } catch {
                    // The catalogue refused (disk full, read-only): keep the events and try again shortly.
                    inbox.putBack(events)
                    throw error
                }
            }
            if busy || Date().timeIntervalSince(lastPlan) >= 1 {
                lastPlan = Date()
                try catalog.write { [planner] transaction in try planner.plan(transaction, now: Date().timeIntervalSince1970) }
                for line in try stalls.check(catalog, hooks: &hooks, now: Date().timeIntervalSince1970) { logger.warning("\(line)") }
            }
            try guardDisks()
            if let plate = try writing.nextPlate(catalog, skipping: diskGuard.pausedRoots) {
                busy = true
                currentWork = "writing plate \(plate.name)"
                heartbeat(status: .running, queue: inbox.count)
                let outcome = try writing.write(plate, catalog: catalog, progress: { _ in }, shouldStop: shouldStop)
                if outcome.failed { logger.warning("\(outcome.line)") } else { logger.info("\(outcome.line)") }
                currentWork = nil
                try raiseFailures(outcome.failures, of: plate)
            }
            try finalizer.finalizeComplete(catalog, hooks: &hooks)
            hooks.reap(catalog)
        } catch {
            logger.error("daemon step failed: \(error); continuing")
            currentWork = nil
        }
        if Date().timeIntervalSince(lastHeartbeat) >= 2 {
            heartbeat(status: .running, queue: inbox.count)
        }
        if let interval = watchdogInterval, Date().timeIntervalSince(lastWatchdog) >= interval / .seconds(1) {
            lastWatchdog = Date()
            try? notifier.watchdog()
            try? notifier.status(statusLine())
        }
        return busy
    }

    /// Records what is still queued when stopping, so nothing the watcher saw is lost.
    mutating func drain(inbox: EventInbox) {
        while case let events = inbox.take(limit: Self.batchSize), !events.isEmpty {
            do { try record(events) } catch { logger.error("recording events at stop failed: \(error)") }
        }
    }

    private mutating func record(_ events: [WatchEvent]) throws {
        for event in events {
            switch event {
            case let .stable(root, path, _): firstScan[root]?.insert(path)
            case let .scanFinished(root, files, seconds):
                if let seen = firstScan.removeValue(forKey: root) {
                    try catalog.write { transaction in try transaction.recordVanishedWhileStopped(root: root, seen: seen) }
                    logger.info("root \(root): first scan found \(files) file(s) in \(String(format: "%.2f", seconds)) s")
                }
            default: continue
            }
        }
        let summary = try catalog.write { [intake] transaction in
            try intake.apply(events, to: transaction, now: Date().timeIntervalSince1970)
        }
        if summary.rejected > 0 { logger.warning("\(summary.rejected) file(s) rejected; see platedrop files --state rejected") }
    }

    /// The disk guard's pass: pauses that begin are recorded and raise `on_failure` once each; folders with room
    /// again resume.
    private mutating func guardDisks() throws {
        let now = Date().timeIntervalSince1970
        let changes = diskGuard.check(now: now)
        for pause in changes.paused {
            logger.error("writing paused: \(pause.path) has \(pause.freeBytes) bytes free, below min_free (\(pause.minFreeBytes) bytes)")
            try catalog.write { transaction in
                try transaction.pauseWrites(pause)
                try hooks.run(.onFailure, summary: AlertSummary.writesPaused(pause, now: now), in: transaction)
            }
        }
        for resumed in changes.resumed {
            logger.notice("writing resumed: \(resumed.path) has \(resumed.freeBytes) bytes free")
            try catalog.write { transaction in try transaction.resumeWrites(on: resumed.path, freeBytes: resumed.freeBytes) }
        }
    }

    /// `on_failure` for the wells of `plate` a write failed: once when a well first fails, and once more when it
    /// fails for good (automatic retries spent); the attempts in between are only logged (well-failed).
    private mutating func raiseFailures(_ failures: [WellRecord], of plate: PlateRecord) throws {
        let raised = failures.filter { $0.attempts == 1 || !$0.retriesAutomatically }
        guard !raised.isEmpty else { return }
        let now = Date().timeIntervalSince1970
        let started = try catalog.write { transaction in
            try hooks.run(.onFailure, summary: AlertSummary.wellsFailed(plate, wells: raised, now: now), plate: plate.id,
                          in: transaction)
        }
        if let started { logger.info("plate \(plate.name): \(started)") }
    }

    mutating func heartbeat(status: DaemonStatus, queue: Int = 0, stopped: Bool = false) {
        lastHeartbeat = Date()
        let record = DaemonRecord(pid: getpid(), startedAt: started, heartbeatAt: lastHeartbeat.timeIntervalSince1970,
                                  status: status, currentWork: currentWork, queueLength: queue,
                                  stoppedAt: stopped ? lastHeartbeat.timeIntervalSince1970 : nil,
                                  writePauses: diskGuard.pauses)
        do {
            try catalog.write { transaction in try transaction.saveHeartbeat(record) }
        } catch {
            logger.error("heartbeat failed: \(error)")
        }
    }

    private func statusLine() -> String {
        let paused = diskGuard.pauses.isEmpty ? "" : "; writing paused (low disk space: \(diskGuard.pauses.map(\.path).joined(separator: ", ")))"
        return (currentWork ?? "idle") + paused
    }
}

import Catalog
import Dispatch
import Foundation
import Ingest
import Logging
import PlateDropWeb
import Synchronization
import Watch
import Zarr

/// `platedrop serve`: watch → intake → plan → write → finalize, in one loop on one thread, so catalogue
/// writes are serialized and every step sees the previous one's result. The watcher runs on its own
/// thread; well writing fans out over the cores inside the Ingest module.
public final class PlateDropDaemon: Sendable {
    private let configuration: DaemonConfiguration
    private let logger: Logger
    private let inbox = EventInbox()
    private let stopRequested = Atomic<Bool>(false)
    private let notifier = SystemdNotifier()

    public init(configuration: DaemonConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Asks the loop to stop after the step in progress (SIGTERM, SIGINT).
    public func requestStop() {
        stopRequested.store(true, ordering: .relaxed)
        inbox.wake()
    }

    /// Runs until `requestStop()` or SIGTERM / SIGINT; throws when the daemon cannot start (catalogue locked
    /// or corrupt, watcher).
    public func run() throws {
        let signals = SignalHandlers(stop: requestStop, logger: logger)
        defer { withExtendedLifetime(signals) {} }
        let lock = try CatalogLock(catalogPath: configuration.catalogPath)
        let catalog = try Catalog(path: configuration.catalogPath)
        let started = Date().timeIntervalSince1970
        try recover(catalog, started: started)
        sweepInterruptedWrites()
        let web = try startWebView()
        defer { web?.stop() }
        let rescan = configuration.daemon.rescanInterval
        let watcher = try FolderWatcher(roots: configuration.roots.map { $0.watchRoot(rescanInterval: rescan) })
        let forwarding = Task { [inbox] in
            for await event in watcher.events { inbox.append(event) }
        }
        try watcher.start()
        try? notifier.ready()
        logger.notice("platedrop serving \(configuration.roots.count) watched folder(s); catalogue \(configuration.catalogPath)")

        var loop = Loop(configuration: configuration, catalog: catalog, logger: logger, started: started)
        while !stopRequested.load(ordering: .relaxed) {
            let busy = loop.step(inbox: inbox, notifier: notifier) { [self] in stopRequested.load(ordering: .relaxed) }
            if !busy { inbox.wait(timeout: .milliseconds(250)) }
        }
        try? notifier.stopping()
        logger.notice("stopping: watcher first, then the catalogue")
        watcher.stop()
        forwarding.cancel()
        loop.drain(inbox: inbox)
        loop.heartbeat(status: .stopped, stopped: true)
        withExtendedLifetime(lock) {}
    }

    /// After a crash: wells caught mid-write go back to `ready` (their staging is cleared before the next
    /// write) and the daemon row says who runs now.
    private func recover(_ catalog: Catalog, started: Double) throws {
        let roots = configuration.roots.map { root in
            RootRecord(id: root.settings.id, path: root.settings.path, layout: root.layout.name,
                       output: root.settings.output, state: .starting, updatedAt: started)
        }
        try catalog.write { transaction in try transaction.startDaemon(pid: getpid(), roots: roots, at: started) }
    }
}

extension PlateDropDaemon {
    /// Removes what writes cut short by a crash left in the output folders: staging folders beside plates,
    /// temporary files of atomic writes (`.<name>.tmp-<pid>-<random>`) and plate write locks no process holds
    /// (each goes when the sweep releases it). Each plate's under its write lock: a plate that another process
    /// (an ingest) is writing right now keeps its files.
    private func sweepInterruptedWrites() {
        let manager = FileManager.default
        for output in Set(configuration.roots.map(\.settings.output)) {
            guard let enumerator = manager.enumerator(atPath: output) else { continue }
            var leftovers: [String: [String]] = [:]
            while let relative = enumerator.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                let isStaging = name.hasPrefix(".") && name.hasSuffix(".ome.zarr.staging")
                let isLock = name.hasPrefix(".") && name.hasSuffix(".ome.zarr.lock")
                guard isStaging || isLock || FileStore.isTemporaryName(name) else { continue }
                if isStaging { enumerator.skipDescendants() }
                // A lock file goes when the sweep releases it; removing it while held could take another writer's.
                leftovers[Self.plateStore(containing: relative), default: []] += isLock ? [] : [relative]
            }
            var removed = 0
            for (store, paths) in leftovers.sorted(by: { $0.key < $1.key }) {
                do {
                    try PlateWriteLock.holding(output + "/" + store) { () throws(IngestError) in
                        for relative in paths where (try? manager.removeItem(atPath: output + "/" + relative)) != nil { removed += 1 }
                    }
                } catch {
                    logger.notice("left \(paths.count) file(s) of \(store) in \(output): \(error)")
                }
            }
            if removed > 0 {
                logger.notice("removed \(removed) leftover(s) of interrupted writes in \(output)")
            }
        }
    }

    /// The plate store (its name in the output folder) that an output-relative path belongs to: its first
    /// component, with `.<plate>.ome.zarr.staging` and `.<plate>.ome.zarr.lock` taken for `<plate>.ome.zarr`.
    private static func plateStore(containing relative: String) -> String {
        let first = String(relative.split(separator: "/").first ?? "")
        guard first.hasPrefix("."), let suffix = [".staging", ".lock"].first(where: first.hasSuffix) else { return first }
        return String(first.dropFirst().dropLast(suffix.count))
    }
}

extension PlateDropDaemon {
    /// The web view, when configured; started before the loop so the metrics the loop records reach it, and
    /// before the watcher so an address it cannot listen on stops the daemon at once.
    private func startWebView() throws -> WebServer? {
        guard let listen = configuration.webListen else { return nil }
        let server = WebServer(listen: listen, catalogPath: configuration.catalogPath, logger: logger)
        let address = try server.start()
        logger.notice("web view at http://\(address)/ (metrics at /metrics)")
        return server
    }
}

extension DaemonConfiguration.Root {
    func watchRoot(rescanInterval: Duration) -> WatchRoot {
        WatchRoot(id: settings.id, path: settings.path, mode: settings.poll ? .polling : .automatic,
                  quietPeriod: settings.quietPeriod, pollInterval: settings.pollInterval, rescanInterval: rescanInterval)
    }
}

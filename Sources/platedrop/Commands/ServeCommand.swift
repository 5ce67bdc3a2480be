import ArgumentParser
import Config
import Dispatch
import Foundation
import Logging
import PlateDropDaemon

/// `platedrop serve`: the daemon. Runs under systemd (Type=notify) or in a terminal.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Watch export folders and write each plate's wells as they complete.",
        discussion: "Reads --config (default $PLATEDROP_CONFIG, else /etc/platedrop/platedrop.toml). With --watch the "
            + "folders come from the command line instead and no config file is needed. SIGTERM or SIGINT stop it "
            + "cleanly; SIGHUP is ignored (restart to apply config changes).")

    @Option(help: "Config file.")
    var config: String?

    @Option(help: "Watch this folder (repeatable); replaces the config's [[watch]] folders.")
    var watch: [String] = []

    @Option(help: "Output folder for --watch folders.")
    var out: String?

    @Option(help: "Catalogue file (overrides the config).")
    var catalog: String?

    @Option(help: "Layout for --watch folders.")
    var layout = "auto"

    @Option(name: .customLong("quiet-period"), help: "How long a file must stay unchanged, e.g. 30s (for --watch folders).")
    var quietPeriod: String?

    @Flag(help: "Poll --watch folders instead of using inotify.")
    var poll = false

    @Option(name: .customLong("poll-interval"), help: "How often polled --watch folders are walked, e.g. 30s.")
    var pollInterval: String?

    @Option(name: .customLong("plate-timeout"), help: "Complete a plate after this long without new files, e.g. 2h.")
    var plateTimeout: String?

    @Option(help: "Serve the read-only web view and /metrics at ADDRESS:PORT, e.g. 127.0.0.1:8470 or [::1]:8470 (overrides [web] listen).")
    var web: String?

    func run() throws {
        LoggingSystem.bootstrap { JournalLogHandler(label: $0) }
        let logger = Logger(label: "platedrop")
        let settings = try resolvedConfig()
        let daemon = PlateDropDaemon(configuration: try DaemonConfiguration(config: settings), logger: logger)
        do {
            try daemon.run()
        } catch {
            logger.critical("\(error)")
            throw ExitCode(1)
        }
    }

    private func resolvedConfig() throws -> PlateDropConfig {
        let defaultPath = ProcessInfo.processInfo.environment["PLATEDROP_CONFIG"] ?? "/etc/platedrop/platedrop.toml"
        var settings: PlateDropConfig
        if let config {
            settings = try PlateDropConfig.load(path: config)
        } else if watch.isEmpty {
            settings = try PlateDropConfig.load(path: defaultPath)
        } else {
            settings = PlateDropConfig()
        }
        if !watch.isEmpty {
            guard let out else { throw ValidationError("--watch needs --out (where plates are written)") }
            let quiet = try quietPeriod.map { text in
                guard let value = DurationText.parse(text) else { throw ValidationError("--quiet-period \(text) is not a duration like 30s") }
                return value
            } ?? .seconds(30)
            let interval = try pollInterval.map { text in
                guard let value = DurationText.parse(text) else { throw ValidationError("--poll-interval \(text) is not a duration like 30s") }
                return value
            } ?? .seconds(30)
            settings.watches = watch.map { path in
                WatchSettings(id: path, path: path, layout: layout, output: out, quietPeriod: quiet, poll: poll,
                              pollInterval: interval)
            }
        }
        if let catalog { settings.daemon.catalog = catalog }
        if let web {
            switch ListenAddress.parse(web) {
            case let .success(address): settings.web.listen = address
            case let .failure(problem): throw ValidationError("--web: \(problem)")
            }
        }
        if let plateTimeout {
            guard let value = DurationText.parse(plateTimeout) else { throw ValidationError("--plate-timeout \(plateTimeout) is not a duration") }
            settings.daemon.plateTimeout = value
        }
        guard !settings.watches.isEmpty else {
            throw ValidationError("nothing to watch: add [[watch]] folders to the config or pass --watch DIR --out DIR")
        }
        return settings
    }
}

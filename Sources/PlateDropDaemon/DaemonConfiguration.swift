import Config
import Foundation
import Ingest
import Layouts

/// Everything `platedrop serve` runs with, resolved from the config file and the command line.
public struct DaemonConfiguration: Sendable {
    /// One watched folder, with its layout and its output settings resolved.
    public struct Root: Sendable {
        public let settings: WatchSettings
        public let layout: any InstrumentLayout
        /// How its plates are written: its own settings or `[output]`'s; chunks are always flushed before a
        /// well is published, and the worker count is the daemon's.
        public let output: IngestOptions
    }

    public let catalogPath: String
    public let roots: [Root]
    public let daemon: DaemonSettings
    /// Where the web view listens; nil: no web view.
    public let webListen: ListenAddress?

    /// Resolves every root's layout; `auto` roots recognise each file by the built-in layouts.
    public init(config: PlateDropConfig) throws {
        catalogPath = config.daemon.catalog
        daemon = config.daemon
        webListen = config.web.listen
        roots = try config.watches.map { settings in
            let path = URL(fileURLWithPath: settings.path).standardizedFileURL.path
            var resolved = settings
            resolved.path = path
            let folderName = ImageKey.safePlateName(URL(fileURLWithPath: path).lastPathComponent) ?? "plate"
            let layout: any InstrumentLayout = settings.layout == "auto"
                ? AutoLayout(defaultPlateName: folderName)
                : try config.layout(named: settings.layout, exportRoot: path)
            var output = settings.outputOptions ?? config.output
            output.workers = config.output.workers
            output.durableChunks = true
            output.overwrite = true
            return Root(settings: resolved, layout: layout, output: output)
        }
    }
}

/// The `[daemon]` section: where the catalogue lives and how plates are completed.
public struct DaemonSettings: Sendable, Hashable {
    /// The SQLite catalogue (local disk: WAL does not work over a network file system).
    public var catalog: String
    /// A plate with no new file for this long is complete.
    public var plateTimeout: Duration
    /// Full rescan period of inotify-watched roots (catches anything events missed).
    public var rescanInterval: Duration
    /// Run when a plate is finalized, with the plate path appended as one argument; never through a shell.
    public var onComplete: [String]
    /// A file whose name matches marks its plate as complete (e.g. a vendor "done" sidecar), glob syntax.
    public var endMarker: String?

    public init(catalog: String = "/var/lib/platedrop/catalog.sqlite", plateTimeout: Duration = .seconds(2 * 3600),
                rescanInterval: Duration = .seconds(600), onComplete: [String] = [], endMarker: String? = nil) {
        self.catalog = catalog
        self.plateTimeout = plateTimeout
        self.rescanInterval = rescanInterval
        self.onComplete = onComplete
        self.endMarker = endMarker
    }
}

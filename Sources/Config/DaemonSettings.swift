/// The `[daemon]` section: where the catalogue lives and how plates are completed.
public struct DaemonSettings: Sendable, Hashable {
    /// The SQLite catalogue (local disk: WAL does not work over a network file system).
    public var catalog: String
    /// A plate with no new file for this long is complete.
    public var plateTimeout: Duration
    /// Full rescan period of inotify-watched roots (catches anything events missed).
    public var rescanInterval: Duration
    /// Run when a plate is finalized, with the plate path appended as one argument; never through a shell. Every
    /// hook gets a JSON summary on its standard input (docs/operations.md §6).
    public var onComplete: [String]
    /// Run when wells fail to write, and when the disk guard pauses writing.
    public var onFailure: [String]
    /// Run when a plate that is not complete has had no new file for `stallAfter`.
    public var onStall: [String]
    /// Run when a plate is finalized without every planned image (its done marker says `complete: false`).
    public var onIncomplete: [String]
    /// A plate still receiving with no new file for this long is stalled (plate-stalled, `on_stall`); zero: never.
    public var stallAfter: Duration
    /// Below this much free space on a root's output file system, or on the catalogue's, no new well write
    /// starts until space returns; nil: no guard.
    public var minFree: FreeSpaceThreshold?
    /// A file whose name matches marks its plate as complete (e.g. a vendor "done" sidecar), glob syntax.
    public var endMarker: String?

    public init(catalog: String = "/var/lib/platedrop/catalog.sqlite", plateTimeout: Duration = .seconds(2 * 3600),
                rescanInterval: Duration = .seconds(600), onComplete: [String] = [], onFailure: [String] = [],
                onStall: [String] = [], onIncomplete: [String] = [], stallAfter: Duration = .seconds(3600),
                minFree: FreeSpaceThreshold? = nil, endMarker: String? = nil) {
        self.catalog = catalog
        self.plateTimeout = plateTimeout
        self.rescanInterval = rescanInterval
        self.onComplete = onComplete
        self.onFailure = onFailure
        self.onStall = onStall
        self.onIncomplete = onIncomplete
        self.stallAfter = stallAfter
        self.minFree = minFree
        self.endMarker = endMarker
    }
}

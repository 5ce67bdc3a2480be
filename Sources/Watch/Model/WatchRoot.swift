/// A folder tree to observe, and how.
public struct WatchRoot: Sendable, Hashable {
    /// Names the root in every event.
    public let id: String
    /// Absolute path of the folder, without a trailing slash.
    public let path: String
    public var mode: WatchMode
    /// How long a file's fingerprint must stay unchanged before it is reported stable.
    public var quietPeriod: Duration
    /// Walk interval of polled roots; also how often a missing root is looked for again and an inotify
    /// root is checked for having been replaced or mounted over.
    public var pollInterval: Duration
    /// Full rescan interval of inotify roots, which catches whatever the events missed.
    public var rescanInterval: Duration
    /// Whether symbolic links are followed; when not, each is reported once as `.skipped`.
    public var followSymlinks: Bool

    public init(
        id: String,
        path: String,
        mode: WatchMode = .automatic,
        quietPeriod: Duration = .seconds(30),
        pollInterval: Duration = .seconds(30),
        rescanInterval: Duration = .seconds(600),
        followSymlinks: Bool = false
    ) {
        self.id = id
        self.path = Self.normalized(path)
        self.mode = mode
        self.quietPeriod = quietPeriod
        self.pollInterval = pollInterval
        self.rescanInterval = rescanInterval
        self.followSymlinks = followSymlinks
    }

    /// Trailing slashes are dropped so that event paths (`dir/` + name) map back to one spelling.
    private static func normalized(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") {
            trimmed = trimmed.dropLast()
        }
        return String(trimmed)
    }
}
